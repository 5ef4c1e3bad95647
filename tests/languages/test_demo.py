"""The demo's translations: "Demokratins grundvärderingar" with its lessons and quiz in easy Swedish and
English, every text translated (the PO files match the course file), and a Finnish reader."""

import polib
import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from lms.languages.demo import TRANSLATIONS
from lms.organisation.models import Person

COURSE = "demokratins-grundvarderingar"


def source_pages():
    course = Page.objects.get(slug=COURSE, locale__language_code="sv")
    return [course, *course.get_descendants().order_by("path")]


@pytest.mark.parametrize("code", ["sv-x-ll", "en"])
def test_the_course_its_lessons_and_quiz_are_published_in_the_language(demo, code):
    pages = source_pages()
    assert len(pages) == 7  # the course, five lessons and the quiz
    for page in pages:
        translation = page.get_translations().filter(locale__language_code=code).first()
        assert translation is not None and translation.live, (code, page.title)
        assert translation.title != page.title, (code, page.title)


@pytest.mark.parametrize("code", ["sv-x-ll", "en"])
def test_every_text_of_the_course_has_its_translation_and_no_other(demo, code):
    entries = polib.pofile(str(TRANSLATIONS / code / f"{COURSE}.po"))
    translated = {entry.msgid for entry in entries if entry.msgstr}
    texts = set()
    for page in source_pages():
        source = TranslationSource.objects.get_for_instance(page.specific)
        for segment in source.stringsegment_set.select_related("string", "context"):
            if segment.context.path != "slug":  # learners never see a translation's slug
                texts.add(segment.string.data)
    assert texts - translated == set(), "texts of the course with no translation"
    assert translated - texts == set(), "translations of texts the course no longer has"


def test_one_demo_person_reads_finnish_and_anna_has_not_chosen(demo):
    assert Person.objects.filter(hr_content_language="fi").count() == 1
    assert Person.objects.get(user__username="anna").content_language == ""


@pytest.mark.parametrize("code", ["sv-x-ll", "en"])
def test_the_certificate_template_has_every_text_in_the_language(demo, code):
    """The certificate of a course taken in English is English throughout, not an English title in a
    Swedish text: the demo's template is translated like the course, from a PO file."""
    from lms.certificates.demo import TRANSLATIONS as TEMPLATE_TRANSLATIONS
    from lms.certificates.models import CertificateTemplate

    template = CertificateTemplate.objects.get(name="Standardintyg", locale__language_code="sv")
    translated = template.get_translation(Locale.objects.get(language_code=code))
    entries = {e.msgid: e.msgstr for e in polib.pofile(str(TEMPLATE_TRANSLATIONS / code / "standardintyg.po"))}
    source = TranslationSource.objects.get_for_instance(template)
    texts = {segment.string.data for segment in source.stringsegment_set.select_related("string")}
    assert texts == set(entries) and all(entries.values())
    assert translated.body != template.body and "{name}" in translated.body and "{course}" in translated.body
