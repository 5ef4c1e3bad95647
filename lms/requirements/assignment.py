"""Turning requirements into enrolments, set-based.

For each course with requirements, one query finds who is required (people in the
requirement's subtree and audiences), one query loads the latest cycle of every
enrolment on the course, and the difference is written with bulk inserts and a few
bulk updates. Running it again with nothing changed writes nothing.

Rules:
- a required person without an enrolment gets cycle 1, due by the requirement;
- a self-enrolment in progress becomes the assignment (progress kept);
- a completion older than the renewal period minus the lead time starts a new cycle,
  due when the old one runs out;
- an enrolment whose person is no longer required is marked not required (kept).
Holders of political assignments (``Requirement.assignment_holders``, lms.politics) are
required while an assignment of theirs runs. Their cycle belongs to the term: a completion
from before their current term started starts a new cycle, and an open enrolment due before
it gets the new term's due date. The term is the one of the latest election among their
running assignments, its start the earliest of those (a council member from 15 October and a
committee member from 1 January after is one cycle, not two); the due date is counted from
their first assignment's start in it, or from the requirement's creation if that is later.
With several requirements for one course, the earliest due date and the shortest
renewal win. Every run ends with lms.courses.signals.enrolments_assigned, on commit.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms.access.rule import OrgScope, rows_within
from lms.courses.models import Enrolment, EnrolmentSource
from lms.courses.signals import enrolments_assigned
from lms.organisation.models import Person
from lms.politics.selectors import ROLE_GROUPS, current_holdings

from .models import Requirement

BATCH = 5000


@dataclass
class AssignmentResult:
    created: int = 0
    made_required: int = 0
    unrequired: int = 0
    renewed: int = 0
    courses: set[int] = field(default_factory=set)

    @property
    def rows_written(self) -> int:
        return self.created + self.made_required + self.unrequired

    def __add__(self, other: "AssignmentResult") -> "AssignmentResult":
        return AssignmentResult(
            self.created + other.created,
            self.made_required + other.made_required,
            self.unrequired + other.unrequired,
            self.renewed + other.renewed,
            self.courses | other.courses,
        )


@dataclass
class Target:
    due_date: date
    renewal_months: int | None
    term_start: date | None = None  # assignment holders: a completion before it starts a new cycle


def requirement_people(requirement: Requirement, person_ids=None):
    """The active people a requirement covers by unit and audience (a queryset, evaluated by the
    caller); assignment holders are ``requirement_holdings``'."""
    unit = requirement.org_unit
    if unit is None or not requirement.audiences:
        return Person.objects.none()
    people = Person.objects.filter(is_active=True, audience__in=requirement.audiences)
    if requirement.include_descendants:
        people = rows_within(OrgScope(unit=unit), people)  # the unit's subtree, as the access rule draws it
    else:
        people = people.filter(org_unit_id=unit.pk)
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    return people


def requirement_holdings(requirement: Requirement, today: date, person_ids=None, body_ids=None):
    """The running assignments a requirement covers (lms.politics.selectors.Holding), one query
    (and one for the chosen bodies; ``body_ids`` gives them for a requirement not saved yet)."""
    if not requirement.assignment_holders:
        return []
    if body_ids is None and requirement.pk:
        body_ids = [body.pk for body in requirement.bodies.all()]
    body_ids = list(body_ids or []) or None
    roles = ROLE_GROUPS[requirement.assignment_holders]
    return current_holdings(on=today, roles=roles, body_ids=body_ids, person_ids=person_ids)


def holder_targets(requirement: Requirement, today: date, person_ids=None) -> dict[int, Target]:
    """Per assignment holder: the due date counted from their term and the term's start."""
    latest: dict[int, list] = {}  # person -> the holdings of their latest election
    for holding in requirement_holdings(requirement, today, person_ids):
        held = latest.get(holding.person_id)
        if held is None or holding.election_year > held[0].election_year:
            latest[holding.person_id] = [holding]
        elif holding.election_year == held[0].election_year:
            held.append(holding)
    created = timezone.localdate(requirement.created_at) if requirement.created_at else today
    return {
        person_id: Target(
            requirement.due_date_for(max(min(h.starts_on for h in held), created)),
            requirement.renewal_months,
            min(h.term_starts_on for h in held),
        )
        for person_id, held in latest.items()
    }


def required_targets(requirements, today: date, person_ids=None) -> dict[int, Target]:
    targets: dict[int, Target] = {}

    def add(person_id: int, target: Target) -> None:
        current = targets.get(person_id)
        if current is None:
            targets[person_id] = target
            return
        current.due_date = min(current.due_date, target.due_date)
        if target.renewal_months is not None:
            current.renewal_months = min(current.renewal_months or 10_000, target.renewal_months)
        if target.term_start is not None:
            current.term_start = max(current.term_start or target.term_start, target.term_start)

    for requirement in requirements:
        due = requirement.due_date_for(today)
        for person_id in requirement_people(requirement, person_ids).values_list("pk", flat=True).iterator(BATCH):
            add(person_id, Target(due, requirement.renewal_months))
        for person_id, target in holder_targets(requirement, today, person_ids).items():
            add(person_id, target)
    return targets


