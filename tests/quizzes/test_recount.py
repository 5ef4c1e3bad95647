"""Changing the grading method recounts nothing until HR or an editor recounts on purpose: the admin page
shows what would change, the recount is permission-checked through the access rule, scoped, logged, all
or nothing, and refuses a quiz without attempts, a plan with nothing to change and a stale confirmation.
The lists that show counted scores (HR's per-course report, the recount page) take a fixed number of queries."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageLogEntry

from lms.access.roles import EDITORS_GROUP, MODERATORS_GROUP
from lms.courses.models import Enrolment
from lms.courses.services import enrolment_assign
from lms.quizzes import selectors, services
from lms.quizzes.grading import GradingMethod
from lms.quizzes.models import Attempt
from tests.factories import OrgUnitFactory, UserFactory, hr_user
from tests.helpers import status_and_location

from .factories import make_course_with_quiz, make_learner
from .test_grading import take

pytestmark = pytest.mark.django_db


def set_method(quiz, method):
    quiz.grading_method = method
    quiz.save_revision().publish()
    quiz.refresh_from_db()


def counted_numbers(quiz) -> dict[int, int]:
    return dict(Attempt.objects.counted().filter(quiz=quiz).values_list("person_id", "number"))


@pytest.fixture
def units(db):
    top = OrgUnitFactory(name="Kommunen")
    return {
        "top": top,
        "A": OrgUnitFactory(name="Enhet A", parent=top),
        "B": OrgUnitFactory(name="Enhet B", parent=top),
    }


@pytest.fixture
def quiz_with_retakes(units):
    """Under "highest": in each unit one learner whose best attempt came first (100 %, then 67 %) and one
    with a single attempt. Recounting by "last" would move the first learners' counted attempt only."""
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"grading_method": "highest", "max_attempts": None})
    people = {}
    for key in ("A", "B"):
        retaker, single = make_learner(org_unit=units[key]), make_learner(org_unit=units[key])
        for person in (retaker, single):
            enrolment_assign(person=person, course=course)
        take(retaker, course, quiz, 3)
        take(retaker, course, quiz, 2)
        take(single, course, quiz, 2)
        people[key] = (retaker, single)
    set_method(quiz, GradingMethod.LAST)
    return course, quiz, people


def test_changing_the_method_recounts_nothing(quiz_with_retakes):
    course, quiz, people = quiz_with_retakes
    retaker = people["A"][0]
    assert counted_numbers(quiz)[retaker.pk] == 1
    enrolment = Enrolment.objects.get(person=retaker, course=course)
    assert selectors.counted_scores(enrolment_ids=[enrolment.pk]) == {enrolment.pk: Decimal("100")}
    assert not PageLogEntry.objects.filter(action=services.RECOUNTED).exists()


def test_the_confirmation_shows_what_would_change_and_the_recount_applies_and_logs_it(client, quiz_with_retakes):
    _course, quiz, people = quiz_with_retakes
    hr = hr_user()
    client.force_login(hr)
    url = reverse("quizzes_recount", args=[quiz.pk])
    response = client.get(url)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert (plan.enrolments, len(plan.changes), plan.score_changes, plan.to_passed, plan.to_failed) == (4, 2, 2, 0, 0)
    html = response.content.decode()
    assert "Senaste försöket" in html and "Räkna om 2 resultat" in html
    assert counted_numbers(quiz)[people["A"][0].pk] == 1  # looking changes nothing

    response = client.post(url, {"token": plan.token}, follow=True)
    assert "Resultatet som räknas ändrades för 2 kursdeltaganden." in response.content.decode()
    assert counted_numbers(quiz) == {
        people["A"][0].pk: 2,
        people["A"][1].pk: 1,
        people["B"][0].pk: 2,
        people["B"][1].pk: 1,
    }
    entry = PageLogEntry.objects.get(action=services.RECOUNTED)
    assert entry.page_id == quiz.pk and entry.user_id == hr.pk
    assert (entry.data["grading_method"], entry.data["changed"], entry.data["score_changes"]) == ("last", 2, 2)
    assert len(entry.data["enrolment_ids"]) == 2
    assert response.context["plan"].changes == ()  # afterwards: nothing left to recount


def test_a_user_limited_to_a_unit_recounts_only_that_unit(client, quiz_with_retakes, units):
    _course, quiz, people = quiz_with_retakes
    scoped = hr_user(scope=units["A"])
    client.force_login(scoped)
    url = reverse("quizzes_recount", args=[quiz.pk])
    plan = client.get(url).context["plan"]
    assert (plan.enrolments, len(plan.changes)) == (2, 1)
    client.post(url, {"token": plan.token})
    assert counted_numbers(quiz)[people["A"][0].pk] == 2
    assert counted_numbers(quiz)[people["B"][0].pk] == 1  # outside the scope: untouched


@pytest.mark.parametrize("role", [EDITORS_GROUP, None])
def test_editors_and_hr_may_recount_others_may_not(client, quiz_with_retakes, role):
    _course, quiz, _people = quiz_with_retakes
    user = UserFactory()
    if role:
        user.groups.add(Group.objects.get(name=role))
    else:
        user = hr_user()
    client.force_login(user)
    assert client.get(reverse("quizzes_recount", args=[quiz.pk])).status_code == 200


