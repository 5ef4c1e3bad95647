"""One set of figures: a course completed in any language is one completion of the course (one enrolment),
recorded with the language it was completed in; HR's overview counts it once, and the per-course report
shows completions per language, within the report's scope, in its exports too."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lms.completions.services import completion_mark
from lms.courses.models import Enrolment
from lms.courses.services import enrolment_assign, lesson_mark_done
from lms.quizzes.models import Attempt
from lms.reports import selectors
from lms.reports.services import summary_refresh
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.languages.factories import translate
from tests.quizzes.factories import as_post, make_course_with_quiz, right_answers

pytestmark = pytest.mark.django_db


def by_language(response) -> dict[str, int]:
    """The per-language figures as the page shows them: {dt's lang or "": count}."""
    page = BeautifulSoup(response.content, "html.parser")
    rows = page.select("[data-testid=completions-by-language] > div")
    return {row.dt.get("lang", ""): int(row.dd.text) for row in rows}


def choose(client, person, code: str) -> None:
    client.force_login(person.user)
    assert client.post("/kurssprak/", {"language": code, "next": "/"}).status_code == 302


@pytest.fixture
def world(home_page):
    municipality = OrgUnitFactory(name="Kommun")
    school, care = (
        OrgUnitFactory(name="Skolan", parent=municipality),
        OrgUnitFactory(name="Omsorgen", parent=municipality),
    )
    course, lessons = make_course(title="Demokratins grundvärderingar", lessons=2)
    translate(course, "en", {"Demokratins grundvärderingar": "The basic values of democracy"})
    for lesson in lessons:
        translate(lesson, "en", prefix="[en] ")
        translate(lesson, "sv-x-ll", prefix="Lätt: ")
    anna, bo = PersonFactory(org_unit=school), PersonFactory(org_unit=care)
    for person in (anna, bo):
        enrolment_assign(person=person, course=course)
    return {"course": course, "lessons": lessons, "anna": anna, "bo": bo, "school": school, "care": care}


def test_a_course_completed_in_english_is_one_completion_counted_once_and_shown_in_english(client, world):
    course, lessons, anna = world["course"], world["lessons"], world["anna"]
    # Easy Swedish for the first lesson, English from the second: the language may change mid-course.
    choose(client, anna, "sv-x-ll")
    assert client.post(f"/kurser/lektion/{lessons[0].pk}/klar/").status_code == 302
    choose(client, anna, "en")
    assert client.post(f"/kurser/lektion/{lessons[1].pk}/klar/").status_code == 302

    enrolment = Enrolment.objects.get(person=anna)  # one enrolment, on the source course
    assert (enrolment.course_id, enrolment.is_completed, enrolment.completed_language) == (course.pk, True, "en")
    assert Enrolment.objects.filter(person=anna).count() == 1

    summary_refresh()
    client.force_login(hr_user(username="hr"))
    response = client.get(reverse("reports_overview"), {"course": course.pk})
    assert response.status_code == 200
    totals = response.context["breakdown"].course_totals[course.pk]
    assert (totals.required, totals.completed) == (2, 1)

    response = client.get(reverse("reports_enrolments"), {"course": course.pk})
    assert response.status_code == 200
    assert by_language(response) == {"sv": 0, "sv-x-ll": 0, "en": 1, "fi": 0, "": 0}
    assert sum(row.completed for row in response.context["by_language"]) == response.context["by_route"]["course"]
    # The report's course filter lists the course, not its translation.
    choices = [label for _value, label in response.context["form"].fields["course"].choices]
    assert "Demokratins grundvärderingar" in choices and "The basic values of democracy" not in choices

    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.get(reverse("reports_enrolments"), {"course": course.pk, "export": "csv"}).streaming_content
                ).decode()
            )
        )
    )
    column = rows[0].index("Språk vid slutförandet")
    assert sorted(row[column] for row in rows[1:]) == ["", "English"]


def test_a_quiz_passed_in_english_completes_in_english(client, home_page):
    course, lessons, quiz = make_course_with_quiz(title="Likabehandling")
    translate(course, "en", prefix="[en] ")
    learner = PersonFactory()
    lesson_mark_done(person=learner, lesson=lessons[0], language="sv")  # the lesson read in Swedish
    choose(client, learner, "en")
    assert client.post(quiz.sub_url("start")).status_code == 302
    attempt = Attempt.objects.get(person=learner)
    response = client.post(quiz.sub_url("take", attempt_id=attempt.pk), as_post(right_answers(attempt)))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=learner)
    assert enrolment.is_completed and enrolment.completed_language == "en"


def test_completions_from_elsewhere_are_not_recorded_and_the_scope_holds(client, world):
    course, bo = world["course"], world["bo"]
    completion_mark(person=bo, course=course, completed_on=timezone.localdate(), reason="Papperslista", by=None)
    assert Enrolment.objects.get(person=bo).completed_language == ""

    whole = selectors.completions_by_language(scope=selectors.WHOLE_GROUP, course_id=course.pk)
    assert [(row.language and row.language.code, row.completed) for row in whole] == [
        ("sv", 0),
        ("sv-x-ll", 0),
        ("en", 0),
        ("fi", 0),
        (None, 1),
    ]
    # HR limited to the school sees none of the care unit's completions, per language or otherwise.
    client.force_login(hr_user(username="hr-school", scope=world["school"]))
    response = client.get(reverse("reports_enrolments"), {"course": course.pk})
    assert response.status_code == 200
    assert by_language(response) == {"sv": 0, "sv-x-ll": 0, "en": 0, "fi": 0, "": 0}


def test_a_language_removed_from_settings_keeps_its_completions(world, settings):
    course, anna = world["course"], world["anna"]
    for lesson in world["lessons"]:
        lesson_mark_done(person=anna, lesson=lesson, language="fi")
    settings.LMS_CONTENT_LANGUAGES = [item for item in settings.LMS_CONTENT_LANGUAGES if item[0] != "fi"]
    rows = selectors.completions_by_language(scope=selectors.WHOLE_GROUP, course_id=course.pk)
    assert [(row.language and row.language.code, row.completed) for row in rows][-2:] == [("fi", 1), (None, 0)]
