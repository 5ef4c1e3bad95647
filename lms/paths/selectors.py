"""Reads of learning paths for the learner's pages: where a person stands on a path, and which paths
they are on. Each in a fixed number of queries, however many courses a path has."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef

from lms.certificates.models import RenderStatus
from lms.courses import selectors as course_selectors
from lms.courses.models import CoursePage, Enrolment, EnrolmentState
from lms.languages.selectors import in_source_language
from lms.organisation.models import Person

from .models import LearningPathCourse, LearningPathPage, PathCertificate, PathRequirement


@dataclass
class PathStep:
    """One course of the path as the learner stands on it."""

    number: int
    course: CoursePage
    state: str  # EnrolmentState
    completed_at: object = None
    missing: list = field(default_factory=list)  # prerequisites to complete first (locked while any)

    @property
    def is_locked(self) -> bool:
        return bool(self.missing)

    @property
    def is_completed(self) -> bool:
        return self.state == EnrolmentState.COMPLETED


@dataclass
class PathProgress:
    path: LearningPathPage
    steps: list[PathStep]
    certificate: PathCertificate | None = None

    @property
    def done_count(self) -> int:
        return sum(step.is_completed for step in self.steps)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def is_completed(self) -> bool:
        return bool(self.steps) and self.done_count == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def next_step(self) -> PathStep | None:
        """The first course not completed and not locked: where to go on."""
        return next((s for s in self.steps if not s.is_completed and not s.is_locked), None)


def path_course_pages(*, path: LearningPathPage) -> list[CoursePage]:
    """The path's published courses in the editor's order (one query)."""
    rows = (
        LearningPathCourse.objects.filter(path=path, course__live=True)
        .select_related("course")
        .order_by("sort_order", "pk")
    )
    return [row.course for row in rows]


def path_progress(*, person: Person | None, path: LearningPathPage, request=None) -> PathProgress:
    """The person's state on each course of the path, what locks each, and their path certificate."""
    courses = path_course_pages(path=path)
    ids = [c.pk for c in courses]
    states: dict[int, tuple[str, object]] = {}
    certificate = None
    if person is not None:
        for e in Enrolment.objects.filter(person=person, course_id__in=ids).order_by("course_id", "cycle"):
            # Completed in any cycle counts (as for prerequisites); else the latest cycle's state.
            if states.get(e.course_id, ("",))[0] != EnrolmentState.COMPLETED or e.is_completed:
                states[e.course_id] = (e.state, e.completed_at)
        certificate = PathCertificate.objects.filter(person=person, path=path).first()
    missing = course_selectors.missing_prerequisites(person=person, course_ids=ids)
    steps = []
    for number, course in enumerate(courses, start=1):
        state, completed_at = states.get(course.pk, (EnrolmentState.NOT_STARTED, None))
        completed = state == EnrolmentState.COMPLETED
        steps.append(
            PathStep(
                number=number,
                course=course,
                state=state,
                completed_at=completed_at,
                missing=[] if completed else missing.get(course.pk, []),
            )
        )
    return PathProgress(path=path, steps=steps, certificate=certificate)


def live_paths():
    """The published paths, the source pages only: a translated path is the same path (its courses, its
    certificate), read in another language, never one of its own."""
    return in_source_language(LearningPathPage.objects.live())


def paths_of_person(*, person: Person) -> list[LearningPathPage]:
    """The published paths the person is on: those with a course they are enrolled on. Two queries."""
    enrolled = Enrolment.objects.filter(person=person, course_id=OuterRef("course_id"))
    path_ids = LearningPathCourse.objects.filter(Exists(enrolled)).values_list("path_id", flat=True).distinct()
    return list(live_paths().filter(pk__in=list(path_ids)).order_by("title"))


def my_paths_section(*, person: Person, request) -> dict | None:
    """ "Mina kurser"'s section (registered with lms.courses.extensions): each path with progress."""
    paths = paths_of_person(person=person)
    if not paths:
        return None
    return {"paths": [path_progress(person=person, path=p, request=request) for p in paths]}


