"""Reads of group sessions: the presentation's slides, the people a leader may tick, HR's overview."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lms.access.rule import OrgScope, rows_within, scope_of, visible_rows
from lms.courses.models import CompletionRoute, CoursePage, Enrolment, LessonPage
from lms.courses.selectors import courses_to_choose
from lms.organisation.models import OrgUnit, Person
from lms.organisation.selectors import people_in_subtree

from .models import GroupSession, SessionAttendance

MAX_SEARCH_RESULTS = 20


@dataclass(frozen=True)
class Slide:
    """One screen of the presentation: a lesson's title, or one block of its body (``block``)."""

    lesson: LessonPage
    lesson_number: int
    block: object | None = None  # a StreamValue child: .block_type, .value, .id

    @property
    def kind(self) -> str:
        return self.block.block_type if self.block is not None else "lesson"


def presentation_slides(*, course: CoursePage) -> list[Slide]:
    """The course's live lessons, each a title screen then one screen per block of its body (one query)."""
    slides = []
    lessons = LessonPage.objects.child_of(course).live().order_by("path")
    for number, lesson in enumerate(lessons, start=1):
        slides.append(Slide(lesson=lesson, lesson_number=number))
        slides.extend(Slide(lesson=lesson, lesson_number=number, block=block) for block in lesson.body)
    return slides


def poll_choices(block) -> list[tuple[str, str]]:
    """A poll block's choices as (choice id, text): ids that survive an editor's rewording (lms.polls)."""
    return [(child.id, str(child.value)) for child in block.value["choices"].bound_blocks]


def startable_courses() -> QuerySet[CoursePage]:
    return courses_to_choose(live=True)


def units_to_lead(*, user) -> QuerySet[OrgUnit]:
    """The units a user may start a session for: those they may see."""
    return visible_rows(user, OrgUnit.objects.all()).order_by("path")


def sessions_of(*, user) -> QuerySet[GroupSession]:
    return (
        visible_rows(user, GroupSession.objects.all())
        .select_related("course", "org_unit", "leader")
        .annotate(present=Count("attendances"))
        .order_by("-held_on", "-pk")
    )


def unit_people(*, user, session: GroupSession) -> QuerySet[Person]:
    """The session's unit's active people (its subtree) that the user may see, by name."""
    return (
        visible_rows(user, Person.objects.active().in_subtree(session.org_unit))
        .select_related("user", "org_unit")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def people_search(*, user, query: str, exclude_unit: OrgUnit | None = None) -> list[Person]:
    """Active people outside the session's unit that the user may see, by a part of their name."""
    words = query.split()[:3]
    if not words:
        return []
    people = visible_rows(user, Person.objects.active()).select_related("user", "org_unit")
    if exclude_unit is not None:
        people = people.exclude(pk__in=people_in_subtree(unit=exclude_unit, include_inactive=True).values("pk"))
    for word in words:
        people = people.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word))
    return list(people.order_by("user__last_name", "user__first_name", "pk")[:MAX_SEARCH_RESULTS])


def session_attendances(*, user, session: GroupSession) -> QuerySet[SessionAttendance]:
    return (
        visible_rows(user, session.attendances.all())
        .select_related("person__user", "person__org_unit", "enrolment")
        .order_by("person__user__last_name", "person__user__first_name", "pk")
    )


@dataclass(frozen=True)
class CompletionSplit:
    """Completed enrolments of one unit on one course, individually and in group sessions."""

    unit: str
    course: str
    individually: int
    in_group: int
    unit_path: str = ""
    course_id: int | None = None

    @property
    def total(self) -> int:
        return self.individually + self.in_group


def completion_split(
    *, user=None, scope: OrgScope | None = None, year: int | None = None, units: QuerySet[OrgUnit] | None = None
) -> list[CompletionSplit]:
    """Per unit (where each person sits) and course: completions in the year, individually (in the course, or
    any route but a group session) and in group sessions. Counted in the database, within the user's scope
    (or ``scope``: the active-measures annex counts an employer's part of the group); one query."""
    year = year or timezone.localdate().year
    scope = scope if scope is not None else scope_of(user)
    enrolments = rows_within(scope, Enrolment.objects.filter(completed_at__year=year))
    if units is not None:
        enrolments = enrolments.filter(person__org_unit__in=units)
    group = Q(completed_via=CompletionRoute.GROUP_SESSION)
    rows = (
        enrolments.values("person__org_unit__name", "person__org_unit__path", "course_id", "course__title")
        .annotate(in_group=Count("pk", filter=group), individually=Count("pk", filter=~group))
        .order_by("person__org_unit__path", "course__title")
    )
    return [
        CompletionSplit(
            unit=row["person__org_unit__name"],
            course=row["course__title"],
            individually=row["individually"],
            in_group=row["in_group"],
            unit_path=row["person__org_unit__path"],
            course_id=row["course_id"],
        )
        for row in rows
    ]
