"""The record type of completions earned elsewhere (their evidence: source, score, reason, who and
when). Registered from this app's AppConfig.ready(). It follows the enrolment it proves: its period
counts from the same events, and it goes before the enrolment (which waits for it, as for attempts)."""

from django.utils.translation import gettext_lazy as _

from lms.courses.retention import cycle_end
from lms.records.registry import Disposal, RecordType, RetentionEvent, delete_rows, register_record_type

from .models import CompletionRecord

COMPLETION_RECORDS = "completion_records"


register_record_type(
    RecordType(
        key=COMPLETION_RECORDS,
        label=_("Completions from elsewhere"),
        description=_(
            "The evidence of completions imported as historical or marked by hand: the day, score, source, "
            "reason, who recorded it and when. Deleted."
        ),
        disposal=Disposal.DELETE,
        rows=CompletionRecord.objects.all,
        events={
            RetentionEvent.CREATED: "recorded_at",
            RetentionEvent.CYCLE_ENDED: lambda: cycle_end("enrolment__"),
            RetentionEvent.PERSON_LEFT: "enrolment__person__deactivated_at",
        },
        dispose=delete_rows,
        person_rows=lambda person: CompletionRecord.objects.filter(enrolment__person=person),
        order=15,
    )
)
