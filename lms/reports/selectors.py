"""Completion figures: every read of the reports area, computed in the database.

Definitions (the same everywhere: admin reports, exports, dashboard, public page, benchmark):

- *current enrolment*: the latest cycle of a person on a course (a renewal starts a new cycle;
  older cycles are history).
- *required*: current enrolments with ``is_required`` of **active** people. A person who left
  (deactivated) or whose latest cycle is no longer required (moved out of the requirement's
  subtree or audience, see lms.requirements.assignment) is not counted. People are counted
  where they sit **now** (their current unit and audience).
- *completed*, *in progress*, *not started*: required, in that ``lms.courses.models.EnrolmentState``
  (the one definition the learner's and the manager's pages use too: started means a lesson done
  or a quiz attempt begun, recorded in ``started_at``). completed + in progress + not started = required.
- *overdue*: required, not completed and ``due_date`` before today (overlaps in progress / not started).
- *completion rate*: completed / required (none when nobody is required).
- *certificates* (lms.certificates.models.Certificate): per active person and course, the latest
  certificate that is not revoked (revoked ones count nowhere). *valid*: ``valid_until`` empty
  (valid for ever) or today or later; *expiring*: valid and ``valid_until`` within
  ``CERTIFICATE_WARNING_DAYS`` days; *expired*: ``valid_until`` before today. Counted whether or
  not the course is required of the person.
- *completions over time*: every completed enrolment, of every cycle, required or not, of
  everyone including people who have since left, by the month of ``completed_at``
  (Europe/Stockholm), attributed to the person's current unit.
- *completed per language*: the completed (as above) by the content language the course was shown in
  when it was completed (``Enrolment.completed_language``; empty: not recorded). A translation is the
  same course, so these add up to *completed*.

Every figure for a unit includes the units below it (rolled up by materialised path). The
overview, the drill-down's unit rows, the dashboard and the public page read the roll-up
(``CompletionSummary``, recomputed by ``services.summary_refresh`` every few minutes, its time
shown on the pages); the people in a unit and the enrolment lists are read live.

Scope: ``scope_for_user`` is the one rule deciding what part of the group a user may see; every
selector below takes its result, so no list, drill-down, export or URL reaches outside it.

Filters: course, audience and org unit apply to every report; the date range applies to the
completions over time (completion date) and to the enrolment lists (due date).
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Substr, TruncMonth
from django.http import Http404
from django.utils import timezone

from lms.access.rule import WHOLE_GROUP as WHOLE_GROUP  # the public figures' and nightly jobs' scope
from lms.access.rule import OrgScope, rows_within, scope_of, user_may
from lms.core.disclosure import MIN_GROUP
from lms.courses.models import (
    ENROLMENT_STATE_FILTERS,
    CompletionRoute,
    CoursePage,
    Enrolment,
    EnrolmentState,
    enrolment_state_expression,
)
from lms.languages.content import Language, as_language, content_languages
from lms.organisation.models import OrgUnit, OrgUnitKind, Person
from lms.quizzes.selectors import counted_score

from .models import CompletionSummary, CourseTarget, PublicFigure, SummaryRefresh

CERTIFICATE_WARNING_DAYS = 60
PUBLIC_MIN_GROUP = MIN_GROUP  # smaller groups are shown as "fewer than 5" on the public page
SUMMARY_KEY = "completion"
PUBLIC_KEY = "public"
STEPLEN = OrgUnit.steplen


# --- Figures --------------------------------------------------------------------------------


@dataclass
class Figures:
    """The counts of one group of people; see the module docstring for what each means."""

    required: int = 0
    completed: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0
    cert_valid: int = 0
    cert_expiring: int = 0
    cert_expired: int = 0

    @classmethod
    def names(cls) -> list[str]:
        return list(_FIGURE_NAMES)

    @classmethod
    def from_row(cls, row: dict) -> "Figures":
        return cls(*(int(row.get(name) or 0) for name in _FIGURE_NAMES))

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(*(getattr(self, name) + getattr(other, name) for name in _FIGURE_NAMES))

    @property
    def rate(self) -> float | None:
        return self.completed / self.required if self.required else None

    @property
    def percent(self) -> int | None:
        """The completion rate in whole per cent, rounded down (never shows 100 % before everyone is done)."""
        return None if self.rate is None else int(self.rate * 100)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in _FIGURE_NAMES}


_FIGURE_NAMES = tuple(f.name for f in fields(Figures))

ENROLMENT_FIGURES = ["required", "completed", "in_progress", "not_started", "overdue"]
CERTIFICATE_FIGURES = ["cert_valid", "cert_expiring", "cert_expired"]


# --- Scope: the one rule --------------------------------------------------------------------


# The rule itself lives in lms.access.rule (a ``StaffScope`` limits a staff user to one
# unit's subtree everywhere in the admin); this app adds the permission to see reports.
Scope = OrgScope


def user_may_view_reports(user) -> bool:
    return user_may(user, CompletionSummary, "view_reports")  # the permission lives on the roll-up's model


def scope_for_user(*, user) -> Scope:
    """What the user may see in reports. Raises PermissionDenied for users without the
    ``reports.view_reports`` permission (superusers have it). A ``StaffScope`` limits the user
    to that unit's subtree; without one, HR and superusers see the whole group. The same limit
    applies everywhere in the admin (``lms.access.rule.scope_of``)."""
    if not user_may_view_reports(user):
        raise PermissionDenied
    return scope_of(user)


def scoped_unit(*, scope: Scope, unit_id) -> OrgUnit:
    """The unit if it is inside the scope, else 404 (a unit outside the scope does not exist for the user)."""
    try:
        unit = OrgUnit.objects.get(pk=int(unit_id))
    except (OrgUnit.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not scope.allows(unit):
        raise Http404
    return unit


def scoped_units(*, scope: Scope) -> QuerySet[OrgUnit]:
    """Units the user may choose in filters, in tree order."""
    return rows_within(scope, OrgUnit.objects.all()).order_by("path")


def scope_top(*, scope: Scope) -> OrgUnit | None:
    """Where the overview starts: the scope's unit, or the municipality (the one root) for the
    whole group. None only if the group has several roots; the overview then lists the roots."""
    if scope.unit is not None:
        return scope.unit
    roots = list(OrgUnit.objects.filter(depth=1)[:2])
    return roots[0] if len(roots) == 1 else None


def scope_breadcrumbs(*, scope: Scope, unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors from the top of the scope down to the unit (one query)."""
    top_depth = scope.unit.depth if scope.unit else 1
    paths = [unit.path[: d * STEPLEN] for d in range(top_depth, unit.depth + 1)]
    return list(OrgUnit.objects.filter(path__in=paths).order_by("depth"))


