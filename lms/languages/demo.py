"""The demo's translations: "Demokratins grundvärderingar" in easy Swedish and English, its lessons and
quiz included, made as an editor makes them with wagtail-localize (the course submitted for translation,
a PO file uploaded for each language, the translations published), and one demo person whose HR file
says Finnish. Idempotent: a language already translated is left as it is.

The PO files in demo_content/<language>/<course slug>.po hold one entry per source text (msgid) with its
translation (msgstr); an empty msgstr keeps the source's words (the slugs, which learners never see)."""

from pathlib import Path

import polib
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from lms.core.content_files import ContentFileError

from .content import language
from .selectors import in_source_language

TRANSLATIONS = Path(__file__).resolve().parent / "demo_content"
FINNISH_READER_UNIT = "SOF-AO-HT"  # home care: the first of its staff reads Finnish, as the HR file says


def load(stdout=None, directory: Path = TRANSLATIONS) -> dict:
    translated = 0
    for po_path in sorted(directory.glob("*/*.po")):
        code, slug = po_path.parent.name, po_path.stem
        if language(code) is None:
            raise ContentFileError(f"{po_path.name}: {code} is not a configured content language")
        course = in_source_language(Page.objects.filter(slug=slug)).first()
        if course is None:
            continue  # that course's demo was not loaded
        words = po_words(po_path)
        locale = Locale.objects.get(language_code=code)
        for page in [course.specific, *(p.specific for p in course.get_descendants().order_by("path"))]:
            if page.get_translation_or_none(locale) is not None and page.get_translation(locale).live:
                continue
            translate_instance(page, locale, words)
            translated += 1
            if stdout is not None:
                stdout.write(f"Translation ({code}): {page.title}\n")
    people = _finnish_reader()
    return {"pages_translated": translated, "hr_content_language_set": people}


def po_words(po_path: Path) -> dict[str, str]:
    """A PO file's translations by source text; an empty msgstr is left out (the source's words stay)."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(po_path)) if entry.msgstr}


def translate_instance(instance, locale, words: dict[str, str]) -> None:
    """``instance`` (a page or a translatable snippet) translated into ``locale`` from ``words`` (source
    text → translation) and published, as the upload of a PO file in wagtail-localize's editor does."""
    translate_object(instance, [locale])
    source = TranslationSource.objects.get_for_instance(instance)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": words.get(segment.string.data, segment.string.data)},
        )
    translation = Translation.objects.get(source=source, target_locale=locale)
    # wagtail-localize publishes on commit: the demo's transaction commits at its end.
    translation.save_target(publish=True)


def _finnish_reader() -> int:
    from lms.organisation.models import Audience, Person

    staff = Person.objects.filter(org_unit__code=FINNISH_READER_UNIT, audience=Audience.STAFF, is_active=True)
    first = staff.order_by("employee_number").first()
    if first is None or first.hr_content_language:
        return 0
    return Person.objects.filter(pk=first.pk).update(hr_content_language="fi")
