"""What the apps above courses add to a course, named by them, never here (courses must not import
or name them): they register from their AppConfig.ready(), before any page type or editor is used.

- **Child page types** (quizzes: the quiz that ends a course). The upper page names the course as its
  parent (``parent_page_types``), and ``CoursePage`` admits what is registered besides its lessons.
- **Editor panels** in the course's "Completion and certificate" group (certificates: which certificate
  the course gives, a row the certificates app owns, edited and published with the course).
- **Gaps** the editors' dashboard lists (certificates: courses that give no certificate): a filter on
  courses, checked in the one query that finds every course's gaps.
- **The quiz result that counts** per enrolment (quizzes: by the quiz's grading method), for what prints
  it beside the quizzes (certificates).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from wagtail.admin.panels import Panel

_child_page_types: list[str] = []
_editor_panels: list[Panel] = []
_gaps: dict[str, "CourseGap"] = {}
_my_courses_sections: dict[str, "MyCoursesSection"] = {}
_quiz_scores: list[Callable] = []


@dataclass(frozen=True)
class CourseGap:
    """Courses lacking something, for the editors' dashboard: ``lacks()`` filters the courses that do."""

    key: str
    heading: str
    explanation: str
    when_none: str
    lacks: Callable[[], Q]


def register_course_child_page(model_label: str) -> None:
    """Admit a page type ("app_label.ModelName") under a course, besides its lessons."""
    if model_label not in _child_page_types:
        _child_page_types.append(model_label)


def course_child_page_types() -> list[str]:
    return list(_child_page_types)


def register_course_editor_panel(panel: Panel) -> None:
    """Add a panel to the course editor's "Completion and certificate" group."""
    _editor_panels.append(panel)


def course_editor_panels() -> list[Panel]:
    return list(_editor_panels)


def register_course_gap(gap: CourseGap) -> None:
    _gaps[gap.key] = gap


def course_gaps() -> list[CourseGap]:
    return list(_gaps.values())


@dataclass(frozen=True)
class MyCoursesSection:
    key: str
    template: str
    context: Callable  # fn(*, person, request) -> dict | None


def register_my_courses_section(section: MyCoursesSection) -> None:
    _my_courses_sections[section.key] = section


def my_courses_sections(*, person, request) -> list[tuple[str, dict]]:
    """Each registered section's template with its context, for those that have something to show."""
    if person is None:
        return []
    shown = []
    for section in _my_courses_sections.values():
        context = section.context(person=person, request=request)
        if context is not None:
            shown.append((section.template, context))
    return shown


def register_quiz_scores(fn: Callable) -> None:
    """``fn(*, enrolment_ids) -> {enrolment_id: Decimal}``: the score (percent) of the quiz attempt that
    counts, for those of the enrolments that have one, in a fixed number of queries."""
    if fn not in _quiz_scores:
        _quiz_scores.append(fn)


def quiz_scores(*, enrolment_ids) -> dict:
    """The counted quiz score of each of these enrolments that has one (nothing asked for none)."""
    enrolment_ids = list(enrolment_ids)
    scores: dict = {}
    if not enrolment_ids:
        return scores
    for fn in _quiz_scores:
        scores.update(fn(enrolment_ids=enrolment_ids))
    return scores