# --- Live figures (from enrolments) ---------------------------------------------------------


def _later_cycle(**narrow):
    return Enrolment.objects.filter(
        person_id=OuterRef("person_id"), course_id=OuterRef("course_id"), cycle__gt=OuterRef("cycle"), **narrow
    )


def current_required_enrolments(**narrow) -> QuerySet[Enrolment]:
    """Current (latest-cycle) required enrolments of active people. ``narrow`` (e.g. person__org_unit=unit)
    limits both the rows and the later-cycle check, so a small drill-down never hashes the whole table."""
    return Enrolment.objects.filter(is_required=True, person__is_active=True, **narrow).filter(
        ~Exists(_later_cycle(**narrow))
    )


def _enrolment_aggregates(today: date) -> dict:
    return {
        "required": Count("pk"),
        **{state: Count("pk", filter=condition) for state, condition in ENROLMENT_STATE_FILTERS.items()},
        "overdue": Count("pk", filter=Q(completed_at__isnull=True, due_date__lt=today)),
    }


def _filtered_enrolments(*, scope: Scope, unit: OrgUnit | None, course_id=None, audience=None) -> QuerySet:
    qs = rows_within(scope, current_required_enrolments())
    if unit is not None:
        qs = rows_within(OrgScope(unit=unit), qs)
    if course_id:
        qs = qs.filter(course_id=course_id)
    if audience:
        qs = qs.filter(person__audience=audience)
    return qs


def live_figures(
    *, scope: Scope, unit: OrgUnit | None = None, course_id=None, audience=None, by=()
) -> dict[tuple, Figures]:
    """Enrolment figures straight from enrolments, in one query, grouped by ``by`` (e.g.
    ("course_id", "person__audience")); the key () holds the total when ``by`` is empty."""
    qs = _filtered_enrolments(scope=scope, unit=unit, course_id=course_id, audience=audience)
    aggregates = _enrolment_aggregates(timezone.localdate())
    if not by:
        return {(): Figures.from_row(qs.aggregate(**aggregates))}
    rows = qs.values(*by).annotate(**aggregates).order_by()
    return {tuple(row[b] for b in by): Figures.from_row(row) for row in rows}


