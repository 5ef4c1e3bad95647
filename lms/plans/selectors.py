"""Reads of the democracy plan's follow-up, each within the access rule (``visible_rows``).

- The plan, its commitments and indicators are the whole group's rows: only users who see the
  whole group (the democracy coordinator, HR) see them.
- Units' choices and activities are their units' rows: a unit's manager (a staff scope) sees those
  of their subtree, a democracy guide those of the units that name them.

An indicator's figure on a date is its values of that date combined (the lowest or the average,
``Indicator.combine``); its *latest* figure is that of its latest date. Measured indicators have a
figure per day the platform recorded one (``services.indicator_measurements_record``, nightly) and
a live one computed on the commitment's page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from wagtail.permissions import policy_registry

from lms.access.rule import OrgScope, policy_for, rows_within, scope_of, visible_rows
from lms.organisation.models import OrgUnit, OrgUnitKind

from . import measurements
from .models import (
    Activity,
    ActivityStatus,
    Commitment,
    CommitmentGroup,
    FocusArea,
    Indicator,
    IndicatorCombine,
    IndicatorValue,
    Plan,
    UnitYearPlan,
)


def may_follow_plans(user) -> bool:
    """Plans and commitments are the council's content, not people's rows: Wagtail's model policy."""
    return policy_registry.get_by_type(Plan).user_has_permission(user, "view")


def current_plan(*, today: date | None = None) -> Plan | None:
    """The plan in force this year (the latest one starting first), else the latest plan."""
    year = (today or timezone.localdate()).year
    plans = Plan.objects.all()
    return plans.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first() or plans.first()


def may_follow_units(user) -> bool:
    """Whether the user may read the units' choices at all (the model's declared permission)."""
    return policy_for(UnitYearPlan).may_see_any(user)


# --- Indicators -------------------------------------------------------------------------------


@dataclass
class Point:
    on: date
    value: Decimal
    parts: int  # how many figures made it (e.g. voting districts)
    below_target: int  # of them, how many under the target


@dataclass
class IndicatorFollowUp:
    indicator: Indicator
    points: list[Point] = field(default_factory=list)
    live: Decimal | None = None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def current(self) -> Decimal | None:
        if self.live is not None:
            return self.live
        return self.latest.value if self.latest else None

    @property
    def reached(self) -> bool | None:
        return None if self.current is None else self.current >= self.indicator.target_value


def _points(indicators: list[Indicator]) -> dict[int, list[Point]]:
    """Every indicator's figure per date, combined (one query)."""
    by_key: dict[tuple[int, date], list[Decimal]] = defaultdict(list)
    for indicator_id, on, value in (
        IndicatorValue.objects.filter(indicator__in=indicators)
        .order_by("measured_on")
        .values_list("indicator_id", "measured_on", "value")
    ):
        by_key[(indicator_id, on)].append(value)
    lookup = {indicator.pk: indicator for indicator in indicators}
    points: dict[int, list[Point]] = defaultdict(list)
    for (indicator_id, on), values in by_key.items():
        indicator = lookup[indicator_id]
        if indicator.combine == IndicatorCombine.LOWEST:
            combined = min(values)
        else:
            combined = (sum(values) / len(values)).quantize(Decimal("0.01"))
        below = sum(1 for v in values if v < indicator.target_value)
        points[indicator_id].append(Point(on=on, value=combined, parts=len(values), below_target=below))
    return points


def indicator_follow_ups(indicators: list[Indicator], *, live: bool = False) -> list[IndicatorFollowUp]:
    points = _points(indicators)
    today = timezone.localdate()
    return [
        IndicatorFollowUp(
            indicator=indicator,
            points=points.get(indicator.pk, []),
            live=measurements.measure(indicator, on=today) if live else None,
        )
        for indicator in indicators
    ]


# --- The overview -----------------------------------------------------------------------------


@dataclass
class CommitmentRow:
    commitment: Commitment
    indicators: list[IndicatorFollowUp]
    activities: dict[str, int]  # status -> count, this year

    @property
    def activities_total(self) -> int:
        return sum(self.activities.values())


@dataclass
class Overview:
    plan: Plan
    year: int
    groups: list[tuple[str, list[CommitmentRow]]]
    areas: list[tuple[FocusArea, int]]  # focus area, units that chose it this year
    units_total: int
    units_without_choice: int


def units_expected_to_choose(scope: OrgScope) -> QuerySet[OrgUnit]:
    """The units that choose a focus area each year: every unit below the municipality itself."""
    return rows_within(scope, OrgUnit.objects.exclude(kind=OrgUnitKind.MUNICIPALITY))


