"""One person, read where their progress is shown: Mina kurser, the manager's /min-grupp/ and HR's
reports (the roll-up, the drill-down to people and the per-course list). All must agree on what is
not started, in progress and completed: one definition, ``lms.courses.models.EnrolmentState``."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lms.courses import services
from lms.organisation.models import Audience, OrgUnitKind
from lms.quizzes import services as quiz_services
from lms.reports.services import summary_refresh
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.quizzes.factories import make_quiz, wrong_answers

pytestmark = pytest.mark.django_db

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"


def fail_quiz(person, course, quiz):
    attempt = quiz_services.attempt_start(person=person, quiz=quiz, course=course)
    attempt = quiz_services.attempt_submit(person=person, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    assert attempt.passed is False


@pytest.fixture
def learner_world(home_page):
    """A learner in a unit with a manager there, and five required courses:
    (a) 2 of 5 lessons; (b) all 5 lessons and a failed quiz; (c) only a failed quiz, no lesson;
    (d) completed; (e) nothing done yet."""
    kommun = OrgUnitFactory(name="Kommun", kind=OrgUnitKind.MUNICIPALITY)
    unit = OrgUnitFactory(name="Enhet Ek", parent=kommun)
    learner = PersonFactory(
        user=UserFactory(first_name="Lina", last_name="Lärande"), org_unit=unit, audience=Audience.STAFF
    )
    manager = PersonFactory(org_unit=unit, audience=Audience.MANAGER)
    due = timezone.localdate() + timedelta(days=30)

    def course(title, lessons, quiz=False):
        page, made = make_course(title=title, lessons=lessons, ends_with_quiz=quiz)
        services.enrolment_assign(person=learner, course=page, due_date=due)
        return page, made, make_quiz(page) if quiz else None

    a, a_lessons, _ = course("Alfa", 5)
    for lesson in a_lessons[:2]:
        services.lesson_mark_done(person=learner, lesson=lesson)
    b, b_lessons, b_quiz = course("Beta", 5, quiz=True)
    for lesson in b_lessons:
        services.lesson_mark_done(person=learner, lesson=lesson)
    fail_quiz(learner, b, b_quiz)
    c, _c_lessons, c_quiz = course("Gamma", 3, quiz=True)
    fail_quiz(learner, c, c_quiz)
    fail_quiz(learner, c, c_quiz)  # tried twice
    d, d_lessons, _ = course("Delta", 1)
    services.lesson_mark_done(person=learner, lesson=d_lessons[0])
    course("Epsilon", 2)
    return {"kommun": kommun, "unit": unit, "learner": learner, "manager": manager}


EXPECTED = {"Alfa": IN_PROGRESS, "Beta": IN_PROGRESS, "Gamma": IN_PROGRESS, "Delta": COMPLETED, "Epsilon": NOT_STARTED}
EXPECTED_COUNTS = {NOT_STARTED: 1, IN_PROGRESS: 3, COMPLETED: 1}


def read_my_courses(client) -> tuple[dict, dict, BeautifulSoup]:
    html = BeautifulSoup(client.get("/mina-kurser/").content, "html.parser")
    states, counts = {}, {}
    for group_id, state in (("not-started", NOT_STARTED), ("in-progress", IN_PROGRESS), ("completed", COMPLETED)):
        counts[state] = int(html.select_one(f"#{group_id}-heading .count").get_text().strip("()"))
        for card in html.select(f"[data-group={group_id}] .card"):
            states[card.h3.get_text(strip=True)] = state
    return states, counts, html


def read_team(client, learner) -> tuple[dict, dict]:
    html = BeautifulSoup(client.get("/min-grupp/").content, "html.parser")
    row = next(tr for tr in html.select("tbody tr") if tr.th.get_text(strip=True) == learner.full_name)
    cells = {td["data-label"]: td for td in row.select("td")}
    counts = {
        COMPLETED: int(cells["Klara"].get_text()),
        IN_PROGRESS: int(cells["Pågående"].get_text()),
        NOT_STARTED: int(cells["Ej påbörjade"].get_text()),
    }
    states = {span.get_text().split(" (")[0]: span["data-state"].split()[0] for span in row.select("[data-state]")}
    return {title: states.get(title, COMPLETED) for title in EXPECTED}, counts, row


def test_my_courses_the_managers_view_and_the_reports_agree(client, learner_world):
    learner, manager, unit = learner_world["learner"], learner_world["manager"], learner_world["unit"]

    client.force_login(learner.user)
    mine, mine_counts, html = read_my_courses(client)
    assert mine == EXPECTED and mine_counts == EXPECTED_COUNTS
    beta = next(c for c in html.select(".card") if c.h3.get_text(strip=True) == "Beta")
    assert "Kunskapstest kvar" in beta.get_text() and beta.progress["value"] == "83"  # never 100 % before completion
    assert [c.progress["value"] for c in html.select("[data-group=in-progress] .card") if c.h3.a.text == "Alfa"] == [
        "40"
    ]

    client.force_login(manager.user)
    team, team_counts, row = read_team(client, learner)
    assert team == EXPECTED and team_counts == EXPECTED_COUNTS
    assert "Beta (kunskapstest kvar" in row.get_text()

    client.force_login(hr_user(username="hr-progress"))
    summary_refresh()
    drill_down = client.get(reverse("reports_unit", args=[unit.pk]))
    person_row = next(p for p in drill_down.context["object_list"] if p.person_id == learner.pk)
    figures = person_row.figures
    assert {COMPLETED: figures.completed, IN_PROGRESS: figures.in_progress, NOT_STARTED: figures.not_started} == (
        EXPECTED_COUNTS
    )
    rolled_up = client.get(reverse("reports_unit", args=[learner_world["kommun"].pk])).context["breakdown"].total
    assert (rolled_up.completed, rolled_up.in_progress, rolled_up.not_started) == (1, 3, 1)  # the summary table
    listed = client.get(reverse("reports_enrolments"), {"unit": unit.pk})
    assert {row["course__title"]: row["status"] for row in listed.context["object_list"]} == EXPECTED
    assert "Ej påbörjad" in listed.content.decode()