def _completed_counts(*, scope: Scope, unit: OrgUnit | None, course_id, audience) -> dict[tuple[str, str], int]:
    """Completed current required enrolments, live, in one query (one scan of the enrolments, which at a
    large group's size is what these cost): how many by (``completed_via``, ``completed_language``)."""
    qs = _filtered_enrolments(scope=scope, unit=unit, course_id=course_id, audience=audience).filter(
        completed_at__isnull=False
    )
    rows = qs.values_list("completed_via", "completed_language").annotate(n=Count("pk")).order_by()
    return {(route, language): n for route, language, n in rows}


def _by_route(counts: dict[tuple[str, str], int]) -> dict:
    return {route: sum(n for (via, _lang), n in counts.items() if via == route) for route in CompletionRoute.values}


def completions_by_route(*, scope: Scope, unit: OrgUnit | None = None, course_id=None, audience=None) -> dict:
    """Completed current required enrolments per ``CompletionRoute`` (every route, 0 where none), live,
    in one query: how many were completed on the platform and how many were recorded from elsewhere."""
    return _by_route(_completed_counts(scope=scope, unit=unit, course_id=course_id, audience=audience))


@dataclass(frozen=True)
class LanguageCount:
    """Completions in one content language; ``language`` None: not recorded (a completion from elsewhere,
    or one from before languages were recorded)."""

    language: Language | None
    completed: int


def completions_by_language(
    *, scope: Scope, unit: OrgUnit | None = None, course_id=None, audience=None
) -> list[LanguageCount]:
    """The same completions as ``completions_by_route`` (completed current required enrolments, live, one
    query) by the content language each was completed in (``Enrolment.completed_language``): each course
    is one course whatever its language, so these add up to its completions, never to more. Every
    configured language in settings' order (0 where none), then any recorded one since removed from
    settings, then those not recorded."""
    return _by_language(_completed_counts(scope=scope, unit=unit, course_id=course_id, audience=audience))


def _by_language(counts: dict[tuple[str, str], int]) -> list[LanguageCount]:
    by_code: dict[str, int] = {}
    for (_via, code), n in counts.items():
        by_code[code] = by_code.get(code, 0) + n
    configured = content_languages()
    known = {item.code for item in configured}
    removed = sorted(code for code in by_code if code and code not in known)
    return [
        *(LanguageCount(item, by_code.get(item.code, 0)) for item in configured),
        *(LanguageCount(as_language(code), by_code[code]) for code in removed),
        LanguageCount(None, by_code.get("", 0)),
    ]


def completion_splits(
    *, scope: Scope, unit: OrgUnit | None = None, course_id=None, audience=None
) -> tuple[dict, list[LanguageCount]]:
    """``completions_by_route`` and ``completions_by_language`` of one report from one query."""
    counts = _completed_counts(scope=scope, unit=unit, course_id=course_id, audience=audience)
    return _by_route(counts), _by_language(counts)


# --- Roll-up figures (from the summary table) -----------------------------------------------


def _summary(*, scope: Scope, unit: OrgUnit | None, course_id=None, audience=None) -> QuerySet:
    qs = rows_within(scope, CompletionSummary.objects.all())
    if unit is not None:
        qs = rows_within(OrgScope(unit=unit), qs)
    if course_id:
        qs = qs.filter(course_id=course_id)
    if audience:
        qs = qs.filter(audience=audience)
    return qs


def _sums() -> dict:
    return {name: Sum(name) for name in Figures.names()}


def rollup_figures(
    *, scope: Scope, unit: OrgUnit | None = None, course_id=None, audience=None, by=()
) -> dict[tuple, Figures]:
    """Like ``live_figures`` (plus certificates) but from the roll-up: one query over a few thousand
    rows. ``by`` may hold "course_id" and "audience"."""
    qs = _summary(scope=scope, unit=unit, course_id=course_id, audience=audience)
    if not by:
        return {(): Figures.from_row(qs.aggregate(**_sums()))}
    rows = qs.values(*by).annotate(**_sums()).order_by()
    return {tuple(row[b] for b in by): Figures.from_row(row) for row in rows}


