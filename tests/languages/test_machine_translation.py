"""Machine translation: off by default, configured by environment only, and its output unreviewed until an
editor approves each string; a translation with unreviewed machine strings is not published from the editor
or the page listing, and the dashboard lists it. No test calls a translation service: machine strings are made
here as wagtail-localize records them (``StringTranslation`` of type "machine")."""

import subprocess
import sys

import pytest
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from config.env import ConfigurationError, machine_translator
from lms.access.roles import EDITORS_GROUP, MODERATORS_GROUP
from lms.languages.selectors import translations_to_update
from tests.config.test_settings import ROOT, clean_env
from tests.courses.factories import make_course
from tests.courses.test_dashboard import in_group

from .factories import translate

TRANSLATOR_VARIABLES = [
    "LMS_MACHINE_TRANSLATOR",
    "LMS_LIBRETRANSLATE_URL",
    "LMS_LIBRETRANSLATE_API_KEY",
    "LMS_DEEPL_AUTH_KEY",
    "LMS_MACHINE_TRANSLATOR_TIMEOUT",
]


@pytest.fixture
def no_translator_env(monkeypatch):
    for name in TRANSLATOR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# --- Configuration ------------------------------------------------------------------------------------


def test_off_by_default_and_in_tests(no_translator_env, settings):
    assert machine_translator() is None
    no_translator_env.setenv("LMS_MACHINE_TRANSLATOR", "off")
    assert machine_translator() is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None and get_machine_translator() is None


def test_a_self_hosted_libretranslate(no_translator_env):
    no_translator_env.setenv("LMS_MACHINE_TRANSLATOR", "LibreTranslate")
    no_translator_env.setenv("LMS_LIBRETRANSLATE_URL", "https://translate.example.internal/")
    assert machine_translator() == {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": "https://translate.example.internal", "API_KEY": "", "TIMEOUT": 10},
    }


def test_deepl_with_its_key_and_a_timeout(no_translator_env):
    no_translator_env.setenv("LMS_MACHINE_TRANSLATOR", "deepl")
    no_translator_env.setenv("LMS_DEEPL_AUTH_KEY", "abc:fx")
    no_translator_env.setenv("LMS_MACHINE_TRANSLATOR_TIMEOUT", "30")
    assert machine_translator() == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "abc:fx", "TIMEOUT": 30},
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"LMS_MACHINE_TRANSLATOR": "google"},
            "LMS_MACHINE_TRANSLATOR 'google' is not a machine translator: use libretranslate, deepl or off.",
        ),
        (
            {"LMS_MACHINE_TRANSLATOR": "libretranslate"},
            "LMS_LIBRETRANSLATE_URL '' must be the http(s):// address of the LibreTranslate server when "
            "LMS_MACHINE_TRANSLATOR=libretranslate.",
        ),
        (
            {"LMS_MACHINE_TRANSLATOR": "libretranslate", "LMS_LIBRETRANSLATE_URL": "translate.example.internal"},
            "LMS_LIBRETRANSLATE_URL 'translate.example.internal' must be the http(s):// address of the "
            "LibreTranslate server when LMS_MACHINE_TRANSLATOR=libretranslate.",
        ),
        ({"LMS_MACHINE_TRANSLATOR": "deepl"}, "LMS_DEEPL_AUTH_KEY must be set when LMS_MACHINE_TRANSLATOR=deepl."),
        (
            {"LMS_MACHINE_TRANSLATOR": "deepl", "LMS_DEEPL_AUTH_KEY": "k", "LMS_MACHINE_TRANSLATOR_TIMEOUT": "ten"},
            "LMS_MACHINE_TRANSLATOR_TIMEOUT 'ten' must be a whole number of seconds, 1–300.",
        ),
    ],
)
def test_a_bad_value_stops_with_one_line(no_translator_env, capsys, env, message):
    for name, value in env.items():
        no_translator_env.setenv(name, value)
    with pytest.raises(ConfigurationError) as stopped:
        machine_translator()
    assert stopped.value.code == 1
    assert capsys.readouterr().err == f"Configuration error: {message}\n"


def test_start_up_stops_on_a_bad_translator():
    env = clean_env(DJANGO_SETTINGS_MODULE="config.settings.dev")
    env = {k: v for k, v in env.items() if k not in TRANSLATOR_VARIABLES} | {"LMS_MACHINE_TRANSLATOR": "babelfish"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: LMS_MACHINE_TRANSLATOR 'babelfish' is not a machine translator: use libretranslate, "
        "deepl or off."
    ]


