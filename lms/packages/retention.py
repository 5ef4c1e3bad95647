"""The packages app's record type for the records-management plan: package attempts (what a SCORM or
H5P package reported of a learner, with their answers). Like quiz attempts, counted from the course
cycle's end; they go before the enrolment they belong to (and with it, if that goes first)."""

from django.utils.translation import gettext_lazy as _

from lms.courses.retention import cycle_end
from lms.records.registry import Disposal, RecordType, RetentionEvent, delete_rows, register_record_type

from .models import PackageAttempt

PACKAGE_ATTEMPTS = "package_attempts"


register_record_type(
    RecordType(
        key=PACKAGE_ATTEMPTS,
        label=_("Package attempts (SCORM, H5P)"),
        description=_(
            "What a SCORM or H5P package in a lesson reported of a learner: status, score, time, where they "
            "stopped and their answers. Deleted."
        ),
        disposal=Disposal.DELETE,
        rows=PackageAttempt.objects.all,
        events={
            RetentionEvent.CREATED: "started_at",
            RetentionEvent.CYCLE_ENDED: lambda: cycle_end("enrolment__"),
            RetentionEvent.PERSON_LEFT: "enrolment__person__deactivated_at",
        },
        dispose=delete_rows,
        person_rows=lambda person: PackageAttempt.objects.filter(enrolment__person=person),
        order=12,
    )
)