def summary_refreshed_at(key: str = SUMMARY_KEY) -> datetime | None:
    return SummaryRefresh.objects.filter(key=key).values_list("refreshed_at", flat=True).first()


@dataclass
class UnitRow:
    """One line of a breakdown: a unit below (with everything under it), or the people sitting
    directly in the unit itself (``is_direct``)."""

    unit: OrgUnit
    figures: Figures
    is_direct: bool = False
    by_course: dict[int, Figures] = field(default_factory=dict)


@dataclass
class Breakdown:
    unit: OrgUnit | None
    rows: list[UnitRow]
    total: Figures
    courses: list[tuple[int, str]]
    course_totals: dict[int, Figures]
    refreshed_at: datetime | None


def unit_breakdown(*, scope: Scope, unit: OrgUnit | None = None, course_id=None, audience=None) -> Breakdown:
    """The units one level below ``unit`` (the top of the scope when None), each rolled up with
    everything under it, per course and in total; people sitting directly in ``unit`` are one
    more row. Four queries whatever the size of the group: the roll-up, the units, the courses,
    the refresh time."""
    unit = unit if unit is not None else scope_top(scope=scope)
    depth = unit.depth if unit else 0
    group_len = STEPLEN * (depth + 1)
    rows = (
        _summary(scope=scope, unit=unit, course_id=course_id, audience=audience)
        .annotate(group_path=Substr("org_unit__path", 1, group_len))
        .values("group_path", "course_id")
        .annotate(**_sums())
        .order_by()
    )
    by_group: dict[str, dict[int, Figures]] = {}
    for row in rows:
        by_group.setdefault(row["group_path"], {})[row["course_id"]] = Figures.from_row(row)

    children = OrgUnit.objects.filter(depth=depth + 1)
    if unit is not None:
        children = rows_within(OrgScope(unit=unit), children)
    children = rows_within(scope, children).order_by("path")
    result: list[UnitRow] = []
    if unit is not None and unit.path in by_group:
        direct = by_group[unit.path]
        result.append(UnitRow(unit=unit, figures=_total(direct), is_direct=True, by_course=direct))
    for child in children:
        per_course = by_group.get(child.path, {})
        result.append(UnitRow(unit=child, figures=_total(per_course), by_course=per_course))

    course_totals: dict[int, Figures] = {}
    for per_course in by_group.values():
        for cid, figures in per_course.items():
            course_totals[cid] = course_totals.get(cid, Figures()) + figures
    courses = list(CoursePage.objects.filter(pk__in=course_totals).order_by("title").values_list("pk", "title"))
    return Breakdown(
        unit=unit,
        rows=result,
        total=_total(course_totals),
        courses=courses,
        course_totals=course_totals,
        refreshed_at=summary_refreshed_at(),
    )


def _total(per_course: dict) -> Figures:
    total = Figures()
    for figures in per_course.values():
        total = total + figures
    return total


def headline(*, scope: Scope) -> tuple[Figures, datetime | None]:
    """The whole scope's figures for the dashboard panel: one aggregate over the roll-up."""
    row = _summary(scope=scope, unit=None).aggregate(**_sums())
    return Figures.from_row(row), summary_refreshed_at()


# --- People (live) --------------------------------------------------------------------------


@dataclass
class PersonRow:
    person_id: int
    name: str
    unit_name: str
    audience: str
    figures: Figures


def people_in_unit(*, scope: Scope, unit: OrgUnit, audience=None) -> QuerySet:
    """The active people sitting directly in ``unit`` by last and first name, lazily: one row
    (person id, first name, last name, username, audience) each, for the drill-down to page
    through and ``people_figures`` to count. The names are looked up per person by key, not
    joined: joined, PostgreSQL hashes the whole user table (100,000 rows) to find the 2,000 of a
    big unit, which takes longer than the lookups."""
    if not scope.allows(unit):
        raise Http404
    people = Person.objects.filter(org_unit=unit, is_active=True)
    if audience:
        people = people.filter(audience=audience)
    user = get_user_model().objects.filter(pk=OuterRef("user_id"))
    return (
        people.annotate(
            last_name=Subquery(user.values("last_name")[:1]),
            first_name=Subquery(user.values("first_name")[:1]),
            username=Subquery(user.values("username")[:1]),
        )
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", "first_name", "last_name", "username", "audience")
    )


