"""What an annex shows, read through the selectors that already count it, never counted again here:

- *reach per unit*: the HR overview's roll-up (``reports.selectors.unit_breakdown``: required and completed
  of each unit one level below the employer, with everything under it, and of the people placed directly
  in the employer), less the employers below (the companies under the municipality); completions of the
  year split individually and in group sessions from group sessions' overview
  (``group_training.selectors.completion_split``);
- *surveys*: the released answers kept under the employer's units (``surveys.results.results_within_units``);
- *activities*: the democracy plan's activities of the employer's units in the year that serve the chosen
  commitments.

Small groups are hidden as on the public page (``reports.disclosure.protect``, per course: the employer's
total and its units), so an archived annex, a public document, can be handed out whole. Nothing names a
person: units, courses, counts and the plan's own texts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from lms.access.rule import OrgScope, rows_in_scope
from lms.courses.models import CoursePage
from lms.group_training.selectors import completion_split
from lms.organisation.models import OrgUnit
from lms.plans.models import Activity, Commitment
from lms.reports import disclosure
from lms.reports.selectors import MIN_GROUP, Figures, unit_breakdown
from lms.surveys.results import QuestionResult, results_within_units

from .models import EMPLOYER_KINDS, Annex

# --- Employers ------------------------------------------------------------------------------


def employers_for(*, user) -> QuerySet[OrgUnit]:
    """The employers inside the user's scope (the municipality and each company), in tree order."""
    return rows_in_scope(user, OrgUnit.objects.filter(kind__in=EMPLOYER_KINDS)).order_by("path")


