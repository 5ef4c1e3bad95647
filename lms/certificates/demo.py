"""The demo certificate template ("Standardintyg"), set on every course that gives none yet, and its
translations (demo_content/<language>/standardintyg.po: English and easy Swedish, as the demo course has).
Idempotent: the template is found by name, courses that have a template are left alone, and a language
the template is already translated into is kept."""

from pathlib import Path

from wagtail.models import Locale

from lms.courses.models import CoursePage
from lms.languages.demo import po_words, translate_instance
from lms.languages.selectors import in_source_language

from .models import CertificateTemplate, CourseCertificate

TEMPLATE = {
    "name": "Standardintyg",
    "heading": "Intyg",
    "body": (
        "{name} har genomfört utbildningen {course} den {completed_on}.\n\n"
        "Utbildningen ger kunskap om demokratins grundvärderingar och om likabehandling "
        "i arbetet för {organisation}.\n\n"
        "Intyget gäller till och med {valid_until}."
    ),
    "signatory_name": "Lena Ahlström",
    "signatory_title": "HR-direktör",
    "accent_colour": "#1d4f6e",
}
VALIDITY_MONTHS = 36
TRANSLATIONS = Path(__file__).resolve().parent / "demo_content"


def load(stdout=None) -> dict:
    template = in_source_language(CertificateTemplate.objects.filter(name=TEMPLATE["name"])).first()
    created = template is None
    if created:
        template = CertificateTemplate(**TEMPLATE)
        template.full_clean()
        template.save()
    updated = 0
    for course in in_source_language(CoursePage.objects.filter(certificate_terms__isnull=True)):
        course.certificate_terms = [CourseCertificate(template=template, validity_months=VALIDITY_MONTHS)]
        # Through a revision, so a later publish of the course keeps the certificate.
        course.save_revision().publish()
        updated += 1
    translated = _translate(template)
    if stdout is not None:
        stdout.write(f"Certificate template: {'created' if created else 'kept'}; set on {updated} courses.")
    return {"template_created": created, "courses_updated": updated, "template_translations": translated}


def _translate(template: CertificateTemplate) -> int:
    translated = 0
    for po_path in sorted(TRANSLATIONS.glob("*/standardintyg.po")):
        locale = Locale.objects.filter(language_code=po_path.parent.name).first()  # None: not configured here
        if locale is not None and template.get_translation_or_none(locale) is None:
            translate_instance(template, locale, po_words(po_path))
            translated += 1
    return translated
