"""A translated course is one course: every flat list of pages (HR's choosers and filters, the catalogue, Mina
kurser, the reports, the completions import, the learner's own actions) takes the source page, never its
translation as a second course."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lms.completions.importing import _courses as courses_by_name
from lms.core.tables import norm_heading
from lms.courses import services as course_services
from lms.courses.models import CoursePrerequisite, LessonProgress
from lms.courses.selectors import courses_to_choose
from lms.group_training.selectors import startable_courses
from lms.organisation.models import OrgUnitKind
from lms.reports.services import summary_refresh
from tests.courses.factories import make_catalogue, make_course
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.paths.test_prerequisites import prerequisite_rows

from .factories import translate

pytestmark = pytest.mark.django_db

TITLE = "Demokrati i vardagen"
ENGLISH = "Democracy every day"


@pytest.fixture
def translated_course(home_page):
    """A course and its lesson, both translated into English and published (the course and its English
    page both live), and a learner enrolled on it."""
    course, lessons = make_course(title=TITLE, lessons=1)
    english = translate(course, "en", {TITLE: ENGLISH})
    english_lesson = translate(lessons[0], "en", prefix="[en] ")
    assert english.live and english_lesson.live
    unit = OrgUnitFactory(name="Kommun", code="K", kind=OrgUnitKind.MUNICIPALITY)
    learner = PersonFactory(org_unit=unit, content_language="en")
    course_services.enrolment_assign(person=learner, course=course)
    return {
        "course": course,
        "lesson": lessons[0],
        "english": english,
        "english_lesson": english_lesson,
        "learner": learner,
    }


def options(html: bytes, name: str = "course") -> list[tuple[str, str]]:
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": name})
    return [(o["value"], o.get_text(strip=True)) for o in select.find_all("option") if o["value"]]


def test_hrs_choosers_and_filters_list_the_course_once(client, translated_course):
    course, english = translated_course["course"], translated_course["english"]
    client.force_login(hr_user())
    once = [(str(course.pk), TITLE)]
    for url in (
        "/admin/required-training/requirements/new/",  # the requirements form
        "/admin/required-training/requirements/",  # its filter
        "/admin/completions/mark/",  # a completion marked by hand
        "/admin/completions/",  # its filter
        reverse("reports_overview"),  # the reports' filter
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert options(response.content) == once, url
    assert list(courses_to_choose()) == list(courses_to_choose(live=True)) == [course]
    assert list(startable_courses()) == [course]  # group sessions
    assert (
        english.slug == course.slug and courses_by_name()[norm_heading(course.slug)] == course
    )  # the completions import


def test_the_catalogue_mina_kurser_and_the_report_list_the_course_once(client, translated_course):
    course, learner = translated_course["course"], translated_course["learner"]
    client.force_login(learner.user)

    catalogue = BeautifulSoup(client.get(make_catalogue().url).content, "html.parser")
    listed = [a for a in catalogue.select("main a[href]") if a["href"] == course.url]
    assert len(listed) == 1  # in English (the learner's language), but once, at the source's address

    mine = BeautifulSoup(client.get(reverse("courses:my_courses")).content, "html.parser")
    assert len([a for a in mine.select("main a[href]") if a["href"] == course.url]) == 1

    summary_refresh()
    client.force_login(hr_user())
    response = client.get(reverse("reports_overview"))
    assert response.status_code == 200
    assert [course_id for course_id, _title in response.context["breakdown"].courses] == [course.pk]
    rows = BeautifulSoup(response.content, "html.parser").select("#courses-table tbody tr")
    assert len(rows) == 1


def test_a_learner_acts_on_the_source_only(client, translated_course):
    learner, english_lesson = translated_course["learner"], translated_course["english_lesson"]
    client.force_login(learner.user)
    assert client.post(reverse("courses:lesson_mark_done", args=[english_lesson.pk])).status_code == 404
    assert client.post(reverse("courses:course_start", args=[translated_course["english"].pk])).status_code == 404
    assert not LessonProgress.objects.exists()
    assert client.post(reverse("courses:lesson_mark_done", args=[translated_course["lesson"].pk])).status_code == 302
    assert LessonProgress.objects.get().lesson_id == translated_course["lesson"].pk


def test_the_course_editor_refuses_a_translation_as_prerequisite(admin_client, translated_course):
    other, _lessons = make_course(title="Likabehandling", lessons=1)
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])
    form = admin_client.get(url).context["form"]
    data = prerequisite_rows(form, translated_course["english"])
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert any(ENGLISH in error for error in response.context["form"].non_field_errors())
    assert not CoursePrerequisite.objects.exists()

    response = admin_client.post(url, {**prerequisite_rows(form, translated_course["course"]), "action-publish": "1"})
    assert response.status_code == 302
    assert CoursePrerequisite.objects.get().required_course_id == translated_course["course"].pk
