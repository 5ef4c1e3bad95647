"""Learning paths for tests: courses with prerequisites, and a path of them under the home page."""

from home.demo import _home_page
from lms.courses.models import CoursePage, CoursePrerequisite
from lms.paths.models import LearningPathCourse, LearningPathPage
from tests.certificates.factories import CertificateTemplateFactory, make_certificate_course


def require(course: CoursePage, *required: CoursePage) -> None:
    """``course`` requires ``required`` (published rows, as the editor's publish writes them)."""
    for n, other in enumerate(required):
        CoursePrerequisite.objects.create(course=course, required_course=other, sort_order=n)


def make_path(*courses: CoursePage, title="Introduktion", template="default") -> LearningPathPage:
    if template == "default":
        template = CertificateTemplateFactory(name="Intyg för väg", body="{name} har gått vägen {course}.")
    path = _home_page().add_child(
        instance=LearningPathPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary="Tre kurser i följd.",
            certificate_template=template,
            path_courses=[LearningPathCourse(course=c, sort_order=i) for i, c in enumerate(courses)],
        )
    )
    return path


def make_chain(n=3):
    """``n`` courses of one lesson each, each requiring the one before: [(course, lessons), …]."""
    made = [make_certificate_course(title=f"Kurs {i + 1}", lessons=1) for i in range(n)]
    for (before, _), (course, _) in zip(made, made[1:], strict=False):
        require(course, before)
    return made
