"""The quizzes app's record type for the records-management plan: quiz attempts.
Registered from this app's AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from lms.courses.retention import cycle_end
from lms.records.registry import Disposal, RecordType, RetentionEvent, delete_rows, register_record_type

from .models import Attempt

QUIZ_ATTEMPTS = "quiz_attempts"


register_record_type(
    RecordType(
        key=QUIZ_ATTEMPTS,
        label=_("Quiz attempts"),
        description=_("Each attempt at a quiz: the questions shown, the answers, the score. Deleted."),
        disposal=Disposal.DELETE,
        rows=Attempt.objects.all,
        events={
            RetentionEvent.CREATED: "started_at",
            RetentionEvent.CYCLE_ENDED: lambda: cycle_end("enrolment__"),
            RetentionEvent.PERSON_LEFT: "person__deactivated_at",
        },
        dispose=delete_rows,
        person_rows=lambda person: Attempt.objects.filter(person=person),
        order=10,
    )
)
