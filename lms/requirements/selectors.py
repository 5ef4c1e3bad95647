"""Reads of required training: upcoming events, and the manager's view of their people."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.rule import OrgScope, unit_path_of
from lms.courses.models import Enrolment, EnrolmentState
from lms.courses.selectors import PROGRESS_FIELDS, ProgressSummary, progress_summaries
from lms.organisation.models import Audience, Person

from .models import Registration, TrainingEvent


def upcoming_events() -> QuerySet[TrainingEvent]:
    return (
        TrainingEvent.objects.filter(starts_at__gt=timezone.now(), course__live=True)
        .select_related("course")
        .annotate(registered=Count("registrations"))
        .order_by("starts_at")
    )


def registered_event_ids(*, person: Person) -> set[int]:
    return set(Registration.objects.filter(person=person).values_list("event_id", flat=True))


def managed_people(*, manager: Person) -> QuerySet[Person]:
    """The people a manager may follow: their direct reports, and, for someone whose audience
    is manager, everyone active in their unit and the units below it. Nobody else."""
    scope = Q(manager=manager)
    if manager.audience == Audience.MANAGER:
        scope |= OrgScope(unit=manager.org_unit).condition(unit_path_of(Person))
    return Person.objects.filter(scope, is_active=True).exclude(pk=manager.pk).select_related("user", "org_unit")


@dataclass
class TeamCourse:
    """One required course of a managed person, with where they stand on it."""

    enrolment: Enrolment
    progress: ProgressSummary
    is_overdue: bool


@dataclass
class PersonStatus:
    person: Person
    courses: list[TeamCourse]  # every required course (latest cycles): open ones by due date, then completed

    @property
    def required(self) -> int:
        return len(self.courses)

    def _count(self, state: str) -> int:
        return sum(1 for c in self.courses if c.progress.state == state)

    @property
    def done(self) -> int:
        return self._count(EnrolmentState.COMPLETED)

    @property
    def in_progress(self) -> int:
        return self._count(EnrolmentState.IN_PROGRESS)

    @property
    def not_started(self) -> int:
        return self._count(EnrolmentState.NOT_STARTED)

    @property
    def overdue(self) -> int:
        return sum(1 for c in self.courses if c.is_overdue)

    @property
    def due_soon(self) -> list[TeamCourse]:
        """What is still to do, the earliest due first."""
        return [c for c in self.courses if not c.progress.is_completed]


def team_status(*, manager: Person) -> list[PersonStatus]:
    """Per managed person: their required courses (latest cycles that are required, as the reports
    count them), each in the state Mina kurser and the reports show (``EnrolmentState``), with
    what is overdue. Four queries: the people,
    their enrolments, and the lessons and lessons done for the progress."""
    people = list(managed_people(manager=manager).order_by("user__last_name", "user__first_name"))
    today = timezone.localdate()
    by_person: dict[int, dict[int, Enrolment]] = {p.pk: {} for p in people}
    for e in (
        Enrolment.objects.filter(person_id__in=by_person)
        .select_related("course")
        .only(
            "person_id",
            "course_id",
            "cycle",
            "is_required",
            "due_date",
            "course__title",
            "course__url_path",
            "course__depth",
            "course__locale_id",
            *PROGRESS_FIELDS,
        )
        .order_by("person_id", "course_id", "cycle")
    ):
        by_person[e.person_id][e.course_id] = e  # the last cycle wins
    for enrolments in by_person.values():  # as in the reports: a latest cycle no longer required is not counted
        for course_id in [c for c, e in enrolments.items() if not e.is_required]:
            del enrolments[course_id]
    summaries = progress_summaries([e for enrolments in by_person.values() for e in enrolments.values()])
    rows = []
    for person in people:
        courses = [
            TeamCourse(
                enrolment=e,
                progress=summaries[e.pk],
                is_overdue=e.completed_at is None and e.due_date is not None and e.due_date < today,
            )
            for e in by_person[person.pk].values()
        ]
        courses.sort(
            key=lambda c: (c.progress.is_completed, c.enrolment.due_date or date.max, c.enrolment.course.title)
        )
        rows.append(PersonStatus(person=person, courses=courses))
    return rows


@dataclass
class RequiredCourse:
    """One course required of a person (its latest cycle), with every reason it is required."""

    enrolment: Enrolment
    progress: ProgressSummary
    reasons: list[str]
    is_overdue: bool
    completed_before: datetime | None = None  # the last completion of an earlier cycle (a new term, a renewal)


def required_of(*, person: Person) -> list[RequiredCourse]:
    """Everything required of ``person`` in one list, whatever it comes from (their unit and
    audience, each of their political assignments), each course once with all its reasons
    ("som ledamot i kommunfullmäktige"). Open courses first, by due date. A handful of queries."""
    from lms.politics.selectors import ROLE_GROUPS, assignments_of

    from .models import Requirement

    today = timezone.localdate()
    latest: dict[int, Enrolment] = {}
    completed_before: dict[int, datetime] = {}
    for e in (
        Enrolment.objects.filter(person=person)
        .select_related("course")
        .only(
            "person_id",
            "course_id",
            "cycle",
            "is_required",
            "due_date",
            "course__title",
            "course__url_path",
            "course__depth",
            "course__locale_id",
            *PROGRESS_FIELDS,
        )
        .order_by("course_id", "cycle")
    ):
        earlier = latest.get(e.course_id)
        if earlier is not None and earlier.completed_at is not None:
            completed_before[e.course_id] = earlier.completed_at
        latest[e.course_id] = e
    required = [e for e in latest.values() if e.is_required]
    requirements = (
        Requirement.objects.active()
        .filter(course_id__in=[e.course_id for e in required])
        .select_related("org_unit")
        .prefetch_related("bodies")
    )
    assignments = list(assignments_of(person=person, on=today)) if person.is_active else []
    audience_labels = dict(Audience.choices)
    by_place: dict[int, list[str]] = {}
    by_assignment: dict[int, set[int]] = {}
    for requirement in requirements:
        found = by_place.setdefault(requirement.course_id, [])
        unit = requirement.org_unit
        if unit is not None and person.audience in requirement.audiences:
            inside = (
                OrgScope(unit=unit).allows(person.org_unit)
                if requirement.include_descendants
                else unit == person.org_unit
            )
            if inside:
                found.append(
                    _("for %(audience)s in %(unit)s")
                    % {"audience": str(audience_labels[person.audience]).lower(), "unit": unit.name}
                )
        if requirement.assignment_holders:
            roles = ROLE_GROUPS[requirement.assignment_holders]
            body_ids = {b.pk for b in requirement.bodies.all()}
            by_assignment.setdefault(requirement.course_id, set()).update(
                a.pk for a in assignments if a.role in roles and (not body_ids or a.term.body_id in body_ids)
            )
    # Their place in the organisation first, then their assignments in the order of their bodies.
    reasons = {
        course_id: by_place.get(course_id, [])
        + [a.reason for a in assignments if a.pk in by_assignment.get(course_id, ())]
        for course_id in by_place.keys() | by_assignment.keys()
    }
    summaries = progress_summaries(required)
    rows = [
        RequiredCourse(
            enrolment=e,
            progress=summaries[e.pk],
            reasons=list(dict.fromkeys(reasons.get(e.course_id, []))),
            is_overdue=e.completed_at is None and e.due_date is not None and e.due_date < today,
            completed_before=completed_before.get(e.course_id),
        )
        for e in required
    ]
    rows.sort(key=lambda r: (r.progress.is_completed, r.enrolment.due_date or date.max, r.enrolment.course.title))
    return rows
