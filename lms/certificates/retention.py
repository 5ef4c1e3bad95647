"""The certificates app's record type for the records-management plan: certificates and their PDFs.
Registered from this app's AppConfig.ready(). Disposal deletes the row and, once that has
committed, the PDF (a rollback keeps both)."""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.courses.retention import cycle_end
from lms.records.registry import Disposal, RecordType, RetentionEvent, delete_rows, register_record_type

from .models import Certificate, private_storage

CERTIFICATES = "certificates"


logger = logging.getLogger(__name__)


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)  # a local folder goes too once empty (lms.core.storage.PrivateStorage)
    logger.info("Deleted %s certificate PDF(s) under a retention decision", len(names))


def delete_with_pdfs(rows) -> int:
    """Dispose of issued certificates of any kind (``pdf`` in private storage): the rows, then, once
    that has committed, their PDFs (a rollback keeps both)."""
    names = list(rows.exclude(pdf="").values_list("pdf", flat=True))
    deleted = delete_rows(rows)
    if names:
        storage = private_storage()
        transaction.on_commit(lambda: _delete_files(storage, names), robust=True)
    return deleted


register_record_type(
    RecordType(
        key=CERTIFICATES,
        label=_("Certificates"),
        description=_("Certificates (intyg) with their verification codes and PDFs. Deleted, PDF and all."),
        disposal=Disposal.DELETE,
        rows=Certificate.objects.all,
        events={
            RetentionEvent.CREATED: "issued_at",
            RetentionEvent.CYCLE_ENDED: lambda: cycle_end("enrolment__"),
            RetentionEvent.PERSON_LEFT: "person__deactivated_at",
        },
        dispose=delete_with_pdfs,
        person_rows=lambda person: Certificate.objects.filter(person=person),
        order=20,
    )
)
