"""Reads of courses and enrolments for the learner's pages. Each takes a fixed number of queries."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, Revision, WorkflowState, get_default_page_content_type
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.core import sitecache
from lms.languages.content import source_language
from lms.languages.display import list_in_language
from lms.languages.selectors import in_source_language, preferred_language
from lms.organisation.models import Person

from . import extensions
from .extensions import CourseGap
from .models import (
    CourseIndexPage,
    CoursePage,
    CoursePrerequisite,
    Enrolment,
    EnrolmentState,
    LessonPage,
    LessonProgress,
)


def courses_to_choose(*, live: bool = False) -> QuerySet[CoursePage]:
    """The courses a chooser or a filter lists, by title (``live``: published ones only): the source pages
    only, since a translation is the same course in another language, never a second one."""
    courses = in_source_language(CoursePage.objects.all())
    return (courses.live() if live else courses).order_by("title")


def live_lessons(*, course: CoursePage) -> QuerySet[LessonPage]:
    """The course's published lessons in the editor's order (one query), without their bodies: lists and
    progress need titles and addresses, and each body is a JSON document of its own to read."""
    return LessonPage.objects.child_of(course).live().order_by("path").defer_streamfields()


def live_lesson_ids(*, course: CoursePage) -> set[int]:
    return set(live_lessons(course=course).values_list("pk", flat=True))


def lesson_course(*, lesson: LessonPage) -> CoursePage:
    """The lesson's course: as the cached route keeps it (lms.core.serving), else in one query
    (get_parent().specific takes two)."""
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


def live_lessons_under(course_path) -> QuerySet[LessonPage]:
    """The live lessons of the course at ``course_path`` (a path or an OuterRef to one). Lessons sit
    only directly under courses, so everything under the path is the course's own."""
    return LessonPage.objects.live().filter(path__startswith=course_path)


def catalogue_courses(*, index: CourseIndexPage, audience: str | None = None, query: str = "") -> list[CoursePage]:
    # A live course without a live lesson leads nowhere (its lessons unpublished later): not listed.
    # By id, as a subquery: the search backend filters only on indexed fields, and the id is one.
    with_lessons = CoursePage.objects.filter(Exists(live_lessons_under(OuterRef("path")))).values("pk")
    courses = CoursePage.objects.child_of(index).live().public().filter(pk__in=with_lessons)
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


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    """Where a person stands on one enrolment, as every learner's and manager's page shows it: the
    state (``Enrolment.state``, the one definition the reports count too), the lessons done, the
    quiz as the course's last step, and the percentage that both the bar and its text print.

    The quiz counts as one step rather than capping the lessons at 99 %: five of five lessons with
    the quiz still to pass is 83 %, which says how much is left; 99 % would say "nearly there"
    before the one step a learner may need several tries at. Only a completed course shows 100 %."""

    state: str
    lesson_count: int
    done_count: int
    has_quiz: bool = False
    quiz_passed: bool = False

    @classmethod
    def of(cls, enrolment: Enrolment | None, *, ends_with_quiz: bool, lesson_count: int, done_count: int):
        return cls(
            state=enrolment.state if enrolment else EnrolmentState.NOT_STARTED,
            lesson_count=lesson_count,
            done_count=min(done_count, lesson_count),
            has_quiz=ends_with_quiz,
            quiz_passed=bool(enrolment and enrolment.quiz_passed_at),
        )

    @property
    def is_completed(self) -> bool:
        return self.state == EnrolmentState.COMPLETED

    @property
    def quiz_left(self) -> bool:
        """In progress with every lesson done and the quiz not yet passed: "Kunskapstest kvar"."""
        return (
            self.state == EnrolmentState.IN_PROGRESS
            and self.has_quiz
            and not self.quiz_passed
            and self.done_count >= self.lesson_count
        )

    @property
    def label(self) -> str:
        """The state in words, with the quiz left shown as its own step of "in progress"."""
        return QUIZ_LEFT_LABEL if self.quiz_left else EnrolmentState(self.state).label

    @property
    def step_count(self) -> int:
        return self.lesson_count + (1 if self.has_quiz else 0)

    @property
    def steps_done(self) -> int:
        return self.done_count + (1 if self.has_quiz and self.quiz_passed else 0)

    @property
    def percent(self) -> int:
        if self.is_completed:
            return 100
        if not self.step_count:
            return 0
        return min(99, round(100 * self.steps_done / self.step_count))  # 100 % means completed, nothing less


