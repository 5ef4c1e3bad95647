"""Page-type rules, the catalogue with search and audience filter, course and lesson pages."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from home.models import HomePage, StandardPage
from lms.courses.models import CourseIndexPage, CoursePage, LessonPage
from lms.courses.selectors import course_progress
from lms.organisation.models import Audience
from tests.courses.factories import add_lesson, make_catalogue, make_course
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_page_type_rules():
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert LessonPage.allowed_subpage_models() == []
    assert LessonPage in CoursePage.allowed_subpage_models()
    assert CoursePage not in HomePage.allowed_subpage_models() or not CoursePage.can_create_at(HomePage())
    assert not LessonPage.can_create_at(StandardPage())
    assert CourseIndexPage.can_create_at(HomePage())


def test_catalogue_filters_by_audience_and_searches(client, home_page):
    make_course(title="Demokratins grundvärderingar", for_politicians=True, lessons=1)
    make_course(title="Likabehandling", for_politicians=False, lessons=1, summary="Diskrimineringslagen och policyn.")
    url = make_catalogue().url
    all_titles = titles(client.get(url))
    assert all_titles == ["Demokratins grundvärderingar", "Likabehandling"]
    assert titles(client.get(url, {"audience": "politician"})) == ["Demokratins grundvärderingar"]
    assert titles(client.get(url, {"q": "Diskrimineringslagen"})) == ["Likabehandling"]
    assert titles(client.get(url, {"q": "finns-inte-alls"})) == []
    assert client.get(url, {"audience": "<script>", "q": "x" * 5000}).status_code == 200
    # Marks that search backends read as syntax are not an error: the words are still searched.
    assert titles(client.get(url, {"q": '"Diskrimineringslagen'})) == ["Likabehandling"]
    for odd in ('"', 'demo"krati', "\x00", "*", "(", "NEAR/"):
        assert client.get(url, {"q": odd}).status_code == 200


def titles(response):
    return [h.get_text(strip=True) for h in BeautifulSoup(response.content, "html.parser").select(".card__title")]


def test_course_page_shows_progress_and_continue(client, home_page):
    person = PersonFactory()
    course, lessons = make_course(lessons=4)
    from lms.courses.services import lesson_mark_done

    lesson_mark_done(person=person, lesson=lessons[0])
    client.force_login(person.user)
    html = client.get(course.url).content.decode()
    assert "25 % klart" in html
    assert "Fortsätt där du slutade" in html
    assert "Lektion 2" in html.split("Nästa")[1][:200]


def test_lesson_page_has_previous_next_and_mark_done(client, home_page):
    person = PersonFactory()
    course, lessons = make_course(lessons=3)
    client.force_login(person.user)
    html = BeautifulSoup(client.get(lessons[1].url).content, "html.parser")
    assert html.select_one("a[rel=prev]")["href"] == lessons[0].url
    assert html.select_one("a[rel=next]")["href"] == lessons[2].url
    assert html.find("button", string=lambda s: s and "Markera som klar" in s)


def test_mark_done_moves_on_and_finally_completes(client, home_page):
    person = PersonFactory()
    course, lessons = make_course(lessons=2)
    client.force_login(person.user)
    first = client.post(f"/kurser/lektion/{lessons[0].pk}/klar/")
    assert first.status_code == 302 and first["Location"] == lessons[1].url
    last = client.post(f"/kurser/lektion/{lessons[1].pk}/klar/", follow=True)
    assert "Slutförd" in last.content.decode()
    assert course_progress(person=person, course=course).enrolment.is_completed


def test_anonymous_visitors_are_sent_to_sign_in(client, home_page):
    course, lessons = make_course(lessons=1)
    response = client.get(lessons[0].url)
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    assert client.post(f"/kurser/lektion/{lessons[0].pk}/klar/").status_code == 302


def test_a_lesson_of_a_course_not_for_me_is_404(client, home_page):
    politician_only, lessons = make_course(
        lessons=1, title="Bara för politiker", for_staff=False, for_managers=False, for_politicians=True
    )
    person = PersonFactory(audience=Audience.STAFF)
    client.force_login(person.user)
    assert client.get(lessons[0].url).status_code == 404
    assert client.post(f"/kurser/lektion/{lessons[0].pk}/klar/").status_code == 404
    assert client.post(f"/kurser/{politician_only.pk}/starta/").status_code == 404
    assert not person.enrolments.exists()


def test_unknown_or_draft_lessons_and_wrong_ids_are_404(client, home_page):
    person = PersonFactory()
    course, lessons = make_course(lessons=1)
    draft = add_lesson(course, "Utkast", live=False)
    client.force_login(person.user)
    assert client.get(draft.url).status_code == 404
    assert client.post(f"/kurser/lektion/{draft.pk}/klar/").status_code == 404
    assert client.post("/kurser/lektion/999999/klar/").status_code == 404
    # A course's id is not a lesson's id: marking a course "done" finds no lesson.
    assert client.post(f"/kurser/lektion/{course.pk}/klar/").status_code == 404
    assert client.post(f"/kurser/{lessons[0].pk}/starta/").status_code == 404
    assert client.get(f"/kurser/lektion/{lessons[0].pk}/klar/").status_code == 405
    # Ids too long for any database key: a 404, not an overflow.
    assert client.post(f"/kurser/lektion/{'9' * 25}/klar/").status_code == 404
    assert client.post(f"/kurser/{'9' * 25}/starta/").status_code == 404
    assert not person.enrolments.exists()


def test_a_learner_without_profile_sees_an_explanation(client, home_page, admin_user):
    client.force_login(admin_user)
    assert "ingen deltagarprofil" in client.get("/mina-kurser/").content.decode()


def test_lessons_are_served_only_as_live_pages(home_page):
    course, lessons = make_course(lessons=1)
    assert Page.objects.get(pk=lessons[0].pk).live
