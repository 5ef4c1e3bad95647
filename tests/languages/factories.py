"""Translations made as an editor makes them in wagtail-localize: the page is submitted for translation
(its parents follow as aliases), each segment is given its translation, then the translation is saved
and published."""

from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object


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