def people_figures(*, scope: Scope, unit: OrgUnit, course_id=None, audience=None, people=None) -> list[PersonRow]:
    """The active people sitting directly in ``unit``, by name, each with their own figures
    (enrolment figures only). ``people``, a slice of ``people_in_unit`` (the page shown), limits
    the counting to them: a page of 100 costs the same in a unit of 20 people as in one of 2,000.
    Two queries (one when ``people`` is given)."""
    if people is None:
        people = list(people_in_unit(scope=scope, unit=unit, audience=audience))
        enrolments = current_required_enrolments(person__org_unit=unit)
        if audience:
            enrolments = enrolments.filter(person__audience=audience)
    else:
        if not scope.allows(unit):
            raise Http404
        people = list(people)
        # Active people in the unit, chosen already: their enrolments by key, no join to people.
        ids = [pk for pk, *_rest in people]
        enrolments = Enrolment.objects.filter(is_required=True, person_id__in=ids).filter(~Exists(_later_cycle()))
    if course_id:
        enrolments = enrolments.filter(course_id=course_id)
    per_person = {}
    if people:
        aggregates = _enrolment_aggregates(timezone.localdate())
        for row in enrolments.values("person_id").annotate(**aggregates).order_by():
            per_person[row["person_id"]] = Figures.from_row(row)
    return [
        PersonRow(
            person_id=pk,
            name=f"{first} {last}".strip() or username,
            unit_name=unit.name,
            audience=aud,
            figures=per_person.get(pk) or Figures(),
        )
        for pk, first, last, username, aud in people
    ]


# --- Enrolment lists (live) -----------------------------------------------------------------


Status = EnrolmentState  # the values the lists' "status" holds


ENROLMENT_ROW_FIELDS = [
    "person__user__last_name",
    "person__user__first_name",
    "person__org_unit__name",
    "person__audience",
    "course__title",
    "cycle",
    "status",
    "is_overdue",
    "due_date",
    "started_at",
    "completed_at",
    "completed_via",
    "completed_language",
    "quiz_score",
]


def enrolment_rows(
    *,
    scope: Scope,
    unit: OrgUnit | None = None,
    course_id=None,
    audience=None,
    overdue_only: bool = False,
    due_from: date | None = None,
    due_to: date | None = None,
    fields: list[str] | None = None,
) -> QuerySet:
    """Current required enrolments, one dict per row (``fields``, by default ``ENROLMENT_ROW_FIELDS``;
    ``quiz_score`` is the counted quiz attempt's score, ``lms.quizzes.selectors.counted_score``), ordered
    by unit and name. Lazy: the views paginate it, exports iterate it in chunks."""
    today = timezone.localdate()
    qs = _filtered_enrolments(scope=scope, unit=unit, course_id=course_id, audience=audience)
    if overdue_only:
        qs = qs.filter(completed_at__isnull=True, due_date__lt=today)
    if due_from:
        qs = qs.filter(due_date__gte=due_from)
    if due_to:
        qs = qs.filter(due_date__lte=due_to)
    qs = qs.annotate(
        status=enrolment_state_expression(),
        is_overdue=ExpressionWrapper(Q(completed_at__isnull=True, due_date__lt=today), output_field=BooleanField()),
        quiz_score=counted_score(),  # the attempt that counts by the quiz's grading method, in the same query
    )
    order = ["due_date"] if overdue_only else []
    return qs.values(*(fields or ENROLMENT_ROW_FIELDS)).order_by(
        *order, "person__org_unit__path", "person__user__last_name", "person__user__first_name", "course__title", "pk"
    )


# --- Completions over time ------------------------------------------------------------------


# The longest chart of completions per month: ten years. The filter form refuses a longer period;
# ``monthly_completions`` keeps the last months of one that comes from elsewhere.
MAX_SERIES_MONTHS = 120


