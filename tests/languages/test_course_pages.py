"""A course read in the learner's language: the source page's address, the translation's words, the
source's identity (progress counts on the source whatever the language)."""

import pytest
from bs4 import BeautifulSoup

from lms.courses.selectors import course_progress
from tests.courses.factories import make_course
from tests.factories import PersonFactory
from tests.languages.factories import translate

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_lesson_in_the_chosen_language_counts_on_the_source(client, home_page):
    course, lessons = make_course(title="Demokrati i vardagen", lessons=2)
    translate(course, "en", {"Demokrati i vardagen": "Democracy every day"})
    translate(lessons[0], "en", prefix="[en] ")
    person = PersonFactory()
    client.force_login(person.user)

    response = client.post("/kurssprak/", {"language": "en", "next": lessons[0].url})
    assert response.status_code == 302 and response["Location"] == lessons[0].url
    person.refresh_from_db()
    assert person.content_language == "en"

    page = soup(client.get(lessons[0].url))
    heading = page.find("h1")
    assert heading.text == "[en] Lektion 1" and heading["lang"] == "en" and heading["dir"] == "ltr"
    stream = page.select_one(".stream")
    assert stream["lang"] == "en" and "[en] Text i Lektion 1." in stream.text
    assert page.select_one(".breadcrumbs a span").text == "Democracy every day"

    # Marked done through the page the learner read: the source lesson is done.
    assert client.post(f"/kurser/lektion/{lessons[0].pk}/klar/").status_code == 302
    assert course_progress(person=person, course=course).done_ids == {lessons[0].pk}

    # The second lesson is not translated: shown in Swedish, with a note, and lang="sv".
    page = soup(client.get(lessons[1].url))
    assert page.select_one("[data-testid=not-translated]") is not None
    assert page.find("h1")["lang"] == "sv"


def test_a_view_parameter_shows_a_language_without_changing_the_choice(client, home_page):
    course, lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translate(lessons[0], "sv-x-ll", prefix="Lätt: ")
    person = PersonFactory()
    client.force_login(person.user)
    assert soup(client.get(lessons[0].url, {"sprak": "sv-x-ll"})).find("h1")["lang"] == "sv-x-ll"
    person.refresh_from_db()
    assert person.content_language == ""
    assert soup(client.get(lessons[0].url)).find("h1").text == "Lektion 1"


def test_an_unknown_language_is_refused_and_nothing_changes(client, home_page):
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post("/kurssprak/", {"language": "xx", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    person.refresh_from_db()
    assert person.content_language == ""


def test_the_catalogue_and_my_courses_show_the_learners_language_and_which_there_are(client, home_page):
    from lms.courses.services import enrolment_self_enrol

    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translate(course, "en", {"Demokrati i vardagen": "Democracy every day", "Om Demokrati i vardagen.": "About it."})
    translate(course, "sv-x-ll", prefix="Lätt: ", publish=False)  # a draft: not offered yet
    person = PersonFactory(content_language="en")
    enrolment_self_enrol(person=person, course=course)
    client.force_login(person.user)

    card = soup(client.get(course.get_parent().url)).select_one(".card")
    assert card.select_one(".card__title a").text == "Democracy every day"
    assert card.select_one(".card__title a")["lang"] == "en"
    assert [span.text for span in card.select("[data-testid=course-languages] span")] == ["Svenska", "English"]

    card = soup(client.get("/mina-kurser/")).select_one(".card")
    assert card.select_one(".card__title a").text == "Democracy every day"
    assert [span["lang"] for span in card.select("[data-testid=course-languages] span")] == ["sv", "en"]

    # In Swedish, the source's words, and still one card for the one course.
    person.content_language = "sv"
    person.save()
    cards = soup(client.get("/mina-kurser/")).select(".card")
    assert [c.select_one(".card__title a").text for c in cards] == ["Demokrati i vardagen"]