def test_the_configured_translator_is_wagtail_localizes_and_never_translates_into_easy_swedish(no_translator_env):
    no_translator_env.setenv("LMS_MACHINE_TRANSLATOR", "libretranslate")
    no_translator_env.setenv("LMS_LIBRETRANSLATE_URL", "http://127.0.0.1:5000")
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=machine_translator()):
        translator = get_machine_translator()
    assert translator.display_name == "LibreTranslate" and translator.get_api_endpoint() == "http://127.0.0.1:5000"

    class Code:  # a locale as the translator reads it (no database)
        def __init__(self, code):
            self.language_code = code

    assert translator.can_translate(Code("sv"), Code("en"))
    assert not translator.can_translate(Code("sv"), Code("sv-x-ll"))  # easy Swedish is an editor's work


# --- Unreviewed machine strings -----------------------------------------------------------------------


def machine_translated(page, code="en"):
    """``page`` translated into ``code`` and published, then its strings made the machine's (as
    wagtail-localize's "Translate with LibreTranslate" records them)."""
    translated = translate(page, code, prefix="[mt] ")
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code=code)
    StringTranslation.objects.filter(locale__language_code=code, context__object_id=page.translation_key).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, tool_name="LibreTranslate"
    )
    return translated, translation


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_the_editor_refuses_to_publish_unreviewed_machine_strings_until_each_is_approved(
    client, home_page, django_capture_on_commit_callbacks
):
    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated, translation = machine_translated(course)
    strings = StringSegment.objects.filter(source=translation.source).count()
    assert strings >= 2  # the title and the summary at least
    live_revision = translated.live_revision_id
    client.force_login(in_group(MODERATORS_GROUP))

    # Opening the translation says how many wait and how to review them.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert response.status_code == 200
    (warning,) = texts(response)
    assert str(strings) in warning

    # Publish is refused and nothing is written.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[translated.pk]), {"action": "publish"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[translated.pk]
    )
    (refusal,) = texts(response)
    assert translated.title in refusal and str(strings) in refusal
    translated.refresh_from_db()
    assert translated.live_revision_id == live_revision

    (item,) = translations_to_update(editable_ids=[translated.pk])
    assert item.unreviewed == strings and not item.behind

    # The editor approves each string as wagtail-localize's editor does (Edit, Save: the same words).
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        value = StringTranslation.objects.get(translation_of=segment.string, context=segment.context).data
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
            data=urlencode({"value": value}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
    assert not StringTranslation.objects.filter(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[translated.pk]), {"action": "publish"})
    assert response.status_code == 302
    translated.refresh_from_db()
    assert translated.live_revision_id != live_revision
    assert translations_to_update(editable_ids=[translated.pk]) == []


@pytest.mark.django_db
def test_the_dashboard_flags_unreviewed_machine_strings_of_a_draft_too(client, home_page):
    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated = translate(course, "fi", prefix="[fi] ", publish=False)
    fi = Locale.objects.get(language_code="fi")
    StringTranslation.objects.filter(locale=fi).update(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
    client.force_login(in_group(EDITORS_GROUP))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    section = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[translated.pk]) in section
    (item,) = translations_to_update(editable_ids=[translated.pk])
    assert item.unreviewed > 0 and not item.live and not item.unpublished


@pytest.mark.django_db
def test_a_machine_string_the_source_no_longer_has_is_not_counted(home_page):
    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated, translation = machine_translated(course)
    StringTranslation.objects.exclude(translation_of__data="Demokrati i vardagen").update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL
    )
    course.title = "Demokrati varje dag"
    course.save_revision().publish()
    translation.source.update_from_db()  # synced: the old title is no segment of the source now
    assert translations_to_update(editable_ids=[translated.pk])[0].unreviewed == 0


@pytest.mark.django_db
def test_bulk_publish_refuses_a_translation_with_unreviewed_machine_strings(client, home_page):
    course, _lessons = make_course(title="Demokrati i vardagen", lessons=1)
    translated, _translation = machine_translated(course)
    translated.title = "Democracy, newer draft"
    translated.save_revision()
    client.force_login(in_group(MODERATORS_GROUP))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(f"{url}?id={translated.pk}&next=/admin/pages/", {})
    assert response.status_code == 302
    assert len(texts(response)) == 1
    translated.refresh_from_db()
    assert translated.has_unpublished_changes and translated.title != "Democracy, newer draft"


def test_wagtail_localizes_publish_button_posts_what_the_refusal_reads():
    """The refusal reads the translation editor's Publish button (``action=publish``) before wagtail-localize's
    own ``before_edit_page`` hook handles it; if either side changes, this fails (docs/architecture.md)."""
    import inspect
    from pathlib import Path

    import wagtail_localize
    from wagtail_localize.views import edit_translation

    bundle = Path(wagtail_localize.__file__).parent / "static/wagtail_localize/js/wagtail-localize.js"
    assert 'name:"action",value:"publish"' in bundle.read_text()
    assert 'request.POST.get("action") == "publish"' in inspect.getsource(edit_translation.edit_translation)
