"""The courses app's record type for the records-management plan: enrolments and completions.

Registered from this app's AppConfig.ready(). Also the one definition of when a course cycle
ends, which the quizzes and certificates apps count their own records from."""

from django.db.models import DateTimeField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from lms.records.registry import Disposal, RecordType, RetentionEvent, delete_rows, register_record_type

from .models import Enrolment

ENROLMENTS = "enrolments"


def cycle_end(prefix: str = ""):
    """When an enrolment's course cycle ended: its completion; else the start of the person's next
    cycle of the same course; else the person's leaving. NULL while the cycle still runs.
    ``prefix`` is the path from the rows at hand to the enrolment (e.g. "enrolment__")."""
    next_cycle = (
        Enrolment.objects.filter(
            person_id=OuterRef(f"{prefix}person_id"),
            course_id=OuterRef(f"{prefix}course_id"),
            cycle__gt=OuterRef(f"{prefix}cycle"),
        )
        .order_by("cycle")
        .values("created_at")[:1]
    )
    return Coalesce(
        F(f"{prefix}completed_at"),
        Subquery(next_cycle),
        F(f"{prefix}person__deactivated_at"),
        output_field=DateTimeField(),
    )


def _enrolments_disposable():
    # Quiz attempts, certificates and the evidence of a completion from elsewhere point at their
    # enrolment (and are protected): an enrolment goes only once they have gone under their own
    # decisions. Asked by the reverse names, not imported.
    return Enrolment.objects.filter(
        quiz_attempts__isnull=True, certificate__isnull=True, completion_record__isnull=True
    )


register_record_type(
    RecordType(
        key=ENROLMENTS,
        label=_("Enrolments and completions"),
        description=_(
            "Who was enrolled on which course in which cycle, when they started and completed, with their "
            "lesson progress. Deleted; an enrolment with quiz attempts or a certificate left goes once they have."
        ),
        disposal=Disposal.DELETE,
        rows=_enrolments_disposable,
        events={
            RetentionEvent.CREATED: "created_at",
            RetentionEvent.CYCLE_ENDED: cycle_end,
            RetentionEvent.PERSON_LEFT: "person__deactivated_at",
        },
        dispose=delete_rows,
        person_rows=lambda person: Enrolment.objects.filter(person=person),
        order=30,
    )
)