QUIZ_LEFT_LABEL = pgettext_lazy("status", "Quiz left")


@dataclass
class CourseProgress:
    enrolment: Enrolment | None
    lessons: list[LessonPage]
    done_ids: set[int]
    ends_with_quiz: bool = False

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.pk in self.done_ids)

    @cached_property
    def summary(self) -> ProgressSummary:
        return ProgressSummary.of(
            self.enrolment,
            ends_with_quiz=self.ends_with_quiz,
            lesson_count=len(self.lessons),
            done_count=self.done_count,
        )

    @property
    def percent(self) -> int:
        return self.summary.percent

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
    return CourseProgress(enrolment=enrolment, lessons=lessons, done_ids=done, ends_with_quiz=course.ends_with_quiz)


# What a list of enrolments needs loaded for ``progress_summaries``.
PROGRESS_FIELDS = (
    "started_at",
    "quiz_passed_at",
    "completed_at",
    "course__path",
    "course__ends_with_quiz",
)


def live_lesson_ids_by_course_path(request=None) -> dict[str, list[int]]:
    """Every live lesson's id, under its course's path: the same for everyone, so from the site content's
    cache (lms.core.sitecache), which every publication retires."""

    def compute():
        by_course_path: dict[str, list[int]] = {}
        for lesson_id, path in LessonPage.objects.live().order_by("path").values_list("pk", "path"):
            by_course_path.setdefault(path[: -LessonPage.steplen], []).append(lesson_id)
        return by_course_path

    return sitecache.cached("live-lessons-by-course-path", request, compute)


def progress_summaries(enrolments: list[Enrolment], request=None) -> dict[int, ProgressSummary]:
    """``ProgressSummary`` per enrolment id for a list of enrolments of any courses (with
    ``PROGRESS_FIELDS`` loaded): one query for the person's progress, whatever the number of
    enrolments or lessons; the lessons come from the cache."""
    lesson_counts: dict[int, int] = {}
    lesson_parent: dict[int, int] = {}
    course_paths = {e.course.path: e.course_id for e in enrolments}
    if course_paths:
        by_course_path = live_lesson_ids_by_course_path(request)  # the request remembers the version
        for path, course_id in course_paths.items():
            lesson_ids = by_course_path.get(path, ())
            lesson_counts[course_id] = len(lesson_ids)
            lesson_parent.update((lesson_id, course_id) for lesson_id in lesson_ids)
    done_counts: dict[int, int] = {}
    if enrolments:
        for enrolment_id, lesson_id in LessonProgress.objects.filter(
            enrolment_id__in=[e.pk for e in enrolments]
        ).values_list("enrolment_id", "lesson_id"):
            if lesson_id in lesson_parent:
                done_counts[enrolment_id] = done_counts.get(enrolment_id, 0) + 1
    return {
        e.pk: ProgressSummary.of(
            e,
            ends_with_quiz=e.course.ends_with_quiz,
            lesson_count=lesson_counts.get(e.course_id, 0),
            done_count=done_counts.get(e.pk, 0),
        )
        for e in enrolments
    }


@dataclass(slots=True)
class MyCourse:
    """One card of "Mina kurser", worked out once so the template only prints it."""

    enrolment: Enrolment
    course: CoursePage
    url: str
    progress: ProgressSummary
    is_overdue: bool
    offers: list = field(default_factory=list)  # what apps above offer after completion (offers.py)
    missing: list = field(default_factory=list)  # prerequisites still to complete (locked while any)
    shown: object = None  # the course in the learner's language (lms.languages.display.InLanguage)
    languages: list = field(default_factory=list)  # the languages it can be read in

    @property
    def group(self) -> str:
        return self.progress.state

    @property
    def percent(self) -> int:
        return self.progress.percent

    @property
    def lesson_count(self) -> int:
        return self.progress.lesson_count

    @property
    def done_count(self) -> int:
        return self.progress.done_count


