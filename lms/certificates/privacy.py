"""The certificates app's section of a person's register extract.

Registered from this app's AppConfig.ready(), with its label and its keys' labels (translated in
this app's catalogue).

Erasure has no part here: a certificate, PDF and all, is a public document, so it follows the
retention decision for certificates (lms.records, ``retention.py``). Without a decision in force
erasure leaves it as it is; under one, erasure deletes (row and PDF, the file once the erasure has
committed) the certificates whose period has run out, as the nightly run would, and keeps the rest.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section
from lms.languages.content import as_language

from .models import Certificate

CERTIFICATES_LABEL = pgettext_lazy("personal data", "Certificates")

KEY_LABELS = {
    "certificates": pgettext_lazy("personal data", "Certificates"),
    "verification_code": pgettext_lazy("personal data", "Verification code"),
    "completed_on": pgettext_lazy("personal data", "Completed on"),
    "language": pgettext_lazy("personal data", "Printed in (language)"),
    "issued_at": pgettext_lazy("personal data", "Issued"),
    "valid_until": pgettext_lazy("personal data", "Valid until"),
    "status": pgettext_lazy("personal data", "Status"),
    "revoked_at": pgettext_lazy("personal data", "Revoked"),
    "revoked_reason": pgettext_lazy("personal data", "Reason for revocation"),
    "pdf_stored": pgettext_lazy("personal data", "PDF stored"),
}


def certificates_section(person) -> dict:
    certificates = Certificate.objects.filter(person=person).select_related("course").order_by("issued_at", "pk")
    return {
        "certificates": [
            {
                "verification_code": cert.display_code,
                "course": cert.course.title,
                "completed_on": iso(cert.completed_on),
                "language": cert.language,
                "language_label": as_language(cert.language).name,
                "issued_at": iso(cert.issued_at),
                "valid_until": iso(cert.valid_until),
                "status": str(cert.get_status_display()),
                "revoked_at": iso(cert.revoked_at),
                # The person may see why their certificate was revoked, like anything else stored about them.
                "revoked_reason": cert.revoked_reason or None,
                "pdf_stored": bool(cert.pdf),
            }
            for cert in certificates
        ]
    }


register_personal_data_section("certificates", CERTIFICATES_LABEL, certificates_section, key_labels=KEY_LABELS)
