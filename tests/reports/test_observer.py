"""The observer (issue 26, items 4-6): someone reads every page that shows poll or completion
figures, one person acts (votes, changes a vote, completes a required course as a council member),
and the observer reads them all again. Nothing may move before the next release (a poll's tally,
moved by five waiting answers) or the nightly snapshot (/resultat/); after it, the change shows.

/resultat/ is read whole (its surveys section is another part's; here there is none). No admin page
shows poll counts: votes have no admin view at all (tests/polls/test_privacy.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from lms.courses import services as course_services
from lms.courses.models import Enrolment, EnrolmentSource
from lms.organisation.models import Audience, OrgUnitKind
from lms.polls import services as poll_services
from lms.reports import services
from lms.reports.tasks import snapshot_public_figures_task
from lms.requirements.models import AssignmentHolders, Requirement
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory
from tests.politics.factories import AssignmentFactory, BodyFactory, TermFactory
from tests.polls.factories import make_poll_lesson, the_poll, votes

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
NOW = datetime(2027, 2, 1, 9, tzinfo=TZ)  # within the committees' term elected in 2026


@pytest.fixture
def travelled():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(travelled, home_page):
    """An administration with eight staff (four done) and a council of ten (five done) on a course
    required of everyone there; a lesson whose poll ten have answered (released: 6, 4, 0)."""
    municipality = OrgUnitFactory(name="Kommunen", kind=OrgUnitKind.MUNICIPALITY)
    administration = OrgUnitFactory(
        name="Kommunledningsförvaltningen", kind=OrgUnitKind.ADMINISTRATION, parent=municipality
    )
    course, (lesson,) = make_course(title="Introduktion för förtroendevalda", lessons=1)
    Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.ALL, due_days=90)
    term = TermFactory(body=BodyFactory(name="Kommunfullmäktige"))
    members = []
    for n in range(18):
        politician = n < 10
        person = PersonFactory(org_unit=administration, audience=Audience.POLITICIAN if politician else Audience.STAFF)
        if politician:
            AssignmentFactory(person=person, term=term)
            members.append(person)
        done = n in (0, 1, 2, 3, 4, 10, 11, 12, 13)
        Enrolment.objects.create(
            person=person,
            course=course,
            source=EnrolmentSource.ASSIGNED,
            is_required=True,
            completed_at=datetime(2027, 1, 15, 12, tzinfo=TZ) if done else None,
        )
    _poll_course, poll_lesson = make_poll_lesson()
    voters = votes(poll_lesson, [6, 4])
    snapshot_public_figures_task()  # last night's
    return {
        "lesson": lesson,
        "member_not_done": members[-1],
        "poll_lesson": poll_lesson,
        "observer_a": voters[0],  # answered "Tacka ja"
        "observer_b": voters[6],  # answered "Tacka nej"
        "changes_mind": voters[1],
    }


def main_part(html: bytes) -> str:
    """The page's main part, without forms (their CSRF tokens are new on every request)."""
    main = BeautifulSoup(html, "html.parser").select_one("main")
    for form in main.select("form"):
        form.decompose()
    return str(main)


def observe(client, world) -> dict[str, str]:
    seen = {}
    client.logout()
    response = client.get("/resultat/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    seen["/resultat/"] = main_part(response.content)
    for name in ("observer_a", "observer_b"):
        client.force_login(world[name].user)
        response = client.get(world["poll_lesson"].url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200
        seen[name] = main_part(response.content)
    client.logout()
    return seen


def poll_rows(page: str) -> list[str]:
    return [
        " ".join(li.get_text().split())
        for li in BeautifulSoup(page, "html.parser").select("[data-testid=poll-results] li")
    ]


def body_row(page: str) -> str:
    row = BeautifulSoup(page, "html.parser").find("th", string="Kommunfullmäktige").parent
    return " ".join(row.get_text(" ").split())


def test_nothing_moves_when_one_person_acts_until_the_next_release_or_snapshot(client, world):
    poll = the_poll(world["poll_lesson"])
    before = observe(client, world)

    # One new vote, one changed vote, one council member completing the required course (and the
    # roll-up refreshed, as beat does every five minutes).
    (newcomer,) = votes(world["poll_lesson"], [0, 1])
    poll_services.poll_vote(
        user=world["changes_mind"].user, page=world["poll_lesson"], poll_id=poll.id, choice_id=poll.choices[2].id
    )
    enrolment = course_services.lesson_mark_done(person=world["member_not_done"], lesson=world["lesson"])
    assert enrolment.is_completed
    services.summary_refresh()
    assert observe(client, world) == before
    assert poll_rows(before["observer_a"]) == [
        "Tacka ja (ditt svar) 6 svar, 60 %",
        "Tacka nej 4 svar, 40 %",
        "Fråga chefen 0 svar, 0 %",
    ]
    assert body_row(before["/resultat/"]) == "Kommunfullmäktige 10 5 (50 %)"

    # Two more answers: four waiting, still nothing.
    votes(world["poll_lesson"], [0, 0, 2])
    assert observe(client, world) == before

    # The fifth waiting answer releases the poll's counts; the snapshot has not run: /resultat/ stays.
    votes(world["poll_lesson"], [0, 0, 1])
    after_release = observe(client, world)
    assert after_release["/resultat/"] == before["/resultat/"]
    assert poll_rows(after_release["observer_a"]) == [
        "Tacka ja (ditt svar) 5 svar, 36 %",
        "Tacka nej 5 svar, 36 %",
        "Fråga chefen 4 svar, 29 %",
    ]
    assert poll_rows(after_release["observer_b"])[1] == "Tacka nej (ditt svar) 5 svar, 36 %"

    # The nightly snapshot: now the completion shows, as the rule allows.
    snapshot_public_figures_task()
    after_snapshot = observe(client, world)
    assert after_snapshot["/resultat/"] != before["/resultat/"]
    assert body_row(after_snapshot["/resultat/"]) == "Kommunfullmäktige 10 6 (60 %)"


def test_resultat_shows_no_exact_0_or_100_percent_for_a_body(client, world):
    for person in Enrolment.objects.filter(completed_at__isnull=True, person__political_assignments__isnull=False):
        course_services.lesson_mark_done(person=person.person, lesson=world["lesson"])
    snapshot_public_figures_task()
    page = observe(client, world)["/resultat/"]
    assert body_row(page) == "Kommunfullmäktige 10 minst 90 %"
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    assert "100 %" not in text and "10 av 10" not in text and " 10 (" not in text
