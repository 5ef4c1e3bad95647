"""Per-body completion on the public page /resultat/: anonymous, from the nightly snapshot, with the
small-group rule (a body under five holders is hidden, and so is a figure that could be worked out
by subtraction), each hidden cell with its reason, and no share of everyone or no one."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.courses.models import Enrolment, EnrolmentSource
from lms.organisation.models import Audience
from lms.reports import bodies, services
from lms.requirements.models import AssignmentHolders, Requirement
from tests.courses.factories import make_course
from tests.factories import PersonFactory
from tests.politics.factories import AssignmentFactory, BodyFactory, TermFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
NOW = datetime(2027, 2, 1, 9, tzinfo=TZ)


@pytest.fixture
def course(home_page):
    course, _lessons = make_course(title="Introduktionskursen", lessons=1)
    Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.ALL, due_days=90)
    return course


def body_with(course, name, holders, done):
    term = TermFactory(body=BodyFactory(name=name))
    for n in range(holders):
        person = PersonFactory(audience=Audience.POLITICIAN, user__last_name=f"Hemlig{name}{n}")
        AssignmentFactory(person=person, term=term)
        if n < done:
            Enrolment.objects.create(
                person=person,
                course=course,
                source=EnrolmentSource.ASSIGNED,
                is_required=True,
                completed_at=datetime.combine(date(2027, 1, 15), datetime.min.time(), tzinfo=TZ),
            )
    return term


def cells(found):
    return {name: (None if cell.suppressed else (cell.required, cell.completed)) for name, cell in found.bodies}


def test_large_bodies_shown_and_a_small_one_hidden_with_what_would_reveal_it(course):
    body_with(course, "Kommunstyrelsen", 7, 4)
    body_with(course, "Valnämnden", 6, 2)
    body_with(course, "Kulturnämnden", 6, 3)
    body_with(course, "Krisledningsnämnden", 3, 1)
    with time_machine.travel(NOW, tick=False):
        (found,) = bodies.public_body_completion()
    shown = cells(found)
    assert shown["Krisledningsnämnden"] is None  # 3 holders: under five
    # total 22 minus the shown bodies must not leave the small body alone: the smallest shown
    # body (6 holders) is hidden too, though it is large enough by itself
    assert shown["Kommunstyrelsen"] == (7, 4)
    assert [shown["Valnämnden"], shown["Kulturnämnden"]].count(None) == 1
    assert (found.total.required, found.total.completed, found.total.suppressed) == (22, 10, False)


HOLDERS, DONE = '<td data-label="Uppdragsinnehavare">', '<td data-label="Genomförda">'


def read(client) -> str:
    """The page's main part (the header's forms carry a fresh CSRF token each time)."""
    with time_machine.travel(NOW, tick=False):
        page = client.get("/resultat/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def snapshot_and_read(client) -> str:
    with time_machine.travel(NOW, tick=False):
        services.public_snapshot_refresh()
    return read(client)


def test_a_body_of_six_is_shown_on_the_page_and_no_name_is(client, course):
    body_with(course, "Kommunstyrelsen", 6, 3)
    page = snapshot_and_read(client)
    assert "Förtroendevaldas utbildning" in page
    # Each cell says what it is: a card on a phone (issue 34).
    assert f'<th scope="row">Kommunstyrelsen</th>{HOLDERS}6</td>{DONE}3 (50\xa0%)</td>' in page
    assert "Hemlig" not in page


def test_a_body_of_three_is_hidden_on_the_page_and_the_one_that_would_reveal_it_says_so(client, course):
    body_with(course, "Kommunstyrelsen", 6, 3)
    body_with(course, "Valnämnden", 3, 1)
    page = snapshot_and_read(client)
    assert '<th scope="row">Valnämnden</th><td colspan="2">Visas inte: färre än fem</td>' in page
    # 9 - 6 would give the small body: the body of six is hidden as well, with that reason
    assert '<th scope="row">Kommunstyrelsen</th><td colspan="2">Visas inte: skulle röja en annan grupp</td>' in page
    assert "Hemlig" not in page


@pytest.mark.parametrize("done", [0, 6, 7])
def test_a_body_where_everyone_or_no_one_completed_shows_a_band_and_no_count(client, course, done):
    body_with(course, "Kommunstyrelsen", 7, done)
    page = snapshot_and_read(client)
    band = {0: "högst 15\xa0%", 6: "minst 85\xa0%", 7: "minst 85\xa0%"}[done]
    assert f'<th scope="row">Kommunstyrelsen</th>{HOLDERS}7</td>{DONE}{band}</td>' in page
    # no exact 0 % or 100 % anywhere ("minst 90 %", "högst 10 %" in the page's explanation are bands)
    assert not re.search(r"(?<![\d,])0\xa0%", page) and "100\xa0%" not in page
    assert f"{DONE}{done} (" not in page


def test_bodies_whose_holders_are_the_same_but_for_one_are_not_both_shown(client, course):
    term = body_with(course, "Kommunfullmäktige", 8, 4)
    other = TermFactory(body=BodyFactory(name="Kommunstyrelsen"))
    for assignment in term.assignments.all()[:7]:
        AssignmentFactory(person=assignment.person, term=other)
    page = snapshot_and_read(client)
    assert "Visas inte: överlappande uppdrag" in page


def test_the_page_does_not_move_when_a_member_completes_until_the_next_snapshot(client, course):
    term = body_with(course, "Kommunstyrelsen", 10, 5)
    before = snapshot_and_read(client)
    person = term.assignments.filter(person__enrolments__isnull=True).first().person
    Enrolment.objects.create(
        person=person,
        course=course,
        source=EnrolmentSource.ASSIGNED,
        is_required=True,
        completed_at=datetime(2027, 1, 20, 12, tzinfo=TZ),
    )
    assert read(client) == before
    assert f"{DONE}6 (60\xa0%)</td>" in snapshot_and_read(client)


def test_query_count_does_not_grow_with_the_holders(course):
    body_with(course, "Kommunstyrelsen", 6, 2)
    body_with(course, "Valnämnden", 5, 2)
    with time_machine.travel(NOW, tick=False):
        with CaptureQueriesContext(connection) as few:
            bodies.public_body_completion()
        body_with(course, "Kommunstyrelsen2", 30, 10)
        with CaptureQueriesContext(connection) as many:
            bodies.public_body_completion()
    assert len(many) == len(few)


def test_the_page_reads_the_bodies_snapshot_in_one_query(course):
    body_with(course, "Kommunstyrelsen", 6, 2)
    body_with(course, "Valnämnden", 7, 3)
    with time_machine.travel(NOW, tick=False):
        services.public_snapshot_refresh()
    with CaptureQueriesContext(connection) as queries:
        (table,) = bodies.public_body_table()
    assert len(queries) == 1
    assert [(f.body_name, f.required, f.completed) for f in table.bodies] == [
        ("Kommunstyrelsen", 6, 2),
        ("Valnämnden", 7, 3),
    ]
    assert (table.total.required, table.total.completed) == (13, 5)