def nested_employers(employer: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.subtree_of(employer, include_self=False).filter(kind__in=EMPLOYER_KINDS)


def employer_units(employer: OrgUnit) -> QuerySet[OrgUnit]:
    """The employer's units: its subtree less the subtrees of the employers below it."""
    units = OrgUnit.objects.subtree_of(employer)
    for nested in nested_employers(employer):
        units = units.exclude(path__startswith=nested.path)
    return units


def previous_choices(*, employer: OrgUnit | None) -> dict[str, list[int]]:
    """What the employer's latest annex counted (else the latest of any employer): a new annex starts there."""
    annexes = Annex.objects.order_by("-year", "-pk")
    latest = (annexes.filter(employer=employer).first() if employer else None) or annexes.first()
    if latest is None:
        return {}
    return {
        "courses": list(latest.courses.values_list("pk", flat=True)),
        "surveys": list(latest.surveys.values_list("pk", flat=True)),
        "commitments": list(latest.commitments.values_list("pk", flat=True)),
    }


# --- Reach ----------------------------------------------------------------------------------


@dataclass
class ReachCell:
    """One unit's figures for one course: the overview's required and completed (``cell`` carries the
    small-group rule's verdict), and the completions of the year, individually and in group sessions."""

    cell: disclosure.Cell
    individually: int = 0
    in_group: int = 0
    split_hidden: bool = False  # the total's: a hidden unit's split would follow by subtraction

    @property
    def shown_exactly(self) -> bool:
        return not self.cell.suppressed and not self.cell.band

    @property
    def split_shown(self) -> bool:
        """The year's split only beside exact figures of at least five required: next to a band or a hidden
        cell it could pin what they hide (all 13 completed this year: "at least 92 %" is 100 %)."""
        return self.shown_exactly and self.cell.required > 0 and not self.split_hidden


@dataclass
class ReachRow:
    unit: OrgUnit
    is_direct: bool  # the people placed directly in the employer itself
    figures: dict[int, Figures]  # per course: the overview's figures, before the small-group rule
    cells: list[ReachCell] = field(default_factory=list)


@dataclass
class Reach:
    courses: list[CoursePage]
    rows: list[ReachRow]
    totals: list[ReachCell]
    refreshed_at: datetime | None


def _minus(figures: Figures, other: Figures) -> Figures:
    return Figures(*(getattr(figures, name) - getattr(other, name) for name in Figures.names()))


def reach(*, employer: OrgUnit, year: int, courses: list[CoursePage]) -> Reach:
    """Reach per unit of the employer for the chosen courses (module docstring): a constant number of
    queries, those of the overview's breakdown and of group sessions' split, plus one per employer below."""
    scope = OrgScope(unit=employer)
    breakdown = unit_breakdown(scope=scope, unit=employer)
    nested = list(nested_employers(employer))
    rows = []
    for row in breakdown.rows:
        if any(row.unit.path.startswith(n.path) for n in nested):
            continue  # a company under the municipality: its own employer
        figures = dict(row.by_course)
        for below in (n for n in nested if n.path.startswith(row.unit.path) and not row.is_direct):
            # An employer deeper inside this unit: its people are not this employer's.
            below_figures = unit_breakdown(scope=OrgScope(unit=below), unit=below).course_totals
            figures = {cid: _minus(f, below_figures.get(cid, Figures())) for cid, f in figures.items()}
        rows.append(ReachRow(unit=row.unit, is_direct=row.is_direct, figures=figures))

    split = completion_split(scope=scope, year=year, units=employer_units(employer))
    totals = []
    for course in courses:
        cells = [ReachCell(cell=_cell(row.figures.get(course.pk))) for row in rows]
        total = ReachCell(
            cell=disclosure.Cell(
                required=sum(c.cell.required for c in cells), completed=sum(c.cell.completed for c in cells)
            )
        )
        for line in (s for s in split if s.course_id == course.pk):
            index = _row_of(rows, line.unit_path, employer)
            if index is not None:
                cells[index].individually += line.individually
                cells[index].in_group += line.in_group
                total.individually += line.individually
                total.in_group += line.in_group
        disclosure.protect(total.cell, [c.cell for c in cells], min_group=MIN_GROUP)
        total.split_hidden = any(not c.split_shown and (c.cell.required or c.individually or c.in_group) for c in cells)
        for row, cell in zip(rows, cells, strict=True):
            row.cells.append(cell)
        totals.append(total)
    return Reach(courses=courses, rows=rows, totals=totals, refreshed_at=breakdown.refreshed_at)


def _cell(figures: Figures | None) -> disclosure.Cell:
    figures = figures or Figures()
    return disclosure.Cell(required=figures.required, completed=figures.completed)


def _row_of(rows: list[ReachRow], unit_path: str, employer: OrgUnit) -> int | None:
    """The row a person's unit counts in: the direct row for the employer itself, else the unit above it."""
    for index, row in enumerate(rows):
        if row.is_direct and unit_path == employer.path:
            return index
        if not row.is_direct and unit_path.startswith(row.unit.path):
            return index
    return None


# --- Surveys and activities -----------------------------------------------------------------


@dataclass
class SurveyLine:
    survey: object  # SurveyPage
    keeps_units: bool
    respondents: int
    questions: list[QuestionResult]

    @property
    def hidden(self) -> bool:
        return self.respondents < MIN_GROUP


def survey_lines(*, employer: OrgUnit, surveys) -> list[SurveyLine]:
    units = employer_units(employer)
    lines = []
    for survey in surveys:
        if not survey.keeps_units:
            lines.append(SurveyLine(survey=survey, keeps_units=False, respondents=0, questions=[]))
            continue
        respondents, questions = results_within_units(survey=survey, units=units)
        lines.append(SurveyLine(survey=survey, keeps_units=True, respondents=respondents, questions=questions))
    return lines


def activities(*, employer: OrgUnit, year: int, commitments: list[Commitment]) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(
            unit_plan__year=year, unit_plan__org_unit__in=employer_units(employer), commitment__in=commitments
        )
        .select_related("unit_plan__org_unit", "commitment", "focus_area")
        .order_by("unit_plan__org_unit__path", "starts_on", "pk")
    )


# --- The whole annex ------------------------------------------------------------------------


@dataclass
class AnnexData:
    annex: Annex
    reach: Reach
    surveys: list[SurveyLine]
    activities: list[Activity]
    commitments: list[Commitment]

    @property
    def course_lines(self) -> list[tuple[CoursePage, ReachCell]]:
        return list(zip(self.reach.courses, self.reach.totals, strict=True))


def annex_data(*, annex: Annex) -> AnnexData:
    courses = list(annex.courses.order_by("title"))
    commitments = list(annex.commitments.select_related("plan").order_by("plan", "number"))
    return AnnexData(
        annex=annex,
        reach=reach(employer=annex.employer, year=annex.year, courses=courses),
        surveys=survey_lines(employer=annex.employer, surveys=annex.surveys.order_by("opens_on", "pk")),
        activities=list(activities(employer=annex.employer, year=annex.year, commitments=commitments)),
        commitments=commitments,
    )
