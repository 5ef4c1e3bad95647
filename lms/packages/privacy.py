"""The packages app's section of a person's register extract, and its part of erasure.

The extract lists each package lesson the person took: what the package reported (status, score, time,
when) and their answers (interactions). Their suspend data is the package's own opaque state; it is
named by its length, not printed.

Erasure keeps the attempts as the quizzes keep theirs (a result and its answers are a public document:
the records plan's ``package_attempts`` decides when they go), but removes the resume state (where the
learner stopped and the package's suspend data): a working copy with no value as a record.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import register_personal_data_section

from .models import PackageAttempt
from .selectors import attempts_of_person

PACKAGES_LABEL = pgettext_lazy("personal data", "Package lessons (SCORM, H5P)")

KEY_LABELS = {
    "package_attempts": pgettext_lazy("personal data", "Package lessons taken"),
    "completion_status": pgettext_lazy("personal data", "Completion reported"),
    "success_status": pgettext_lazy("personal data", "Success reported"),
    "score": pgettext_lazy("personal data", "Score"),
    "total_seconds": pgettext_lazy("personal data", "Time spent (seconds)"),
    "location": pgettext_lazy("personal data", "Where you stopped"),
    "suspend_data_length": pgettext_lazy("personal data", "Saved package state (characters)"),
    "interactions": pgettext_lazy("personal data", "Your answers"),
}


def _iso(value):
    return value.isoformat() if value is not None else None


def packages_section(person) -> dict:
    return {
        "package_attempts": [
            {
                "course": attempt.enrolment.course.title,
                "lesson": attempt.lesson.title,
                "lesson_id": attempt.lesson_id,
                "cycle": attempt.enrolment.cycle,
                "completion_status": attempt.completion_status,
                "success_status": attempt.success_status,
                "score": str(attempt.score_raw) if attempt.score_raw is not None else None,
                "total_seconds": attempt.total_seconds,
                "location": attempt.location,
                "suspend_data_length": len(attempt.suspend_data),
                "interactions": attempt.interactions,
                "started_at": _iso(attempt.started_at),
                "completed_at": _iso(attempt.completed_at),
            }
            for attempt in attempts_of_person(person)
        ]
    }


def erase_packages(person) -> None:
    """Runs inside ``person_erase``'s transaction."""
    PackageAttempt.objects.filter(enrolment__person=person).update(location="", suspend_data="")


register_personal_data_section(
    "packages", PACKAGES_LABEL, packages_section, erase=erase_packages, key_labels=KEY_LABELS
)