def test_without_the_permission_the_page_and_the_post_are_refused(client, quiz_with_retakes):
    _course, quiz, _people = quiz_with_retakes
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))  # in the admin, but may not recount
    client.force_login(moderator)
    url = reverse("quizzes_recount", args=[quiz.pk])
    token = selectors.recount_plan(quiz=quiz, viewer=hr_user()).token
    # Wagtail answers PermissionDenied in its admin with a redirect to the dashboard and a message.
    assert status_and_location(client.get(url)) == (302, "/admin/")
    assert status_and_location(client.post(url, {"token": token})) == (302, "/admin/")
    assert counted_numbers(quiz)[_people["A"][0].pk] == 1
    learner = make_learner()
    client.force_login(learner.user)
    assert client.get(url).status_code == 302 and client.get(url)["Location"].startswith("/admin/login/")
    assert not PageLogEntry.objects.filter(action=services.RECOUNTED).exists()


def test_a_quiz_without_attempts_is_refused_with_a_message(client, units):
    _course, _lessons, quiz = make_course_with_quiz()
    client.force_login(hr_user())
    url = reverse("quizzes_recount", args=[quiz.pk])
    assert "Ingen inom din del av koncernen har lämnat in ett försök" in client.get(url).content.decode()
    response = client.post(url, {"token": "anything"})
    assert response.status_code == 400
    assert "Ingen inom din del av koncernen" in response.content.decode()
    assert not PageLogEntry.objects.filter(action=services.RECOUNTED).exists()


def test_a_stale_confirmation_is_refused_and_nothing_changes(client, quiz_with_retakes):
    course, quiz, people = quiz_with_retakes
    client.force_login(hr_user())
    url = reverse("quizzes_recount", args=[quiz.pk])
    token = client.get(url).context["plan"].token
    take(people["B"][0], course, quiz, 1)  # a new attempt after the figures were shown: counted at once
    before = counted_numbers(quiz)

    response = client.post(url, {"token": token})
    assert response.status_code == 409
    assert "Resultaten ändrades efter att du tittade på dem" in response.content.decode()
    assert counted_numbers(quiz) == before
    assert not PageLogEntry.objects.filter(action=services.RECOUNTED).exists()
    assert response.context["plan"].token != token  # the page shows the figures as they are now


def test_nothing_to_change_is_refused_with_a_message(quiz_with_retakes):
    _course, quiz, _people = quiz_with_retakes
    set_method(quiz, GradingMethod.HIGHEST)
    hr = hr_user()
    plan = selectors.recount_plan(quiz=quiz, viewer=hr)
    assert plan.enrolments == 4 and plan.changes == ()
    with pytest.raises(services.NothingWouldChange):
        services.quiz_recount(quiz=quiz, by=hr, token=plan.token)


def test_the_recount_is_all_or_nothing(quiz_with_retakes, monkeypatch):
    _course, quiz, _people = quiz_with_retakes
    hr = hr_user()
    before = counted_numbers(quiz)
    plan = selectors.recount_plan(quiz=quiz, viewer=hr)

    def fail(changes, language):
        raise RuntimeError("the database went away half-way")

    monkeypatch.setattr(services, "_hand_to_course", fail)  # after the flags moved
    with pytest.raises(RuntimeError):
        services.quiz_recount(quiz=quiz, by=hr, token=plan.token)
    assert counted_numbers(quiz) == before
    assert not PageLogEntry.objects.filter(action=services.RECOUNTED).exists()


def test_the_recount_page_takes_a_fixed_number_of_queries(client, quiz_with_retakes, units):
    course, quiz, _people = quiz_with_retakes
    client.force_login(hr_user())
    url = reverse("quizzes_recount", args=[quiz.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        person = make_learner(org_unit=units["A"])
        set_method(quiz, GradingMethod.HIGHEST)
        take(person, course, quiz, 3)
        take(person, course, quiz, 1)
        set_method(quiz, GradingMethod.LAST)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["plan"].changes) == 7
    assert len(many.captured_queries) == len(few.captured_queries)


def test_hr_report_shows_the_counted_score_in_a_fixed_number_of_queries(client, quiz_with_retakes, units):
    course, quiz, people = quiz_with_retakes
    client.force_login(hr_user())
    url = reverse("reports_enrolments")
    client.get(url, {"course": course.pk})
    with CaptureQueriesContext(connection) as few:
        response = client.get(url, {"course": course.pk})
    html = response.content.decode()
    assert "Resultat på kunskapstestet" in html and "100 %" in html and "67 %" in html
    # Which attempt the figures are, and the way to recount them for HR, who cannot open the quiz's page.
    assert "Resultatet på kunskapstestet är försöket som räknas: Senaste försöket." in html
    assert reverse("quizzes_recount", args=[quiz.pk]) in html
    for _ in range(4):
        person = make_learner(org_unit=units["B"])
        enrolment_assign(person=person, course=course)
        take(person, course, quiz, 1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"course": course.pk})
    assert response.content.decode().count("33 %") == 4
    assert len(many.captured_queries) == len(few.captured_queries)

    rows = list(csv.reader(io.StringIO(b"".join(client.get(url, {"course": course.pk, "export": "csv"})).decode())))
    column = rows[0].index("Resultat på kunskapstestet (%)")
    retaker = people["A"][0]
    (row,) = [r for r in rows[1:] if r[0] == retaker.user.last_name and r[1] == retaker.user.first_name]
    assert Decimal(row[column]) == Decimal("100")  # the attempt that counts, not the latest


def test_the_quiz_editor_offers_the_recount_and_explains_the_method(client, quiz_with_retakes):
    _course, quiz, _people = quiz_with_retakes
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    assert reverse("quizzes_recount", args=[quiz.pk]) in html and "Räkna om resultaten" in html
    assert "results already counted change only when you recount them" in html or "ändras bara när du räknar om" in html
