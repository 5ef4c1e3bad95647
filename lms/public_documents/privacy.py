"""The public-documents app's section of a person's register extract, and its part of erasure: the
public-document requests an HR user handed out.

Registered from this app's AppConfig.ready(), with its label and its keys' labels.
The log names two kinds of people. The HR user who handed a list out is a person in the register:
their entries are in their extract, and erasure removes the link to their account unless a retention
decision keeps the log (lms.records). The requester is usually no one in the register (anyone may ask,
without saying who they are): the name is asked for only if given, and the retention decision for the
log clears it (``retention.py``).
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section
from lms.records.selectors import rows_erasure_may_remove

from .models import PublicDocumentRequest
from .retention import PUBLIC_DOCUMENT_REQUESTS

PUBLIC_DOCUMENTS_LABEL = pgettext_lazy("personal data", "Public-document requests")
KEY_LABELS = {
    "requests_handed_out": pgettext_lazy("personal data", "Public-document requests you handed out"),
    "reference": pgettext_lazy("personal data", "Request reference"),
    "contents": pgettext_lazy("personal data", "Handed out"),
    "handed_out_at": pgettext_lazy("personal data", "Handed out at"),
}


def public_documents_section(person) -> dict:
    requests = PublicDocumentRequest.objects.filter(handed_out_by_id=person.user_id).order_by("handed_out_at", "pk")
    return {
        "requests_handed_out": [
            {"reference": r.reference, "contents": r.contents, "handed_out_at": iso(r.handed_out_at)} for r in requests
        ]
    }


def erase_public_documents(person) -> None:
    """Runs inside ``person_erase``'s transaction: the entries stay, without the link to the account."""
    mine = PublicDocumentRequest.objects.filter(handed_out_by_id=person.user_id)
    rows_erasure_may_remove(PUBLIC_DOCUMENT_REQUESTS, mine).update(handed_out_by=None)


register_personal_data_section(
    "public_documents",
    PUBLIC_DOCUMENTS_LABEL,
    public_documents_section,
    erase=erase_public_documents,
    key_labels=KEY_LABELS,
)
