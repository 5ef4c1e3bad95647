"""The certificates app's section of a person's register extract, and its part of erasure.

Registered from this app's AppConfig.ready(), with its label, its keys' labels and the
texts erasure stores (all translated in this app's catalogue).

Erasure keeps each certificate's row (code, course, dates: figures, and what the public
verification page answers), revokes it with a neutral reason, so the verification page
no longer calls it valid, and deletes the PDF, which prints the person's name. The file
goes only once the erasure has committed: a rollback keeps it. Certificates a retention decision
keeps (lms.records) are left as they are.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import ModelLogEntry

from lms.organisation.privacy import iso, register_personal_data_section
from lms.records.selectors import rows_erasure_may_remove

from .models import Certificate, RenderStatus, private_storage
from .retention import CERTIFICATES

logger = logging.getLogger(__name__)

REVOKE_ACTION = "certificates.revoke"

CERTIFICATES_LABEL = pgettext_lazy("personal data", "Certificates")

KEY_LABELS = {
    "certificates": pgettext_lazy("personal data", "Certificates"),
    "verification_code": pgettext_lazy("personal data", "Verification code"),
    "completed_on": pgettext_lazy("personal data", "Completed on"),
    "issued_at": pgettext_lazy("personal data", "Issued"),
    "valid_until": pgettext_lazy("personal data", "Valid until"),
    "status": pgettext_lazy("personal data", "Status"),
    "revoked_at": pgettext_lazy("personal data", "Revoked"),
    "revoked_reason": pgettext_lazy("personal data", "Reason for revocation"),
    "pdf_stored": pgettext_lazy("personal data", "PDF stored"),
}

# Texts that erasure stores on the certificates that stay; written in the site's language
# (settings.LANGUAGE_CODE), whoever does the erasing.
CERTIFICATE_ERASED_REASON = _("Personal data erased")
CERTIFICATE_PDF_ERASED = _("The PDF was deleted when the personal data were erased.")


def certificates_section(person) -> dict:
    certificates = Certificate.objects.filter(person=person).select_related("course").order_by("issued_at", "pk")
    return {
        "certificates": [
            {
                "verification_code": cert.display_code,
                "course": cert.course.title,
                "completed_on": iso(cert.completed_on),
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


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)
        try:  # the file's own folder (named by a hash of the code), if now empty
            Path(storage.path(name)).parent.rmdir()
        except OSError:
            pass
    logger.info("Deleted %s certificate PDF(s) of an erased person", len(names))


def erase_certificates(person) -> None:
    """Revoke the person's certificates with a neutral reason (replacing any earlier reason, also in
    the audit log) and delete their PDFs on commit. Runs inside ``person_erase``'s transaction."""
    from . import services

    # Certificates a retention decision keeps stay as they are, PDF and all (lms.records).
    may_go = rows_erasure_may_remove(CERTIFICATES, Certificate.objects.filter(person=person))
    certificates = list(may_go.select_for_update().order_by("pk"))
    if not certificates:
        return
    with translation.override(settings.LANGUAGE_CODE):
        reason, pdf_note = str(CERTIFICATE_ERASED_REASON), str(CERTIFICATE_PDF_ERASED)
    # Earlier revocations' reasons were free text about the person: neutral from now on.
    for entry in ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Certificate),
        object_id__in=[str(cert.pk) for cert in certificates],
        action=REVOKE_ACTION,
    ):
        entry.data = {**entry.data, "reason": reason}
        entry.save(update_fields=["data"])
    for cert in certificates:
        if cert.revoked_at is None:
            services.certificate_revoke(certificate=cert, reason=reason)
    storage = private_storage()
    names = [cert.pdf.name for cert in certificates if cert.pdf]
    Certificate.objects.filter(pk__in=[cert.pk for cert in certificates]).update(
        revoked_reason=reason, pdf="", render_status=RenderStatus.FAILED, render_error=pdf_note
    )
    if names:
        transaction.on_commit(lambda: _delete_files(storage, names), robust=True)


register_personal_data_section(
    "certificates", CERTIFICATES_LABEL, certificates_section, erase=erase_certificates, key_labels=KEY_LABELS
)
