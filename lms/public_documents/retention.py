"""The public-documents app's record type for the records-management plan: the log of requests.
Registered from this app's AppConfig.ready(). Disposal clears the requester's name; what was
handed out, when and by whom stays."""

from django.utils.translation import gettext_lazy as _

from lms.records.registry import Disposal, RecordType, RetentionEvent, register_record_type

from .models import PublicDocumentRequest

PUBLIC_DOCUMENT_REQUESTS = "public_document_requests"


register_record_type(
    RecordType(
        key=PUBLIC_DOCUMENT_REQUESTS,
        label=_("Log of public-document requests"),
        description=_(
            "What was handed out for each request for a public document, when and by whom. Anonymised: the "
            "requester's name is cleared."
        ),
        disposal=Disposal.ANONYMISE,
        rows=lambda: PublicDocumentRequest.objects.exclude(requested_by=""),
        events={RetentionEvent.CREATED: "handed_out_at"},
        dispose=lambda rows: rows.update(requested_by=""),
        person_rows=lambda person: PublicDocumentRequest.objects.filter(handed_out_by_id=person.user_id),
        order=70,
    )
)