# What "Mina kurser" prints and links: loading whole course pages for dozens of rows costs more than the queries.
MY_COURSE_FIELDS = (
    "person_id",
    "course_id",
    "cycle",
    "due_date",
    "is_required",
    "course__title",
    "course__translation_key",  # its translations (lms.languages)
    "course__depth",
    "course__url_path",
    "course__live",
    "course__locale_id",
    "completed_via",  # a completed card says how (courses/includes/completed_status.html)
    *PROGRESS_FIELDS,
)

# "Mina kurser" groups the cards by the person's state, the same three the manager and HR see.
MY_COURSE_GROUPS = (EnrolmentState.NOT_STARTED, EnrolmentState.IN_PROGRESS, EnrolmentState.COMPLETED)


def _by_urgency(item: MyCourse):
    """Overdue first, then by due date (none last), then the furthest along, then by title."""
    due = item.enrolment.due_date
    return (not item.is_overdue, due or date.max, -item.percent, item.course.title)


def my_courses(*, person: Person, request=None) -> dict[str, list[MyCourse]]:
    """ "Mina kurser", grouped by ``EnrolmentState``: not started and in progress each ordered by
    urgency (overdue first, then by due date), completed newest first. Only each course's latest
    cycle is shown. A fixed number of queries, whatever the number of enrolments or lessons."""
    enrolments = list(
        Enrolment.objects.filter(person=person, course__live=True)
        .select_related("course")
        .only(*MY_COURSE_FIELDS)
        .order_by("course_id", "-cycle")
    )
    latest: dict[int, Enrolment] = {}
    for e in enrolments:
        latest.setdefault(e.course_id, e)
    summaries = progress_summaries(list(latest.values()), request)

    groups: dict[str, list[MyCourse]] = {state: [] for state in MY_COURSE_GROUPS}
    today = timezone.localdate()
    for e in latest.values():
        progress = summaries[e.pk]
        item = MyCourse(
            enrolment=e,
            course=e.course,
            url=e.course.get_url(request),  # the request remembers the site's root paths
            progress=progress,
            is_overdue=not progress.is_completed and e.due_date is not None and e.due_date < today,
        )
        groups[item.group].append(item)
    open_ids = [e.course_id for e in latest.values() if not summaries[e.pk].is_completed]
    for course_id, missing in missing_prerequisites(person=person, course_ids=open_ids).items():
        for item in groups[EnrolmentState.NOT_STARTED] + groups[EnrolmentState.IN_PROGRESS]:
            if item.course.pk == course_id:
                item.missing = missing
    courses = [e.course for e in latest.values()]
    language = preferred_language(request, person) if request is not None else source_language()
    shown, languages = list_in_language(courses, language)
    for items in groups.values():
        for item in items:
            item.shown, item.languages = shown[item.course.pk], languages[item.course.pk]
    groups[EnrolmentState.NOT_STARTED].sort(key=_by_urgency)
    groups[EnrolmentState.IN_PROGRESS].sort(key=_by_urgency)
    groups[EnrolmentState.COMPLETED].sort(key=lambda i: i.enrolment.completed_at, reverse=True)
    return groups


def my_courses_to_do(groups: dict[str, list[MyCourse]]) -> list[MyCourse]:
    """Everything not completed, most urgent first (for the home page's "Up next")."""
    return sorted(groups[EnrolmentState.NOT_STARTED] + groups[EnrolmentState.IN_PROGRESS], key=_by_urgency)


# --- The editors' dashboard panel ---------------------------------------------------------------------

DASHBOARD_ROWS = 10  # per list; the page tree has the rest


@dataclass
class EditorDashboard:
    """What the editors' panel shows, each list limited to the pages the user may edit."""

    index: CourseIndexPage | None
    can_add_course: bool
    in_moderation: list[Page]  # course, lesson and quiz drafts in review, with type_label, review_task, in_review_since
    without_lesson: list[CoursePage]  # live without a live lesson: hidden from the catalogue
    without_quiz: list[CoursePage]  # end with a quiz that is not published: nobody can complete them
    gaps: list[tuple[CourseGap, list[CoursePage]]] = field(default_factory=list)  # what apps above register


