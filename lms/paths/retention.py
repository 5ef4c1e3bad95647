"""The learning paths' record type: path certificates with their PDFs. Disposal deletes the row and,
once that has committed, the PDF (a rollback keeps both). No course cycle: a path spans several courses,
so a decision counts from the issue or from the person leaving."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.certificates.models import private_storage
from lms.records.registry import Disposal, RecordType, RetentionEvent, register_record_type

from .models import PathCertificate

PATH_CERTIFICATES = "path_certificates"


def _delete_path_certificates(rows) -> int:
    names = list(rows.exclude(pdf="").values_list("pdf", flat=True))
    _total, per_model = rows.delete()
    if names:
        storage = private_storage()
        transaction.on_commit(lambda: [storage.delete(name) for name in names], robust=True)
    return per_model.get(PathCertificate._meta.label, 0)


register_record_type(
    RecordType(
        key=PATH_CERTIFICATES,
        label=_("Path certificates"),
        description=_("Certificates for completed learning paths, with their codes and PDFs. Deleted, PDF and all."),
        disposal=Disposal.DELETE,
        rows=PathCertificate.objects.all,
        events={RetentionEvent.CREATED: "issued_at", RetentionEvent.PERSON_LEFT: "person__deactivated_at"},
        dispose=_delete_path_certificates,
        person_rows=lambda person: PathCertificate.objects.filter(person=person),
        order=21,
    )
)
