"""The courses app's section of a person's register extract: enrolments and lesson progress.

Registered from this app's AppConfig.ready(), with its label and its keys' labels.
Enrolments are kept on erasure: they carry no personal data once the person is
anonymised, and the figures need them. The language each was completed in goes (``erase_courses``):
like the person's own course language, it can say where someone comes from.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import register_personal_data_section
from lms.languages.content import as_language

from .models import Enrolment, LessonProgress

COURSES_LABEL = pgettext_lazy("personal data", "Courses and progress")
NOT_RECORDED = pgettext_lazy("language", "Not recorded")

# The keys of this section; the apps above reuse course, started_at and completed_at.
KEY_LABELS = {
    "enrolments": pgettext_lazy("personal data", "Enrolments"),
    "course": pgettext_lazy("personal data", "Course"),
    "course_id": pgettext_lazy("personal data", "Course id"),
    "cycle": pgettext_lazy("personal data", "Cycle"),
    "source": pgettext_lazy("personal data", "Source"),
    "is_required": pgettext_lazy("personal data", "Required"),
    "due_date": pgettext_lazy("personal data", "Due date"),
    "started_at": pgettext_lazy("personal data", "Started"),
    "quiz_passed_at": pgettext_lazy("personal data", "Quiz passed"),
    "completed_at": pgettext_lazy("personal data", "Completed"),
    "completed_via": pgettext_lazy("personal data", "Completed via"),
    "completed_language": pgettext_lazy("personal data", "Completed in (language)"),
    "lessons_done": pgettext_lazy("personal data", "Lessons done"),
    "lesson": pgettext_lazy("personal data", "Lesson"),
    "lesson_id": pgettext_lazy("personal data", "Lesson id"),
}


def _iso(value):
    return value.isoformat() if value is not None else None


def courses_section(person) -> dict:
    enrolments = list(Enrolment.objects.filter(person=person).select_related("course").order_by("created_at", "pk"))
    progress: dict[int, list] = {}
    for item in (
        LessonProgress.objects.filter(enrolment__person=person).select_related("lesson").order_by("completed_at")
    ):
        progress.setdefault(item.enrolment_id, []).append(
            {"lesson": item.lesson.title, "lesson_id": item.lesson_id, "completed_at": _iso(item.completed_at)}
        )
    return {
        "enrolments": [
            {
                "course": e.course.title,
                "course_id": e.course_id,
                "cycle": e.cycle,
                "source": e.source,
                "source_label": str(e.get_source_display()),
                "is_required": e.is_required,
                "due_date": _iso(e.due_date),
                "started_at": _iso(e.started_at),
                "quiz_passed_at": _iso(e.quiz_passed_at),
                "completed_at": _iso(e.completed_at),
                "completed_via": e.completed_via if e.completed_at else None,
                "completed_via_label": str(e.get_completed_via_display()) if e.completed_at else None,
                "completed_language": e.completed_language if e.completed_at else None,
                "completed_language_label": _language_label(e.completed_language) if e.completed_at else None,
                "created_at": _iso(e.created_at),
                "lessons_done": progress.get(e.pk, []),
            }
            for e in enrolments
        ]
    }


def _language_label(code: str) -> str:
    return as_language(code).name if code else str(NOT_RECORDED)


def erase_courses(person) -> None:
    """Runs inside ``person_erase``'s transaction: the enrolments stay for the figures, counted per
    language from then on as "not recorded"."""
    Enrolment.objects.filter(person=person).exclude(completed_language="").update(completed_language="")


register_personal_data_section("courses", COURSES_LABEL, courses_section, erase=erase_courses, key_labels=KEY_LABELS)
