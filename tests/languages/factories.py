"""Translations made as an editor makes them in wagtail-localize: the page is submitted for translation
(its parents follow as aliases), each segment is given its translation, then the translation is saved
and published."""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from tests.helpers import submitted


def translate(page, code: str, words: dict[str, str] | None = None, *, prefix: str = "", publish: bool = True):
    """``page`` (or a translatable snippet) translated into ``code``: each source string by ``words`` where
    given, else with ``prefix`` before it (e.g. "[en] "); returns the translated page (specific) or snippet."""
    locale = Locale.objects.get(language_code=code)
    page = getattr(page, "specific", page)
    translate_object(page, [locale])
    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()  # the page as it is now (a later edit of the source)
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = segment.string.data
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": (words or {}).get(text, prefix + text)},
        )
    translation = Translation.objects.get(source=source, target_locale=locale)
    # wagtail-localize publishes on commit, which a test's transaction never reaches.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=publish)
    translated = page.get_translation(locale)
    return getattr(translated, "specific", translated)


def stop_syncing(client, page) -> None:
    """As an editor converts a synced translation to manual editing (wagtail-localize's "Stop synced
    translation"): from then on the page has Wagtail's own editor form, every field and block editable."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)
    response = client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/admin/"})
    assert response.status_code == 302


def stream_form_data(raw: list) -> dict:
    """A StreamField's raw data as the editor's form posts it (for ``nested_form_data``), every block and
    list item with its id, a BooleanBlock ticked as "on"."""

    def value(data):
        if isinstance(data, dict):
            return {name: value(item) for name, item in data.items()}
        if isinstance(data, list):  # a ListBlock's items
            return {"count": len(data), **{str(i): block(i, item) for i, item in enumerate(data)}}
        if isinstance(data, bool):
            return "on" if data else ""
        return "" if data is None else data

    def block(index, item):
        return {
            **({"type": item["type"]} if "type" in item else {}),
            "id": item["id"],
            "deleted": "",
            "order": index,
            "value": value(item["value"]),
        }

    return {"count": len(raw), **{str(i): block(i, item) for i, item in enumerate(raw)}}


def edit_form_data(client, page, streams: dict[str, list], **changes) -> dict:
    """What the editor's form for ``page`` posts back as rendered, its StreamFields given as raw data
    (``streams``, e.g. the page's own with a block removed), with ``changes``."""
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).context["form"]
    stream_data = nested_form_data({name: stream_form_data(raw) for name, raw in streams.items()})
    return submitted(form, **dict.fromkeys(streams), **stream_data, **changes)