def paths_completed_by(*, person: Person, course_id: int) -> list[LearningPathPage]:
    """The published paths with this course whose every published course the person has completed."""
    done = course_selectors.completed_course_ids(person=person)
    found = []
    for path in live_paths().filter(path_courses__course_id=course_id).distinct():
        ids = {c.pk for c in path_course_pages(path=path)}
        if ids and ids <= done:
            found.append(path)
    return found


def path_certificate_by_code(code: str) -> PathCertificate | None:
    return PathCertificate.objects.select_related("person", "path", "template").filter(code=code).first()


def path_completions_without_certificate(*, completed_from, completed_before) -> list[int]:
    """For each person who has completed every published course of a live path that gives a certificate
    but holds no certificate of it, one of those completions (an enrolment id, what the issuing task takes)
    when the last of them fell between the two moments: the issuing task was lost on the way (the
    waiting-work sweep asks again, lms.certificates.kinds). A few queries a path."""
    found = []
    for path in live_paths().filter(certificate_template__isnull=False).order_by("pk"):
        ids = [c.pk for c in path_course_pages(path=path)]
        if not ids:
            continue
        found += (
            Enrolment.objects.completed()
            .filter(course_id__in=ids, person__erased_at__isnull=True)
            .exclude(person__path_certificates__path=path)
            .values("person_id")
            .annotate(courses=Count("course_id", distinct=True), last=Max("completed_at"), enrolment=Max("pk"))
            .filter(courses=len(ids), last__gte=completed_from, last__lt=completed_before)
            .order_by("last")
            .values_list("enrolment", flat=True)
        )
    return found


def path_certificates_unrendered():
    """Issued, never rendered, no attempt failed: a render task lost on the way (the waiting-work sweep
    asks again, lms.certificates.kinds). An erased person's is never rendered: not waiting."""
    return PathCertificate.objects.filter(
        render_status=RenderStatus.PENDING, person__erased_at__isnull=True
    ).select_related("person__user", "path")


# --- HR's report per path ------------------------------------------------------------------------------


@dataclass
class PathReportRow:
    """One path's figures among the people the viewer may see: those with a required course of the
    path, how many have completed every course of it, each course's completions, certificates issued."""

    path: LearningPathPage
    courses: list[tuple[CoursePage, int]]  # each course with how many of the people completed it
    required: int
    completed: int
    certificates: int
    requirements: list = field(default_factory=list)  # (PathRequirement, one of its course requirements)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.required) if self.required else 0


def path_report(*, user) -> list[PathReportRow]:
    """Every published path, its figures within the user's part of the group (the access rule on
    enrolments, path certificates and path requirements). A few queries a path and requirement."""
    from lms.access.rule import visible_rows

    rows = []
    for path in live_paths().order_by("title"):
        courses = path_course_pages(path=path)
        ids = [c.pk for c in courses]
        enrolments = visible_rows(user, Enrolment.objects.filter(course_id__in=ids))
        required_people = set(enrolments.filter(is_required=True).values_list("person_id", flat=True))
        done: dict[int, set[int]] = {pk: set() for pk in ids}
        for person_id, course_id in enrolments.completed().values_list("person_id", "course_id").distinct():
            if person_id in required_people:
                done[course_id].add(person_id)
        completed = set.intersection(*done.values()) if ids else set()
        certificates = visible_rows(user, PathCertificate.objects.filter(path=path)).count()
        requirements = [
            (r, r.course_requirements.select_related("org_unit").order_by("pk").first())
            for r in visible_rows(user, PathRequirement.objects.filter(path=path))
        ]
        rows.append(
            PathReportRow(
                path=path,
                courses=[(c, len(done[c.pk])) for c in courses],
                required=len(required_people),
                completed=len(completed),
                certificates=certificates,
                requirements=requirements,
            )
        )
    return rows
