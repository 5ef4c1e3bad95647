"""A content language removed from settings: its locale and pages stay (ensure_locales never deletes one), so
editors still reach them in the admin, and learners are no longer offered it anywhere."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from lms.access.roles import MODERATORS_GROUP
from tests.courses.factories import make_catalogue, make_course
from tests.courses.test_dashboard import in_group
from tests.factories import PersonFactory, UserFactory

from .factories import translate

pytestmark = pytest.mark.django_db

CONTENT = [("sv", "Svenska"), ("sv-x-ll", "Lättläst svenska"), ("en", "English")]  # Finnish removed
WITHOUT_FINNISH = override_settings(
    LMS_CONTENT_LANGUAGES=CONTENT,
    WAGTAIL_CONTENT_LANGUAGES=CONTENT,
    LANGUAGES=[("sv", "Swedish"), ("en", "English"), ("sv-x-ll", "Lättläst svenska")],
)


@pytest.fixture
def finnish_course(home_page):
    course, lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated = translate(course, "fi", {"Demokrati i vardagen": "Demokratia arjessa"})
    translate(lessons[0], "fi", prefix="[fi] ")
    translate(course, "en", {"Demokrati i vardagen": "Democracy every day"})
    course.save_revision().publish()  # the Finnish translation is behind now: the dashboard lists it
    return course, translated, lessons


def moderator(client):
    user = in_group(MODERATORS_GROUP)
    client.force_login(user)
    return user


@WITHOUT_FINNISH
def test_editors_still_reach_its_pages_in_the_admin(client, finnish_course):
    course, translated, _lessons = finnish_course
    moderator(client)
    finnish = Locale.objects.get(language_code="fi")
    translation = Translation.objects.get(source__object_id=course.translation_key, target_locale=finnish)
    pages = [
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[translated.get_parent().pk]),
        reverse("wagtailadmin_explore", args=[make_catalogue().pk]) + "?locale=fi",
        reverse("wagtailadmin_pages:edit", args=[translated.pk]),  # wagtail-localize's editor
        reverse("wagtailadmin_pages:history", args=[translated.pk]),
        reverse("wagtail_localize:submit_page_translation", args=[course.pk]),
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        reverse("wagtail_localize:translations_report"),
        reverse("wagtail_localize:download_pofile", args=[translation.pk]),
        reverse("wagtailadmin_choose_page") + "?locale=fi",
        reverse("wagtailadmin_home"),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url

    # The dashboard names it by its code and says learners are no longer offered it.
    client.force_login(UserFactory(is_superuser=True))
    home = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    listed = home.find(id="languages-translations-section").select("tbody tr")
    assert sorted(tr.a["lang"] for tr in listed) == ["en", "fi"]
    (row,) = [tr for tr in listed if tr.a["lang"] == "fi"]
    assert row.a.get_text(strip=True) == "Demokratia arjessa"
    assert row.find_all("td")[1].get_text(strip=True).startswith("fi (")
    # The admin's list of locales, and the locale itself (a superuser's).
    assert client.get(reverse("wagtaillocales:index")).status_code == 200
    assert client.get(reverse("wagtaillocales:edit", args=[finnish.pk])).status_code == 200


@WITHOUT_FINNISH
def test_learners_are_no_longer_offered_it(client, finnish_course):
    course, _translated, lessons = finnish_course
    person = PersonFactory(content_language="fi", hr_content_language="fi")
    client.force_login(person.user)

    for url in (course.url, lessons[0].url, make_catalogue().url, reverse("courses:my_courses")):
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.content, "html.parser")
        assert "Suomi" not in page.text and not page.select('[lang="fi"]'), url
    course_page = BeautifulSoup(client.get(course.url).content, "html.parser")
    assert course_page.find("h1").text == "Demokrati i vardagen" and course_page.find("h1")["lang"] == "sv"
    assert [o["value"] for o in course_page.select("#content-language option")] == ["sv", "en"]
    response = client.get(lessons[0].url, {"sprak": "fi"})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("h1")["lang"] == "sv"

    response = client.post(reverse("languages:choose"), {"language": "fi", "next": course.url})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.content_language == "fi"  # unchanged: the choice was refused, the old one is ignored