def editor_dashboard(*, user) -> EditorDashboard:
    """A fixed number of queries whatever the number of courses: the user's page permissions (cached on
    the user), the catalogue, the pages in moderation, and the courses with what each lacks."""
    index = in_source_language(CourseIndexPage.objects.all()).first()
    if index is None:
        return EditorDashboard(None, False, [], [], [])
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    editable_ids = editable.values("pk")
    return EditorDashboard(
        index=index,
        can_add_course=index.permissions_for_user(user).can_add_subpage(),
        in_moderation=_pages_in_moderation(under=index, editable_ids=editable_ids),
        **_courses_lacking(under=index, editable_ids=editable_ids),
    )


def _pages_in_moderation(*, under: CourseIndexPage, editable_ids) -> list[Page]:
    """Courses, lessons and quizzes (everything under the catalogue) waiting in a workflow, newest first."""
    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=get_default_page_content_type(),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at")
    pages = (
        Page.objects.descendant_of(under)
        .filter(pk__in=editable_ids)
        .annotate(
            in_review_since=Subquery(in_review.values("current_task_state__started_at")[:1]),
            review_task=Subquery(in_review.values("current_task_state__task__name")[:1]),
        )
        .filter(in_review_since__isnull=False)
        .select_related("content_type")
        .order_by("-in_review_since")
    )
    pages = list(pages[:DASHBOARD_ROWS])
    for page in pages:
        page.type_label = page.content_type.model_class().get_verbose_name()  # "kurs", "lektion", "kunskapstest"
    return pages


def _courses_lacking(*, under: CourseIndexPage, editable_ids) -> dict:
    """One query: every course the user may edit, with whether it has a live lesson and a live quiz, and
    each registered gap (extensions.course_gaps: e.g. no certificate)."""
    children = Page.objects.live().filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
    gaps = extensions.course_gaps()
    courses = (
        CoursePage.objects.child_of(under)
        .filter(pk__in=editable_ids)
        .annotate(
            has_live_lesson=Exists(live_lessons_under(OuterRef("path"))),
            # The quiz is the course's child that is not a lesson (quizzes are an app above this one).
            has_live_quiz=Exists(children.not_type(LessonPage)),
            **{f"lacks_{gap.key}": ExpressionWrapper(gap.lacks(), output_field=BooleanField()) for gap in gaps},
        )
        .only("title", "draft_title", "live", "path", "depth", "ends_with_quiz")
        .order_by("title")
    )
    lacking: dict[str, list[CoursePage]] = {"without_lesson": [], "without_quiz": []}
    found: dict[str, list[CoursePage]] = {gap.key: [] for gap in gaps}
    for course in courses:
        if course.live and not course.has_live_lesson:
            lacking["without_lesson"].append(course)
        if course.ends_with_quiz and not course.has_live_quiz:
            lacking["without_quiz"].append(course)
        for gap in gaps:
            if getattr(course, f"lacks_{gap.key}"):
                found[gap.key].append(course)
    return {
        **{name: rows[:DASHBOARD_ROWS] for name, rows in lacking.items()},
        "gaps": [(gap, found[gap.key][:DASHBOARD_ROWS]) for gap in gaps],
    }


def course_has_lesson_for_learners(*, course: CoursePage, go_live_at=None, with_draft_lessons: bool = False) -> bool:
    """Whether learners will find a lesson in the course when it goes live: a published lesson; for a
    course scheduled to go live at ``go_live_at``, also a lesson scheduled to go live no later; when the
    course's drafts are published with it (a bulk publish with its subpages), any lesson at all."""
    if course.pk is None:
        return False  # a new course has no pages under it yet
    return _live_by(LessonPage.objects.child_of(course), go_live_at=go_live_at, with_drafts=with_draft_lessons)


def course_has_quiz_for_learners(*, course: CoursePage, go_live_at=None, with_drafts: bool = False) -> bool:
    """The same for the quiz of a course that says it ends with one (its one child that is not a lesson)."""
    if course.pk is None:
        return False
    return _live_by(Page.objects.child_of(course).not_type(LessonPage), go_live_at=go_live_at, with_drafts=with_drafts)


