"""What a course locked by its prerequisites answers: its lessons, its quiz and the start button refuse
with a page (403) that names the courses to complete first and links to them, instead of a 404 or 500.
Shared by the lesson views here and the quiz (lms.quizzes), which ask ``locked_response`` first."""

from django.template.response import TemplateResponse

from lms.organisation.models import Person

from . import selectors
from .models import CoursePage


def locked_response(request, *, person: Person | None, course: CoursePage) -> TemplateResponse | None:
    """The refusal if the course is locked to the person, else None (go on)."""
    missing = selectors.course_missing_prerequisites(person=person, course=course)
    if not missing:
        return None
    return TemplateResponse(request, "courses/course_locked.html", {"course": course, "missing": missing}, status=403)