def _activity_counts(user, *, plan: Plan, year: int) -> dict[int, dict[str, int]]:
    rows = (
        visible_rows(user, Activity.objects.filter(commitment__plan=plan, unit_plan__year=year))
        .values("commitment_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[row["commitment_id"]][row["status"]] = row["n"]
    return counts


def overview(user, *, plan: Plan, year: int) -> Overview:
    """The follow-up of a plan for a year, in a constant number of queries."""
    commitments = list(plan.commitments.order_by("number"))
    indicators = list(
        visible_rows(user, Indicator.objects.filter(commitment__plan=plan)).select_related("org_unit").order_by("pk")
    )
    follow_ups = indicator_follow_ups(indicators)
    by_commitment: dict[int, list[IndicatorFollowUp]] = defaultdict(list)
    for follow_up in follow_ups:
        by_commitment[follow_up.indicator.commitment_id].append(follow_up)
    counts = _activity_counts(user, plan=plan, year=year)
    rows = [CommitmentRow(c, by_commitment.get(c.pk, []), counts.get(c.pk, {})) for c in commitments]
    groups = [(label, [r for r in rows if r.commitment.group == value]) for value, label in CommitmentGroup.choices]
    units = units_overview(user, year=year)
    return Overview(
        plan=plan,
        year=year,
        groups=[(label, group_rows) for label, group_rows in groups if group_rows],
        areas=focus_area_counts(user, year=year),
        units_total=units.total,
        units_without_choice=units.without_choice,
    )


def focus_area_counts(user, *, year: int) -> list[tuple[FocusArea, int]]:
    chosen = visible_rows(user, UnitYearPlan.objects.filter(year=year))
    return [
        (area, area.n)
        for area in FocusArea.objects.annotate(
            n=Count("unit_plans", filter=Q(unit_plans__in=chosen.values("pk")))
        ).order_by("sort_order", "name")
    ]


# --- One commitment ---------------------------------------------------------------------------


@dataclass
class CommitmentFollowUp:
    commitment: Commitment
    indicators: list[IndicatorFollowUp]
    activities: list[Activity]


def commitment_follow_up(user, *, commitment: Commitment, year: int | None = None) -> CommitmentFollowUp:
    indicators = list(
        visible_rows(user, Indicator.objects.filter(commitment=commitment))
        .select_related("org_unit")
        .prefetch_related("courses")
        .order_by("pk")
    )
    activities = visible_rows(user, Activity.objects.filter(commitment=commitment))
    if year is not None:
        activities = activities.filter(unit_plan__year=year)
    return CommitmentFollowUp(
        commitment=commitment,
        indicators=indicator_follow_ups(indicators, live=True),
        activities=list(
            activities.select_related("unit_plan__org_unit", "focus_area").order_by(
                "starts_on", "unit_plan__org_unit__path"
            )
        ),
    )


# --- Units and their year ---------------------------------------------------------------------


@dataclass
class UnitsOverview:
    year: int
    rows: list  # OrgUnit annotated with .choice (UnitYearPlan or None), .done and .activity_count
    total: int
    without_choice: int


def units_overview(user, *, year: int, missing_only: bool = False, with_rows: bool = False) -> UnitsOverview:
    """Per unit in the user's scope: its choice for the year and its activities done / planned.
    Without ``with_rows`` only the counts (two queries)."""
    if not may_follow_units(user):
        return UnitsOverview(year=year, rows=[], total=0, without_choice=0)
    units = units_expected_to_choose(scope_of(user))
    chosen = visible_rows(user, UnitYearPlan.objects.filter(year=year))
    has_choice = Exists(chosen.filter(org_unit=OuterRef("pk")))
    counts = units.aggregate(total=Count("pk"), without=Count("pk", filter=~has_choice))
    rows = []
    if with_rows:
        listed = units.annotate(has_choice=has_choice).order_by("path")
        if missing_only:
            listed = listed.filter(has_choice=False)
        rows = list(listed)
        choices = {
            choice.org_unit_id: choice
            for choice in chosen.filter(org_unit__in=[u.pk for u in rows] if missing_only else units.values("pk"))
            .select_related("focus_area", "guide__user")
            .annotate(
                activity_count=Count("activities", filter=~Q(activities__status=ActivityStatus.CANCELLED)),
                done=Count("activities", filter=Q(activities__status=ActivityStatus.DONE)),
            )
        }
        for unit in rows:
            unit.choice = choices.get(unit.pk)
    return UnitsOverview(year=year, rows=rows, total=counts["total"], without_choice=counts["without"])


# --- The yearly report to the council ---------------------------------------------------------


@dataclass
class CouncilReportData:
    """What the report to the council says: the whole group's figures (it is made in the background
    for a user who sees the whole group: only such users may ask for one, see CouncilReport.row_access)."""

    plan: Plan
    year: int
    groups: list[tuple[str, list[tuple[Commitment, list[IndicatorFollowUp], dict[str, int]]]]]
    areas: list[tuple[FocusArea, int]]
    units: list  # UnitYearPlan of the year, annotated with .done and .activity_count
    units_total: int
    training: object  # lms.reports.selectors.PublicTable: small groups already suppressed


def council_report_data(*, plan: Plan, year: int) -> CouncilReportData:
    from lms.access.rule import WHOLE_GROUP
    from lms.reports.selectors import public_table

    commitments = list(plan.commitments.order_by("number"))
    indicators = list(Indicator.objects.filter(commitment__plan=plan).select_related("org_unit").order_by("pk"))
    by_commitment: dict[int, list[IndicatorFollowUp]] = defaultdict(list)
    for follow_up in indicator_follow_ups(indicators):
        by_commitment[follow_up.indicator.commitment_id].append(follow_up)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Activity.objects.filter(commitment__plan=plan, unit_plan__year=year)
        .values("commitment_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["commitment_id"]][row["status"]] = row["n"]
    groups = [
        (label, [(c, by_commitment.get(c.pk, []), counts.get(c.pk, {})) for c in commitments if c.group == value])
        for value, label in CommitmentGroup.choices
    ]
    units = list(
        UnitYearPlan.objects.filter(year=year)
        .select_related("org_unit", "focus_area")
        .annotate(
            activity_count=Count("activities", filter=~Q(activities__status=ActivityStatus.CANCELLED)),
            done=Count("activities", filter=Q(activities__status=ActivityStatus.DONE)),
        )
        .order_by("org_unit__path")
    )
    areas = FocusArea.objects.annotate(n=Count("unit_plans", filter=Q(unit_plans__year=year))).order_by("sort_order")
    return CouncilReportData(
        plan=plan,
        year=year,
        groups=[(label, rows) for label, rows in groups if rows],
        areas=[(area, area.n) for area in areas],
        units=units,
        units_total=units_expected_to_choose(WHOLE_GROUP).count(),
        training=public_table(),
    )
