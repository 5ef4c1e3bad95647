"""The plan's part of the public results page (/resultat/), registered from PlansConfig.ready():
its commitments with their indicators (latest figure against target) and how many units work on
each focus area this year. No names: no guides, no activities' free text. A course-completion
figure is a share of people: it is hidden when fewer than MIN_GROUP requirements are behind it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from lms.access.rule import WHOLE_GROUP
from lms.core.disclosure import MIN_GROUP
from lms.reports import disclosure
from lms.reports import selectors as report_selectors

from . import measurements
from .models import Commitment, FocusArea, Indicator
from .selectors import _points, current_plan


@dataclass
class PublicIndicator:
    name: str
    unit_label: str
    target: Decimal
    target_year: int
    latest: Decimal | None
    measured_on: object
    hidden: bool  # fewer than MIN_GROUP people behind a share of people
    band_label: str = ""  # a share of (nearly) everyone or no one, not shown exactly (reports.disclosure)

    @property
    def reached(self) -> bool | None:
        """The latest figure meets the target; None without one, or for a band (which would then tell
        more than the band shows)."""
        if self.latest is None or self.band_label:
            return None
        return self.latest >= self.target


def _people_behind(indicators: list[Indicator]) -> dict[int, int]:
    """Requirements behind each course-completion indicator, one roll-up read per distinct part of
    the group and audience (not per indicator)."""
    behind: dict[int, int] = {}
    cache: dict[tuple, dict] = {}
    for indicator in indicators:
        if indicator.kind != measurements.COURSE_COMPLETION:
            continue
        key = (indicator.org_unit_id, indicator.audience)
        if key not in cache:
            cache[key] = report_selectors.rollup_figures(
                scope=WHOLE_GROUP, unit=indicator.org_unit, audience=indicator.audience or None, by=("course_id",)
            )
        course_ids = {course.pk for course in indicator.courses.all()}
        behind[indicator.pk] = sum(f.required for (cid,), f in cache[key].items() if cid in course_ids)
    return behind


def _band_label(percent: Decimal, people: int) -> str:
    """ "at least 90 %" for a share of people too near everyone or no one to show exactly, the
    public figures' rule (reports.disclosure); "" otherwise."""
    band = disclosure.band_of(people, round(percent * people / 100))
    return disclosure.band_label(people, band) if band else ""


def plan_section(request) -> dict | None:
    plan = current_plan()
    if plan is None:
        return None
    year = timezone.localdate().year
    commitments = list(
        Commitment.objects.filter(plan=plan).prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("org_unit").prefetch_related("courses"),
            )
        )
    )
    indicators = [i for c in commitments for i in c.indicators.all()]
    points = _points(indicators)
    behind = _people_behind(indicators)
    rows = []
    for commitment in commitments:
        shown = []
        for indicator in commitment.indicators.all():
            latest = points.get(indicator.pk, [])[-1:] or [None]
            point = latest[0]
            hidden = indicator.pk in behind and behind[indicator.pk] < MIN_GROUP
            band_label = ""
            if indicator.pk in behind and not hidden and point is not None:
                band_label = _band_label(point.value, behind[indicator.pk])
            shown.append(
                PublicIndicator(
                    name=indicator.name,
                    unit_label=indicator.unit_label,
                    target=indicator.target_value,
                    target_year=indicator.target_year,
                    latest=None if hidden or point is None else point.value,
                    measured_on=None if hidden or point is None else point.on,
                    hidden=hidden,
                    band_label=band_label,
                )
            )
        rows.append((commitment, shown))
    # Counts of units (not people): shown whatever their size. Only units' choices of this year.
    areas = FocusArea.objects.annotate(n=Count("unit_plans", filter=Q(unit_plans__year=year))).order_by(
        "sort_order", "name"
    )
    shown = [indicator for _commitment, indicators in rows for indicator in indicators]
    tally = {
        "indicators": len(shown),
        "reached": sum(1 for i in shown if i.reached is True),
        "not_reached": sum(1 for i in shown if i.reached is False),
    }
    tally["unknown"] = tally["indicators"] - tally["reached"] - tally["not_reached"]
    return {"plan": plan, "rows": rows, "areas": list(areas), "year": year, "min_group": MIN_GROUP, "tally": tally}