def months_in(start: date, end: date) -> int:
    """How many calendar months the period touches (2026-01-31 to 2026-02-01: two)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    start = date(today.year - 1, today.month, 1)
    start = date(start.year + (start.month // 12), start.month % 12 + 1, 1)
    return start, today


def monthly_completions(
    *,
    scope: Scope,
    unit: OrgUnit | None = None,
    course_id=None,
    audience=None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[tuple[date, int]]:
    """Completions per month in the period (months without any show 0), at most the last
    ``MAX_SERIES_MONTHS`` months of it. One query."""
    default_from, default_to = default_period()
    date_from, date_to = date_from or default_from, date_to or default_to
    if months_in(date_from, date_to) > MAX_SERIES_MONTHS:
        months = date_to.year * 12 + date_to.month - MAX_SERIES_MONTHS  # the first month kept, 0-based
        date_from = date(months // 12, months % 12 + 1, 1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), tz)
    qs = rows_within(scope, Enrolment.objects.all()).filter(completed_at__gte=start, completed_at__lt=end)
    if unit is not None:
        qs = rows_within(OrgScope(unit=unit), qs)
    if course_id:
        qs = qs.filter(course_id=course_id)
    if audience:
        qs = qs.filter(person__audience=audience)
    counts = {}
    for row in qs.annotate(month=TruncMonth("completed_at", tzinfo=tz)).values("month").annotate(n=Count("pk")):
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        counts[month.replace(day=1)] = row["n"]
    series = []
    month = date_from.replace(day=1)
    while month <= date_to:
        series.append((month, counts.get(month, 0)))
        month = date(month.year + (month.month // 12), month.month % 12 + 1, 1)
    return series


# --- Targets --------------------------------------------------------------------------------


@dataclass
class TargetProgress:
    target: CourseTarget
    unit: OrgUnit | None  # where the figures were counted (the target's unit within the scope)
    figures: Figures
    needed: int  # more completions needed to reach the target

    @property
    def reached(self) -> bool:
        return self.figures.required > 0 and self.needed == 0

    @property
    def deadline_passed(self) -> bool:
        return not self.reached and self.target.by_date < timezone.localdate()


def target_progress(*, scope: Scope, course_id=None) -> list[TargetProgress]:
    """Each target that concerns the scope, with its figures counted inside the scope: a
    group-wide target seen by a user limited to one administration shows that administration's
    progress. Targets for units outside the scope are left out. One roll-up query per target."""
    targets = CourseTarget.objects.select_related("course", "org_unit").order_by("by_date", "course__title")
    if course_id:
        targets = targets.filter(course_id=course_id)
    result = []
    for target in targets:
        unit = target.org_unit
        if scope.unit is not None:
            if unit is None or scope.unit.path.startswith(unit.path):
                unit = scope.unit
            elif not scope.allows(unit):
                continue
        figures = rollup_figures(scope=scope, unit=unit, course_id=target.course_id, audience=target.audience)[()]
        goal = -(-target.percent * figures.required // 100)  # ceiling: 90 % of 11 people is 10
        result.append(
            TargetProgress(target=target, unit=unit, figures=figures, needed=max(0, goal - figures.completed))
        )
    return result


# --- Public figures -------------------------------------------------------------------------


PUBLIC_UNIT_KINDS = (OrgUnitKind.ADMINISTRATION, OrgUnitKind.COMPANY)


@dataclass
class PublicTable:
    snapshot_date: date | None
    courses: list[tuple[int, str]]
    rows: list[tuple[PublicFigure, list[PublicFigure | None]]]  # (the unit's first figure, one per course)
    computed_at: datetime | None = None  # when the nightly job made the snapshot


def public_table() -> PublicTable:
    """The latest nightly snapshot for the public page and the council report (hidden cells and
    bands already applied when stored)."""
    computed_at = summary_refreshed_at(PUBLIC_KEY)
    latest = PublicFigure.objects.order_by("-snapshot_date").values_list("snapshot_date", flat=True).first()
    if latest is None:
        return PublicTable(snapshot_date=None, courses=[], rows=[], computed_at=computed_at)
    figures = list(PublicFigure.objects.filter(snapshot_date=latest).order_by("position", "course_title"))
    courses = sorted({(f.course_id, f.course_title) for f in figures}, key=lambda c: c[1])
    by_unit: dict[int, dict[int, PublicFigure]] = {}
    first: dict[int, PublicFigure] = {}
    for f in figures:
        by_unit.setdefault(f.org_unit_id, {})[f.course_id] = f
        first.setdefault(f.org_unit_id, f)
    rows = [(first[uid], [cells.get(cid) for cid, _title in courses]) for uid, cells in by_unit.items()]
    return PublicTable(snapshot_date=latest, courses=courses, rows=rows, computed_at=computed_at)
