"""Reads of required training: upcoming events, and the manager's view of their people."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

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
        scope |= Q(org_unit__path__startswith=manager.org_unit.path)
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
