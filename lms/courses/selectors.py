"""Reads of courses and enrolments for the learner's pages. Each takes a fixed number of queries."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page

from lms.organisation.models import Person

from .models import CourseIndexPage, CoursePage, Enrolment, LessonPage, LessonProgress


def live_lessons(*, course: CoursePage) -> QuerySet[LessonPage]:
    """The course's published lessons in the editor's order (one query)."""
    return LessonPage.objects.child_of(course).live().order_by("path")


def live_lesson_ids(*, course: CoursePage) -> set[int]:
    return set(live_lessons(course=course).values_list("pk", flat=True))


def lesson_course(*, lesson: LessonPage) -> CoursePage:
    """The lesson's course: as routing left it, else in one query (get_parent().specific takes two)."""
    parent = getattr(lesson, "_lms_parent", None)
    if isinstance(parent, CoursePage):
        return parent
    return CoursePage.objects.get(path=lesson.path[: -LessonPage.steplen])


def current_enrolment(*, person: Person, course: CoursePage) -> Enrolment | None:
    """The latest cycle of the person on the course, or None."""
    return Enrolment.objects.filter(person=person, course=course).order_by("-cycle").first()


def course_visible_to(*, person: Person | None, course: CoursePage) -> bool:
    """A learner may open a course meant for their audience, or one they are enrolled on."""
    if person is None:
        return False
    return course.is_for(person.audience) or Enrolment.objects.filter(person=person, course=course).exists()


def enrolled_course_ids(*, person: Person) -> set[int]:
    return set(Enrolment.objects.filter(person=person).values_list("course_id", flat=True))


def course_quiz_page(*, course: CoursePage) -> Page | None:
    """The course's published quiz: its one live child that is not a lesson (quizzes are a page type of their own)."""
    return Page.objects.child_of(course).live().not_type(LessonPage).order_by("path").first()


def catalogue_courses(*, index: CourseIndexPage, audience: str | None = None, query: str = "") -> list[CoursePage]:
    courses = CoursePage.objects.child_of(index).live().public()
    if audience in CoursePage.AUDIENCE_FIELDS:
        courses = courses.filter(**{CoursePage.AUDIENCE_FIELDS[audience]: True})
    courses = courses.select_related("cover_image").order_by("title")
    words = search_words(query)
    if words:
        return list(courses.search(words, operator="and"))
    return list(courses)


def search_words(query: str) -> str:
    """The words of a search, without the quotes and other marks that some search backends read
    as syntax (an unbalanced quote is an error in SQLite's full-text search)."""
    return " ".join(re.sub(r"[^\w-]+", " ", query).split())


@dataclass
class CourseProgress:
    enrolment: Enrolment | None
    lessons: list[LessonPage]
    done_ids: set[int]

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.pk in self.done_ids)

    @property
    def percent(self) -> int:
        if self.enrolment and self.enrolment.is_completed:
            return 100
        return round(100 * self.done_count / len(self.lessons)) if self.lessons else 0

    @property
    def next_lesson(self) -> LessonPage | None:
        """Where to continue: the first lesson not yet done."""
        return next((lesson for lesson in self.lessons if lesson.pk not in self.done_ids), None)

    @property
    def all_lessons_done(self) -> bool:
        return all(lesson.pk in self.done_ids for lesson in self.lessons)


def course_progress(*, person: Person | None, course: CoursePage) -> CourseProgress:
    """Lessons, the person's enrolment and which lessons they finished: three queries."""
    lessons = list(live_lessons(course=course))
    enrolment = current_enrolment(person=person, course=course) if person else None
    done = (
        set(LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True))
        if enrolment
        else set()
    )
    return CourseProgress(enrolment=enrolment, lessons=lessons, done_ids=done)


@dataclass(slots=True)
class MyCourse:
    """One row of "Mina kurser", worked out once so the template only prints it."""

    enrolment: Enrolment
    course: CoursePage
    url: str
    lesson_count: int
    done_count: int
    is_overdue: bool
    percent: int
    group: str

    @classmethod
    def build(cls, enrolment: Enrolment, lesson_count: int, done_count: int, today: date) -> "MyCourse":
        done = enrolment.completed_at is not None
        if done:
            group, percent = "completed", 100
        else:
            group = "assigned" if enrolment.due_date is not None else "in_progress"
            percent = round(100 * done_count / lesson_count) if lesson_count else 0
        return cls(
            enrolment=enrolment,
            course=enrolment.course,
            url=enrolment.course.url,
            lesson_count=lesson_count,
            done_count=done_count,
            is_overdue=not done and enrolment.due_date is not None and enrolment.due_date < today,
            percent=percent,
            group=group,
        )


# What "Mina kurser" prints and links: loading whole course pages for dozens of rows costs more than the queries.
MY_COURSE_FIELDS = (
    "person_id",
    "course_id",
    "cycle",
    "due_date",
    "completed_at",
    "started_at",
    "is_required",
    "course__title",
    "course__path",
    "course__depth",
    "course__url_path",
    "course__live",
    "course__locale_id",
)


def my_courses(*, person: Person) -> dict[str, list[MyCourse]]:
    """ "Mina kurser": assigned with due dates first (overdue first, then by date), then in
    progress, then completed (newest first). Only each course's latest cycle is shown.
    A fixed number of queries, whatever the number of enrolments or lessons."""
    enrolments = list(
        Enrolment.objects.filter(person=person, course__live=True)
        .select_related("course")
        .only(*MY_COURSE_FIELDS)
        .order_by("course_id", "-cycle")
    )
    latest: dict[int, Enrolment] = {}
    for e in enrolments:
        latest.setdefault(e.course_id, e)
    lesson_counts: dict[int, int] = {}
    lesson_parent: dict[int, int] = {}
    course_paths = {e.course.path: e.course_id for e in latest.values()}
    if course_paths:
        parent_path = Substr("path", 1, Length("path") - LessonPage.steplen)
        for lesson_id, path in (
            LessonPage.objects.live()
            .annotate(parent_path=parent_path)
            .filter(parent_path__in=list(course_paths))
            .values_list("pk", "parent_path")
        ):
            course_id = course_paths[path]
            lesson_counts[course_id] = lesson_counts.get(course_id, 0) + 1
            lesson_parent[lesson_id] = course_id
    done_counts: dict[int, int] = {}
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment_id__in=[e.pk for e in latest.values()]
    ).values_list("enrolment_id", "lesson_id"):
        if lesson_id in lesson_parent:
            done_counts[enrolment_id] = done_counts.get(enrolment_id, 0) + 1

    groups: dict[str, list[MyCourse]] = {"assigned": [], "in_progress": [], "completed": []}
    today = timezone.localdate()
    for e in latest.values():
        item = MyCourse.build(e, lesson_counts.get(e.course_id, 0), done_counts.get(e.pk, 0), today)
        groups[item.group].append(item)
    groups["assigned"].sort(key=lambda i: (not i.is_overdue, i.enrolment.due_date or date.max, i.course.title))
    groups["in_progress"].sort(key=lambda i: (-i.percent, i.course.title))
    groups["completed"].sort(key=lambda i: i.enrolment.completed_at, reverse=True)
    return groups
