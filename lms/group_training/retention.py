"""The group sessions' record type: who was present at which session (the evidence of a course completed
together). Registered from this app's AppConfig.ready(). The sessions themselves (course, unit, day, counts
of hands) name nobody but their leader's account and are kept with the unit's history."""

from django.utils.translation import gettext_lazy as _

from lms.courses.retention import cycle_end
from lms.records.registry import Disposal, RecordType, RetentionEvent, delete_rows, register_record_type

from .models import SessionAttendance

GROUP_ATTENDANCE = "group_attendance"


register_record_type(
    RecordType(
        key=GROUP_ATTENDANCE,
        label=_("Attendance at group sessions"),
        description=_("Who was present at a group session, and the enrolment it completed. Deleted."),
        disposal=Disposal.DELETE,
        rows=SessionAttendance.objects.all,
        events={
            RetentionEvent.CREATED: "recorded_at",
            RetentionEvent.CYCLE_ENDED: lambda: cycle_end("enrolment__"),
            RetentionEvent.PERSON_LEFT: "person__deactivated_at",
        },
        dispose=delete_rows,
        person_rows=lambda person: SessionAttendance.objects.filter(person=person),
        order=25,  # before the enrolments it points at (courses: 30)
    )
)
