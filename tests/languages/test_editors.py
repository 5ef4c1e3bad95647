"""The editors' workflow with wagtail-localize: editors translate a page from the admin and moderators publish
it; the dashboard lists translations behind their source, with the language and where to update them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from lms.access.roles import EDITORS_GROUP, HR_GROUP, MODERATORS_GROUP
from lms.languages.selectors import translations_to_update
from tests.courses.factories import make_course
from tests.courses.test_dashboard import in_group

from .factories import translate

pytestmark = pytest.mark.django_db


def panel(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id="languages-translations-section")


def rows(section) -> list[dict]:
    found = []
    for tr in section.select("tbody tr"):
        page, language, action = tr.find_all("td")
        found.append(
            {
                "page": page.a.get_text(strip=True),
                "page_url": page.a["href"],
                "lang": page.a["lang"],
                "language": language.get_text(strip=True),
                "reasons": [li.get_text(" ", strip=True) for li in action.find_all("li")],
                "action": action.find("a", class_="button")["href"],
            }
        )
    return found


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.mark.parametrize("group", [EDITORS_GROUP, MODERATORS_GROUP])
def test_editors_and_moderators_may_submit_translations(group):
    assert in_group(group).has_perm("wagtail_localize.submit_translation")


def test_an_editor_translates_a_course_from_the_admin_and_a_moderator_publishes_it(
    client, home_page, django_capture_on_commit_callbacks
):
    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    editor = in_group(EDITORS_GROUP)
    client.force_login(editor)
    submit = reverse("wagtail_localize:submit_page_translation", args=[course.pk])
    assert client.get(submit).status_code == 200
    english = Locale.objects.get(language_code="en")
    response = client.post(submit, {"locales": [english.pk]})
    assert response.status_code == 302
    translated = course.get_translation(english)
    assert not translated.live  # a new translation starts as a draft (the source's words in "English")

    # The editor opens wagtail-localize's editor through the page's own edit address and translates a string.
    response = client.get(edit_url(translated))
    assert response.status_code == 200
    assert b"js-translation-editor" in response.content
    translation = Translation.objects.get(source__object_id=course.translation_key, target_locale=english)
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
        data="value=Democracy+every+day",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    # Editors may not publish (Wagtail's roles): refused (the admin's way: back home), it waits for a moderator.
    response = client.post(edit_url(translated), {"action": "publish"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    translated.refresh_from_db()
    assert not translated.live

    client.force_login(in_group(MODERATORS_GROUP))
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        response = client.post(edit_url(translated), {"action": "publish"})
    assert response.status_code == 302
    translated.refresh_from_db()
    assert translated.live and translated.title == "Democracy every day"


def test_hr_may_not_submit_translations(client, home_page):
    course, _lessons = make_course(lessons=1)
    client.force_login(in_group(HR_GROUP))
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[course.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")  # the admin's refusal


def test_the_dashboard_lists_a_translation_behind_its_source_with_its_language_and_the_sync(client, home_page):
    course, lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated = translate(course, "en", {"Demokrati i vardagen": "Democracy every day"})
    translate(lessons[0], "fi", prefix="[fi] ")
    editor = in_group(EDITORS_GROUP)
    assert rows(panel(client, editor)) == []

    course.summary = "Om demokrati, nu med exempel."
    course.save_revision().publish()

    (row,) = rows(panel(client, editor))
    source = TranslationSource.objects.get(object_id=course.translation_key)
    assert row["page"] == "Democracy every day" and row["page_url"] == edit_url(translated)
    assert row["lang"] == "en" and row["language"] == "English"
    assert row["action"] == (reverse("wagtail_localize:update_translations", args=[source.pk]) + "?next=%2Fadmin%2F")
    assert len(row["reasons"]) == 1

    # Synced (as the sync view does) but not yet published: still listed, now to publish.
    source.update_from_db()
    (row,) = rows(panel(client, editor))
    assert row["action"] == edit_url(translated) and len(row["reasons"]) == 1

    translate(course, "en", {"Demokrati i vardagen": "Democracy every day"})
    assert rows(panel(client, editor)) == []


def test_a_string_translated_after_the_last_publication_waits_for_publish(home_page):
    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated = translate(course, "en", {"Demokrati i vardagen": "Democracy every day"})
    StringTranslation.objects.filter(locale__language_code="en", data="Democracy every day").update(
        data="Democracy, every day"
    )
    StringTranslation.objects.get(data="Democracy, every day").save()  # updated_at: now, as the editor's save
    (item,) = translations_to_update(editable_ids=[translated.pk])
    assert item.unpublished and not item.behind and item.unreviewed == 0


def test_the_dashboard_lists_only_pages_the_user_may_edit(client, home_page):
    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated = translate(course, "en", {"Demokrati i vardagen": "Democracy every day"})
    course.save_revision().publish()
    assert [item.page_id for item in translations_to_update(editable_ids=[translated.pk])] == [translated.pk]
    assert translations_to_update(editable_ids=[course.pk]) == []
    # HR edits no pages and submits no translations: no panel.
    assert panel(client, in_group(HR_GROUP)) is None


def test_the_admin_lists_a_translated_course_and_its_quiz_and_keeps_the_figures_on_the_source(client, home_page):
    from tests.quizzes.factories import make_course_with_quiz

    course, lessons, quiz = make_course_with_quiz(title="Likabehandling")
    translated = translate(course, "en", {"Likabehandling": "Equal treatment"})
    translate(lessons[0], "en", prefix="[en] ")
    english_quiz = translate(quiz, "en", prefix="[en] ")
    client.force_login(in_group(EDITORS_GROUP))

    response = client.get(reverse("wagtailadmin_explore", args=[translated.pk]))
    assert response.status_code == 200
    listing = BeautifulSoup(response.content, "html.parser")
    statistics = {a["href"] for a in listing.find_all("a", href=True) if "/statistics/" in a["href"]}
    assert statistics == {reverse("quizzes_statistics", args=[quiz.pk])}  # the source's figures
    assert client.get(reverse("quizzes_statistics", args=[english_quiz.pk])).status_code == 404
    assert client.get(reverse("quizzes_statistics", args=[quiz.pk])).status_code == 200
    assert client.get(edit_url(english_quiz)).status_code == 200  # wagtail-localize's editor
    assert client.get(reverse("wagtailadmin_pages:search") + "?q=Equal").status_code == 200


def test_the_panels_list_takes_one_query_however_many_translations(home_page, django_assert_num_queries):
    course, lessons = make_course(title="Demokrati i vardagen", lessons=3)
    pages = [translate(course, "en", prefix="[en] ")]
    course.save_revision().publish()
    with django_assert_num_queries(1):
        assert len(translations_to_update(editable_ids=[page.pk for page in pages])) == 1
    for lesson in lessons:
        pages.append(translate(lesson, "en", prefix="[en] "))
        lesson.save_revision().publish()
    with django_assert_num_queries(1):
        assert len(translations_to_update(editable_ids=[page.pk for page in pages])) == 4
