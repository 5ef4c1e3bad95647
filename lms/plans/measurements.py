"""The kinds of indicator, and how the platform measures each: a registry.

A kind is a key, a label and a function ``measure(indicator, on=date) -> Decimal | None`` (None:
nothing to count yet). ``entered`` has no function: its figures are typed in or imported.

The extension point: a kind added later is one function and one ``register_measurement_kind``
call, here, and needs no migration (``Indicator.kind`` holds the key; the form offers the
registry). The attitude-survey kind counts a survey's anonymous answers (never who answered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from lms.access.rule import WHOLE_GROUP, OrgScope, rows_within
from lms.core.disclosure import MIN_GROUP
from lms.reports import selectors as report_selectors
from lms.requirements.models import Registration
from lms.surveys.blocks import SCALE
from lms.surveys.models import Answer

ENTERED = "entered"
COURSE_COMPLETION = "course_completion"
EVENT_ATTENDANCE = "event_attendance"
SURVEY_AGREEMENT = "survey_agreement"


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
        attended = rows_within(OrgScope(unit=indicator.org_unit), attended)
    if indicator.audience:
        attended = attended.filter(person__audience=indicator.audience)
    return Decimal(attended.values("person_id").distinct().count())


def survey_question_error(survey, question_key: str):
    """Why a survey and question key cannot make a share-of-agreement indicator, or None."""
    if survey is None:
        return _("Choose the survey whose question is counted.")
    kinds = {q["key"]: q["kind"] for q in survey.question_blocks()}
    if kinds.get(question_key) != "agreement":
        return _("“%(key)s” is not an agreement question of this survey.") % {"key": question_key}
    return None


AGREEING = SCALE[3:]  # 4 and 5 on the 1–5 scale


def survey_agreement_counts(indicator) -> tuple[int, int]:
    """(agreeing, answered 1–5) for the indicator's question, group-wide; "don't know" left out.
    Released answers only (``shown``): the figure moves at the survey's releases, never live."""
    counts = Answer.objects.filter(
        survey_id=indicator.survey_id, question_key=indicator.question_key, value__in=SCALE, shown=True
    ).aggregate(answered=Count("pk"), agreeing=Count("pk", filter=Q(value__in=AGREEING)))
    return counts["agreeing"], counts["answered"]


def survey_agreement(indicator, *, on: date) -> Decimal | None:
    """Share (%) answering 4 or 5 among those answering 1–5; None (hidden) under MIN_GROUP answers."""
    if indicator.survey_id is None:
        return None
    agreeing, answered = survey_agreement_counts(indicator)
    if answered < MIN_GROUP:
        return None  # too few answers to show: the small-group rule
    return (Decimal(100) * agreeing / answered).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


register_measurement_kind(
    MeasurementKind(COURSE_COMPLETION, _("Measured: course completion (%)"), course_completion, needs_courses=True)
)
register_measurement_kind(
    MeasurementKind(
        EVENT_ATTENDANCE, _("Measured: attendance at training events"), event_attendance, needs_courses=True
    )
)
register_measurement_kind(
    MeasurementKind(SURVEY_AGREEMENT, _("Measured: share agreeing with a survey question (%)"), survey_agreement)
)
register_measurement_kind(MeasurementKind(ENTERED, _("Entered: figures with source and date"), None))