def assign_course(*, course_id: int, person_ids=None, today: date | None = None) -> AssignmentResult:
    """Bring the enrolments on one course in line with its active requirements.
    ``person_ids`` limits the run to those people (after a move, say)."""
    result = _assign_course(course_id=course_id, person_ids=person_ids, today=today)
    _announce(result, person_ids)
    return result


def _assign_course(*, course_id: int, person_ids=None, today: date | None = None) -> AssignmentResult:
    today = today or timezone.localdate()
    lead = timedelta(days=settings.LMS_RENEWAL_LEAD_DAYS)
    requirements = list(
        Requirement.objects.active().filter(course_id=course_id).select_related("org_unit").prefetch_related("bodies")
    )
    targets = required_targets(requirements, today, person_ids)

    latest: dict[int, tuple] = {}
    enrolments = Enrolment.objects.filter(course_id=course_id)
    if person_ids is not None:
        enrolments = enrolments.filter(person_id__in=person_ids)
    for row in enrolments.values_list(
        "pk", "person_id", "cycle", "completed_at", "is_required", "source", "due_date"
    ).iterator(BATCH):
        if row[1] not in latest or row[2] > latest[row[1]][2]:
            latest[row[1]] = row

    result = AssignmentResult(courses={course_id})
    to_create: list[Enrolment] = []
    to_require: dict[date, list[int]] = {}
    for person_id, target in targets.items():
        row = latest.get(person_id)
        if row is None:
            to_create.append(_new_enrolment(course_id, person_id, 1, target.due_date))
            continue
        pk, _person, cycle, completed_at, is_required, source, due_date = row
        term_start = target.term_start
        if completed_at is None:
            if term_start is not None and due_date is not None and due_date < term_start:
                to_require.setdefault(target.due_date, []).append(pk)  # carried into the new term
            elif not is_required or source != EnrolmentSource.ASSIGNED or due_date is None:
                to_require.setdefault(due_date or target.due_date, []).append(pk)
            continue
        if term_start is not None and timezone.localtime(completed_at).date() < term_start:
            to_create.append(_new_enrolment(course_id, person_id, cycle + 1, target.due_date))
            result.renewed += 1
            continue
        if target.renewal_months:
            expires = (timezone.localtime(completed_at).date()) + relativedelta(months=target.renewal_months)
            if expires - lead <= today:
                to_create.append(_new_enrolment(course_id, person_id, cycle + 1, max(expires, today)))
                result.renewed += 1
                continue
        if not is_required:
            to_require.setdefault(due_date or target.due_date, []).append(pk)

    no_longer = [row[0] for person_id, row in latest.items() if person_id not in targets and row[4]]

    with transaction.atomic():
        Enrolment.objects.bulk_create(to_create, batch_size=BATCH, ignore_conflicts=True)
        for due, pks in to_require.items():
            for chunk in _chunks(pks):
                Enrolment.objects.filter(pk__in=chunk).update(
                    is_required=True, source=EnrolmentSource.ASSIGNED, due_date=due
                )
        for chunk in _chunks(no_longer):
            Enrolment.objects.filter(pk__in=chunk).update(is_required=False)
    result.created = len(to_create)
    result.made_required = sum(len(p) for p in to_require.values())
    result.unrequired = len(no_longer)
    return result


def assign_all(*, person_ids=None, course_ids=None, today: date | None = None) -> AssignmentResult:
    """Every course that has (or had) requirements; the nightly run and the run after people change."""
    courses = set(Requirement.objects.values_list("course_id", flat=True))
    # Courses whose last requirement was deleted still hold required enrolments to release.
    courses |= set(Enrolment.objects.filter(is_required=True).values_list("course_id", flat=True).distinct())
    if course_ids is not None:
        courses &= set(course_ids)
    result = AssignmentResult()
    for course_id in sorted(courses):
        result = result + _assign_course(course_id=course_id, person_ids=person_ids, today=today)
    _announce(result, person_ids)
    return result


def _announce(result: AssignmentResult, person_ids) -> None:
    """Tell the apps above (the reports' roll-up) that an assignment run is done, once it commits."""
    course_ids = sorted(result.courses)
    people = None if person_ids is None else list(person_ids)
    transaction.on_commit(
        lambda: enrolments_assigned.send(sender=Requirement, course_ids=course_ids, person_ids=people)
    )


def _new_enrolment(course_id: int, person_id: int, cycle: int, due: date) -> Enrolment:
    return Enrolment(
        course_id=course_id,
        person_id=person_id,
        cycle=cycle,
        source=EnrolmentSource.ASSIGNED,
        is_required=True,
        due_date=due,
    )


def _chunks(items: list, size: int = BATCH):
    for i in range(0, len(items), size):
        yield items[i : i + size]
