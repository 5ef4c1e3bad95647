"""Reads: the completion list's rows, within the user's scope (the reports' own selector)."""

from lms.reports import selectors as report_selectors


def completion_list_rows(*, scope, unit, course, fields: list[str]) -> list[dict]:
    """Current required enrolments of the course and/or the unit's subtree, inside the scope."""
    rows = report_selectors.enrolment_rows(
        scope=scope, unit=unit, course_id=course.pk if course is not None else None, fields=fields
    )
    return list(rows.iterator(chunk_size=2000))


def completion_list_title(*, course, unit) -> str:
    from django.utils.translation import gettext as _

    parts = [_("Completion list")]
    if course is not None:
        parts.append(course.title)
    if unit is not None:
        parts.append(unit.name)
    return ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]
