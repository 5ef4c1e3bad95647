"""Reads for the council's secretariat: completion of the training required of elected
representatives per body and role in the current term, the named people behind each figure,
and attendance at training events per body (for compensation for lost income).

Every figure counts only assignments the user may see (``visible_rows``: assignments are rows
about people, scoped by the person's unit), so the counts and the names behind them always agree,
and a user who may not see assignments sees nothing. A holder counts as done when they completed
the course on or after their term started: a completion of an earlier term is history, not this
term's figure (the same rule that starts a new cycle, lms.requirements.assignment). A handful of
queries whatever the number of bodies.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.access.rule import visible_rows
from lms.core.disclosure import MIN_GROUP
from lms.courses.models import CoursePage, Enrolment
from lms.politics.models import MEMBER_ROLES, Assignment, AssignmentRole
from lms.politics.selectors import body_kind_order
from lms.requirements.models import Registration, Requirement

from .disclosure import Cell, protect
from .models import PublicBodyFigure

ROLE_GROUPS = {"members": _("members"), "substitutes": _("substitutes")}


def role_group(role: str) -> str:
    return "members" if role in MEMBER_ROLES else "substitutes"


@dataclass
class Holder:
    person_id: int
    name: str
    role: str
    completed_on: date | None = None


@dataclass
class BodyFigure:
    """One course for one body's members (or substitutes): "38 of 51 members"."""

    body_id: int
    body: str
    group: str  # "members" or "substitutes"
    course_id: int
    course: str
    holders: list[Holder] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.holders)

    @property
    def completed(self) -> int:
        return sum(1 for h in self.holders if h.completed_on is not None)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def group_label(self) -> str:
        return str(ROLE_GROUPS[self.group])

    @property
    def sentence(self) -> str:
        return _("%(course)s: %(done)s of %(total)s %(group)s in %(body)s") % {
            "course": self.course,
            "done": self.completed,
            "total": self.total,
            "group": self.group_label,
            "body": self.body,
        }


def politician_courses() -> list[tuple[int, str]]:
    """The courses some active requirement asks of assignment holders."""
    ids = Requirement.objects.active().exclude(assignment_holders="").values("course_id")
    return list(CoursePage.objects.filter(pk__in=ids).order_by("title").values_list("pk", "title"))


def latest_completions(courses, person_ids) -> dict:
    """person -> course -> the day of the latest completion. One query."""
    completed = defaultdict(dict)
    for person_id, course, latest in (
        Enrolment.objects.filter(
            course_id__in=[c for c, _t in courses], person_id__in=person_ids, completed_at__isnull=False
        )
        .values("person_id", "course_id")
        .annotate(latest=Max("completed_at"))
        .values_list("person_id", "course_id", "latest")
    ):
        completed[person_id][course] = timezone.localtime(latest).date()
    return completed


def body_completion(*, user, course_id: int | None = None, body_id: int | None = None, on: date | None = None):
    """Per body, role group and course required of holders: the current holders the user may see
    and who of them has completed it in this term. Three queries."""
    on = on or timezone.localdate()
    courses = [c for c in politician_courses() if course_id is None or c[0] == course_id]
    assignments = visible_rows(user, Assignment.objects.current(on))
    if body_id is not None:
        assignments = assignments.filter(term__body_id=body_id)
    rows = list(
        assignments.order_by(
            body_kind_order("term__body__kind"), "term__body__name", "person__user__last_name"
        ).values_list(
            "person_id",
            "person__user__first_name",
            "person__user__last_name",
            "term__body_id",
            "term__body__name",
            "role",
            "term__starts_on",
        )
    )
    completed = latest_completions(courses, {r[0] for r in rows})
    figures: dict[tuple, BodyFigure] = {}
    body_order: dict[int, int] = {}
    for person_id, first, last, body, body_name, role, term_start in rows:
        body_order.setdefault(body, len(body_order))
        for course, title in courses:
            key = (body, role_group(role), course)
            if key not in figures:
                figures[key] = BodyFigure(body, body_name, role_group(role), course, title)
            done = completed[person_id].get(course)
            figures[key].holders.append(
                Holder(person_id, f"{first} {last}".strip(), role, done if done and done >= term_start else None)
            )
    groups = list(ROLE_GROUPS)
    return sorted(figures.values(), key=lambda f: (body_order[f.body_id], groups.index(f.group), f.course))


@dataclass
class AttendanceRow:
    name: str
    body: str
    role: str
    event: str
    course: str
    starts_at: datetime
    ends_at: datetime
    hours: float


