"""The learning paths' record type: path certificates with their PDFs. Disposal deletes the row and,
once that has committed, the PDF (a rollback keeps both). No course cycle: a path spans several courses,
so a decision counts from the issue or from the person leaving."""

from django.utils.translation import gettext_lazy as _

from lms.certificates.retention import delete_with_pdfs
from lms.records.registry import Disposal, RecordType, RetentionEvent, register_record_type

from .models import PathCertificate

PATH_CERTIFICATES = "path_certificates"


register_record_type(
    RecordType(
        key=PATH_CERTIFICATES,
        label=_("Path certificates"),
        description=_("Certificates for completed learning paths, with their codes and PDFs. Deleted, PDF and all."),
        disposal=Disposal.DELETE,
        rows=PathCertificate.objects.all,
        events={RetentionEvent.CREATED: "issued_at", RetentionEvent.PERSON_LEFT: "person__deactivated_at"},
        dispose=delete_with_pdfs,
        person_rows=lambda person: PathCertificate.objects.filter(person=person),
        order=21,
    )
)
