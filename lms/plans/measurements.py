"""The kinds of indicator, and how the platform measures each: a registry.

A kind is a key, a label and a function ``measure(indicator, on=date) -> Decimal | None`` (None:
nothing to count yet). ``entered`` has no function: its figures are typed in or imported.

The extension point: a kind added later is one function and one ``register_measurement_kind``
call, here, and needs no migration (``Indicator.kind`` holds the key; the form offers the
registry). The attitude-survey kind ("share agreeing with a survey question") belongs here once
the surveys app exists: the plans app sits above it and may read its selectors; until then it is
deliberately absent from the choices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from lms.organisation.access import WHOLE_GROUP
from lms.reports import selectors as report_selectors
from lms.requirements.models import Registration

ENTERED = "entered"
COURSE_COMPLETION = "course_completion"
EVENT_ATTENDANCE = "event_attendance"


@dataclass(frozen=True)
class MeasurementKind:
    key: str
    label: object
    measure: Callable | None  # None: entered by hand or imported
    needs_courses: bool = False


_kinds: dict[str, MeasurementKind] = {}


def register_measurement_kind(kind: MeasurementKind) -> None:
    _kinds[kind.key] = kind


def measurement_kinds() -> dict[str, MeasurementKind]:
    return dict(_kinds)


def kind_choices() -> list[tuple[str, object]]:
    return [(kind.key, kind.label) for kind in _kinds.values()]


def measure(indicator, *, on: date) -> Decimal | None:
    """The platform's figure for a measured indicator today; None for entered ones."""
    kind = _kinds.get(indicator.kind)
    if kind is None or kind.measure is None:
        return None
    return kind.measure(indicator, on=on)


def _course_ids(indicator) -> list[int]:
    # Prefetched in the follow-up views (one query for all indicators).
    return [course.pk for course in indicator.courses.all()]


def course_completion(indicator, *, on: date) -> Decimal | None:
    """Completed / required of the chosen courses, in per cent, from the reports' roll-up (the same
    figures as the completion overview), in the indicator's part of the group and audience."""
    course_ids = set(_course_ids(indicator))
    if not course_ids:
        return None
    figures = report_selectors.rollup_figures(
        scope=WHOLE_GROUP, unit=indicator.org_unit, audience=indicator.audience or None, by=("course_id",)
    )
    required = sum(f.required for (course_id,), f in figures.items() if course_id in course_ids)
    completed = sum(f.completed for (course_id,), f in figures.items() if course_id in course_ids)
    if not required:
        return None
    return (Decimal(100) * completed / required).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def event_attendance(indicator, *, on: date) -> Decimal | None:
    """People who attended a training event of the chosen courses in the year of ``on``."""
    course_ids = _course_ids(indicator)
    if not course_ids:
        return None
    attended = Registration.objects.filter(
        attended=True, event__course_id__in=course_ids, event__starts_at__year=on.year
    )
    if indicator.org_unit is not None:
        attended = attended.filter(person__org_unit__path__startswith=indicator.org_unit.path)
    if indicator.audience:
        attended = attended.filter(person__audience=indicator.audience)
    return Decimal(attended.values("person_id").distinct().count())


register_measurement_kind(
    MeasurementKind(COURSE_COMPLETION, _("Measured: course completion (%)"), course_completion, needs_courses=True)
)
register_measurement_kind(
    MeasurementKind(
        EVENT_ATTENDANCE, _("Measured: attendance at training events"), event_attendance, needs_courses=True
    )
)
register_measurement_kind(MeasurementKind(ENTERED, _("Entered: figures with source and date"), None))