def body_attendance(*, user, body_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    """Who attended which training event while holding an assignment, per body: the secretariat's
    basis for compensation for lost income. Two queries."""
    registrations = visible_rows(user, Registration.objects.filter(attended=True))
    if date_from:
        registrations = registrations.filter(
            event__starts_at__gte=timezone.make_aware(datetime.combine(date_from, time.min))
        )
    if date_to:
        registrations = registrations.filter(
            event__starts_at__lte=timezone.make_aware(datetime.combine(date_to, time.max))
        )
    registrations = list(
        registrations.select_related("event__course", "person__user").order_by(
            "event__starts_at", "person__user__last_name"
        )
    )
    assignments = visible_rows(user, Assignment.objects.filter(person_id__in={r.person_id for r in registrations}))
    if body_id is not None:
        assignments = assignments.filter(term__body_id=body_id)
    by_person = defaultdict(list)
    for a in assignments.select_related("term__body"):
        by_person[a.person_id].append(a)
    labels = dict(AssignmentRole.choices)
    rows = []
    for r in registrations:
        day = timezone.localtime(r.event.starts_at).date()
        for a in by_person.get(r.person_id, []):
            if a.starts_on <= day <= a.ends_on:
                rows.append(
                    AttendanceRow(
                        name=r.person.full_name,
                        body=a.term.body.name,
                        role=str(labels[a.role]),
                        event=r.event.title,
                        course=r.event.course.title,
                        starts_at=r.event.starts_at,
                        ends_at=r.event.ends_at,
                        hours=round((r.event.ends_at - r.event.starts_at).total_seconds() / 3600, 2),
                    )
                )
    rows.sort(key=lambda row: (row.body, row.starts_at, row.name))
    return rows


@dataclass
class PublicBodyCourse:
    """One required course of the elected bodies' table: a cell per body of the current term and
    the total (the distinct holders of any of them), each a disclosure.Cell (hidden, banded or
    shown). Computed by the nightly snapshot only; the page reads ``public_body_table``."""

    course_id: int
    course: str
    total: Cell
    bodies: list[tuple[str, Cell]]


def public_body_completion(*, on: date | None = None) -> list[PublicBodyCourse]:
    """Anonymous figures per required course and body of the current term: how many hold an
    assignment and how many of them completed the course since their term began. Four queries
    whatever the number of bodies and holders; called by ``services.public_snapshot_refresh``.

    The disclosure rule (disclosure.protect) treats the bodies as the parts of the total. A person
    may sit on several bodies, so the parts can add up to more than the total; protect() then sees a
    negative or small "hidden remainder" and hides more (reason: overlapping assignments). Who sits
    on which body is public, so each cell carries its holders (``Cell.members``): two shown bodies
    whose holders differ by one to four people are not both shown, and no body shows that everyone
    or no one completed (banded). The figures are counted per person and course (a person on two
    bodies is one holder in the total, done in both bodies or in neither unless the terms began on
    different days)."""
    on = on or timezone.localdate()
    courses = politician_courses()
    rows = list(
        Assignment.objects.current(on)
        .order_by(body_kind_order("term__body__kind"), "term__body__name")
        .values_list("person_id", "term__body_id", "term__body__name", "term__starts_on")
    )
    completed = latest_completions(courses, {r[0] for r in rows})
    result = []
    for course, title in courses:
        body_names: dict[int, str] = {}
        holders: dict[int, dict[int, bool]] = defaultdict(dict)  # body -> person -> done this term
        for person_id, body, body_name, term_start in rows:
            body_names.setdefault(body, body_name)
            done = completed[person_id].get(course)
            holders[body][person_id] = bool(done and done >= term_start) or holders[body].get(person_id, False)
        everyone: dict[int, bool] = {}
        for people in holders.values():
            for person_id, done in people.items():
                everyone[person_id] = everyone.get(person_id, False) or done
        if not everyone:
            continue
        total = Cell(required=len(everyone), completed=sum(everyone.values()), members=frozenset(everyone))
        parts = [
            (body_names[body], Cell(required=len(people), completed=sum(people.values()), members=frozenset(people)))
            for body, people in holders.items()
        ]
        protect(total, [cell for _name, cell in parts], min_group=MIN_GROUP)
        result.append(PublicBodyCourse(course_id=course, course=title, total=total, bodies=parts))
    return result


@dataclass
class PublicBodyTable:
    course: str
    total: object  # PublicBodyFigure
    bodies: list  # PublicBodyFigure, in the page's order


def public_body_table() -> list[PublicBodyTable]:
    """The latest nightly snapshot of the bodies' table (services.public_snapshot_refresh): one
    query. Never live: a member completing a course moves nothing until the next snapshot."""
    latest = PublicBodyFigure.objects.order_by("-snapshot_date").values_list("snapshot_date", flat=True)[:1]
    tables: dict[int, PublicBodyTable] = {}
    for figure in PublicBodyFigure.objects.filter(snapshot_date__in=latest).order_by("course_title", "position"):
        table = tables.setdefault(figure.course_id, PublicBodyTable(course=figure.course_title, total=None, bodies=[]))
        if figure.is_total:
            table.total = figure
        else:
            table.bodies.append(figure)
    return list(tables.values())


def public_bodies_section(request) -> dict | None:
    """The section of /resultat/ (registered in ReportsConfig.ready)."""
    courses = public_body_table()
    return {"courses": courses, "min_group": MIN_GROUP} if courses else None
