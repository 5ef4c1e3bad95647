"""Differencing between releases (issue 26): with random populations and random sequences of
answers and nightly releases, run through the real answering service and the real release, no
answer can be told apart from fewer than four others by comparing what any two releases show.

Every figure the results show is counted over the released (``shown``) answer sets of one group:
the whole group, an administration or company (also a limited HR user's part of the group), the
people outside them, an audience. Whatever an observer does with the figures of every group at every
release (subtract one release from the next, one group from another, the total from the sum of the
shown groups), the finest thing they can single out is a class of answers that belong to exactly
the same of those sets: so each such class must hold at least five answers, or none. (That over-
approximates the observer: sums and differences of counts cannot separate more than that.)

Each simulated person writes a unique mark as free text, so the test can follow an answer into the
release's tables; the service cannot (the mark is just text to it).
"""

import itertools
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.access.roles import ensure_roles
from lms.core.disclosure import MIN_GROUP
from lms.organisation.models import Audience
from lms.surveys import results, services
from lms.surveys.models import Answer
from tests.factories import PersonFactory, hr_user

from .factories import make_survey

pytestmark = pytest.mark.django_db

NIGHT = -1
PER_CELL = 14
BASE = timezone.localdate() - timedelta(days=400)
SURVEY_NUMBERS = itertools.count()  # examples share the test's transaction: each its own survey


@pytest.fixture
def population(group):
    """Six cells (administration or outside, audience), PER_CELL people each."""
    cells = [
        (group["unit_a"], Audience.STAFF),
        (group["unit_a"], Audience.MANAGER),
        (group["unit_b"], Audience.STAFF),
        (group["unit_b"], Audience.MANAGER),
        (group["committee"], Audience.POLITICIAN),
        (group["root"], Audience.STAFF),
    ]
    people = [[PersonFactory(org_unit=unit, audience=audience) for _ in range(PER_CELL)] for unit, audience in cells]
    ensure_roles()
    hr = hr_user(username="hr-differens")
    return people, hr


def groups_of(cell, units) -> list[str]:
    """Every published group an answer set of this cell counts in (results.py's groupings)."""
    unit, audience = cell
    return ["total", f"unit:{units.get(unit, 'outside')}", f"audience:{audience}"]


def night(day: int) -> datetime:
    return timezone.make_aware(datetime.combine(BASE + timedelta(days=day + 1), time(2, 45)))


events = st.lists(st.one_of(st.integers(min_value=0, max_value=5), st.just(NIGHT)), min_size=1, max_size=70)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=events, close=st.booleans(), same_night_again=st.booleans())
def test_no_answer_stands_out_from_fewer_than_five_by_comparing_releases(
    population, group, events, close, same_night_again
):
    people, hr = population
    survey = make_survey(title=f"Enkät {next(SURVEY_NUMBERS)}", opens_on=BASE)
    units = {group["adm_a"].pk: "A", group["adm_b"].pk: "B"}
    used = [0] * len(people)
    day = 0
    published: list[dict[str, frozenset[str]]] = []

    def run_release(when: datetime) -> None:
        services.survey_release(survey_id=survey.pk, now=when)
        shown = Answer.objects.filter(survey=survey, question_key="comment", shown=True).values_list(
            "text", "reporting_unit_id", "audience"
        )
        sets: dict[str, set[str]] = {}
        for mark, unit, audience in shown:
            for name in groups_of((unit, audience), units):
                sets.setdefault(name, set()).add(mark)
        published.append({name: frozenset(marks) for name, marks in sets.items()})
        # The figure HR reads is this very set's size: the test follows what the pages show.
        assert results.survey_results(user=hr, survey=survey).respondents == len(sets.get("total", ()))

    for event in events:
        if event == NIGHT:
            run_release(night(day))
            if same_night_again:
                run_release(night(day) + timedelta(hours=1))
            day += 1
            continue
        if used[event] == PER_CELL:
            continue
        person = people[event][used[event]]
        used[event] += 1
        services.survey_answer(
            survey=survey,
            person=person,
            answers={"policy-known": ["4"], "comment": f"m{person.pk}"},
            today=BASE + timedelta(days=day),
        )
    if close:
        type(survey).objects.filter(pk=survey.pk).update(closes_on=BASE + timedelta(days=day))
    run_release(night(day))

    # The classes of answers that every published set, at every release, treats alike.
    shown_marks = set().union(*(release.get("total", frozenset()) for release in published))
    signatures: dict[tuple, set[str]] = {}
    keys = sorted({name for release in published for name in release})
    for mark in shown_marks:
        signature = tuple(mark in release.get(name, ()) for release in published for name in keys)
        signatures.setdefault(signature, set()).add(mark)
    small = [marks for marks in signatures.values() if len(marks) < MIN_GROUP]
    assert small == [], (events, close, small)
    # And each release differs from the one before by nothing, or by at least five in every group.
    for earlier, later in zip(published, published[1:], strict=False):
        for name in keys:
            new = later.get(name, frozenset()) - earlier.get(name, frozenset())
            assert len(new) == 0 or len(new) >= MIN_GROUP, (name, len(new))
            assert earlier.get(name, frozenset()) <= later.get(name, frozenset())  # nothing is taken back
