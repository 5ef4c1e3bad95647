"""Reads of required training: upcoming events, and the manager's view of their people."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lms.courses.models import Enrolment
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
        scope |= Q(org_unit__path__startswith=manager.org_unit.path)
    return Person.objects.filter(scope, is_active=True).exclude(pk=manager.pk).select_related("user", "org_unit")


@dataclass
class PersonStatus:
    person: Person
    required: int
    done: int
    overdue: int
    due_soon: list[Enrolment]


def team_status(*, manager: Person) -> list[PersonStatus]:
    """Per managed person: required courses (latest cycles), done, overdue, and what is due. Two queries."""
    people = list(managed_people(manager=manager).order_by("user__last_name", "user__first_name"))
    today = timezone.localdate()
    by_person: dict[int, dict[int, Enrolment]] = {p.pk: {} for p in people}
    for e in (
        Enrolment.objects.filter(person_id__in=by_person, is_required=True)
        .select_related("course")
        .only(
            "person_id",
            "course_id",
            "cycle",
            "due_date",
            "completed_at",
            "course__title",
            "course__url_path",
            "course__path",
            "course__depth",
            "course__locale_id",
        )
        .order_by("person_id", "course_id", "cycle")
    ):
        by_person[e.person_id][e.course_id] = e  # the last cycle wins
    rows = []
    for person in people:
        enrolments = list(by_person[person.pk].values())
        open_ = sorted((e for e in enrolments if e.completed_at is None), key=lambda e: e.due_date or today)
        rows.append(
            PersonStatus(
                person=person,
                required=len(enrolments),
                done=sum(1 for e in enrolments if e.completed_at is not None),
                overdue=sum(1 for e in open_ if e.due_date and e.due_date < today),
                due_soon=open_,
            )
        )
    return rows