def _live_by(pages, *, go_live_at, with_drafts: bool) -> bool:
    if with_drafts:
        return pages.exists()
    if pages.live().exists():
        return True
    if go_live_at is None or go_live_at <= timezone.now():
        return False
    return Revision.page_revisions.filter(
        object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)], approved_go_live_at__lte=go_live_at
    ).exists()


def course_publish_gaps(*, course: CoursePage, ends_with_quiz: bool, go_live_at=None, with_drafts: bool = False):
    """What a course lacks before it may go live: "lesson" (none learners would find) and "quiz" (it says
    it ends with one and has none). Empty: it may be published."""
    gaps = []
    if not course_has_lesson_for_learners(course=course, go_live_at=go_live_at, with_draft_lessons=with_drafts):
        gaps.append("lesson")
    if ends_with_quiz and not course_has_quiz_for_learners(
        course=course, go_live_at=go_live_at, with_drafts=with_drafts
    ):
        gaps.append("quiz")
    return gaps


# --- Prerequisites ------------------------------------------------------------------------------------


def prerequisites_by_course(*, course_ids) -> dict[int, list[int]]:
    """Each course's required courses (as published), in the editor's order. One query."""
    found: dict[int, list[int]] = {}
    rows = CoursePrerequisite.objects.filter(course_id__in=list(course_ids)).order_by("sort_order", "pk")
    for course_id, required_id in rows.values_list("course_id", "required_course_id"):
        found.setdefault(course_id, []).append(required_id)
    return found


def completed_course_ids(*, person: Person, course_ids=None) -> set[int]:
    """The courses the person has completed in any cycle, by any route (optionally among ``course_ids``)."""
    rows = Enrolment.objects.completed().filter(person=person)
    if course_ids is not None:
        rows = rows.filter(course_id__in=list(course_ids))
    return set(rows.values_list("course_id", flat=True))


def missing_prerequisites(*, person: Person | None, course_ids) -> dict[int, list[CoursePage]]:
    """For each of the courses that is locked to the person, the published courses they must complete
    first, in the editor's order; unlocked courses are left out. Three queries however many courses.
    A prerequisite that is not published locks nothing: nobody could complete it."""
    required = prerequisites_by_course(course_ids=course_ids)
    if not required:
        return {}
    all_required = {pk for ids in required.values() for pk in ids}
    done = completed_course_ids(person=person, course_ids=all_required) if person is not None else set()
    pages = {
        c.pk: c
        for c in CoursePage.objects.live()
        .filter(pk__in=all_required - done)
        .only("pk", "title", "url_path", "depth", "path", "locale_id")
    }
    locked = {}
    for course_id, ids in required.items():
        missing = [pages[pk] for pk in ids if pk in pages]
        if missing:
            locked[course_id] = missing
    return locked


def course_missing_prerequisites(*, person: Person | None, course: CoursePage) -> list[CoursePage]:
    """The published courses the person must complete before this one (empty: it is open to them)."""
    return missing_prerequisites(person=person, course_ids=[course.pk]).get(course.pk, [])


def prerequisite_cycle(*, course_id: int | None, required_ids) -> list[int] | None:
    """If requiring ``required_ids`` would make ``course_id`` require itself through the published
    prerequisites of other courses, the chain of course ids that closes the circle (starting and ending
    with the course), else None. One query: the whole graph is small (a few edges per course)."""
    if course_id is None:  # a new course: nothing can require it yet
        return None
    graph: dict[int, list[int]] = {}
    for source, target in CoursePrerequisite.objects.exclude(course_id=course_id).values_list(
        "course_id", "required_course_id"
    ):
        graph.setdefault(source, []).append(target)
    graph[course_id] = list(required_ids)
    # Depth first from the course, remembering how each course was reached.
    came_from: dict[int, int] = {}
    stack = [course_id]
    while stack:
        node = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == course_id:
                chain = [node]
                while chain[-1] != course_id:
                    chain.append(came_from[chain[-1]])
                return [course_id, *reversed(chain[:-1]), course_id]
            if nxt not in came_from:
                came_from[nxt] = node
                stack.append(nxt)
    return None
