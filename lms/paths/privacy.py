"""The learning paths' section of a person's register extract: their path certificates.

Erasure has no part here, as for a course's certificate (lms.certificates.privacy): a path certificate
is a public document and follows the retention decision for its record type (``retention.py``)."""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import PathCertificate

KEY_LABELS = {
    "path_certificates": pgettext_lazy("personal data", "Path certificates"),
    "learning_path": pgettext_lazy("personal data", "Learning path"),
    "verification_code": pgettext_lazy("personal data", "Verification code"),
    "completed_on": pgettext_lazy("personal data", "Completed on"),
    "issued_at": pgettext_lazy("personal data", "Issued"),
    "status": pgettext_lazy("personal data", "Status"),
    "revoked_at": pgettext_lazy("personal data", "Revoked"),
    "revoked_reason": pgettext_lazy("personal data", "Reason for revocation"),
    "pdf_stored": pgettext_lazy("personal data", "PDF stored"),
}


def path_certificates_section(person) -> dict:
    rows = PathCertificate.objects.filter(person=person).select_related("path").order_by("issued_at", "pk")
    return {
        "path_certificates": [
            {
                "verification_code": cert.display_code,
                "learning_path": cert.path.title,
                "completed_on": iso(cert.completed_on),
                "issued_at": iso(cert.issued_at),
                "status": str(cert.get_status_display()),
                "revoked_at": iso(cert.revoked_at),
                "revoked_reason": cert.revoked_reason or None,
                "pdf_stored": bool(cert.pdf),
            }
            for cert in rows
        ]
    }


register_personal_data_section(
    "path_certificates",
    pgettext_lazy("personal data", "Path certificates"),
    path_certificates_section,
    key_labels=KEY_LABELS,
)
