"""The demo learning path "Introduktion för förtroendevalda": three short courses for elected
representatives (their files in demo_content/, in the courses' format), each requiring the one before,
with their quizzes, the certificate every course gives and the path's own certificate; the path is
required of elected politicians (a ``PathRequirement``), so the demo politician finds it in "Mina kurser". Idempotent: pages
are found by slug, the template by name."""

from pathlib import Path

from wagtail.models import Site

from lms.certificates import demo as certificate_demo
from lms.certificates.models import CertificateTemplate
from lms.courses import demo as course_demo
from lms.courses.models import CoursePage, CoursePrerequisite
from lms.languages.selectors import in_source_language
from lms.quizzes import demo as quiz_demo
from lms.requirements.assignment import assign_all
from lms.requirements.models import Requirement

from .models import LearningPathCourse, LearningPathPage, PathRequirement
from .services import path_requirement_save

PATH_COURSE_FILES = Path(__file__).resolve().parent / "demo_content"
PATH = {
    "slug": "introduktion-for-fortroendevalda-vag",
    "title": "Introduktion för förtroendevalda",
    "summary": (
        "Tre korta kurser i följd för dig som är ny i ett politiskt uppdrag i Ekbacka kommun: uppdraget, "
        "beslutsgången i nämnden och mötet med invånarna. Varje kurs öppnas när du har klarat den före, och "
        "när alla tre är klara får du ett intyg för hela vägen."
    ),
}
PATH_TEMPLATE = {
    "name": "Intyg för utbildningsväg",
    "heading": "Intyg",
    "body": (
        "{name} har genomfört utbildningsvägen {course}, med alla dess kurser, och var klar den {completed_on}.\n\n"
        "Utbildningsvägen ger nya förtroendevalda grunderna för uppdraget i {organisation}."
    ),
    "signatory_name": "Lena Ahlström",
    "signatory_title": "HR-direktör",
    "accent_colour": "#1d4f6e",
}
REQUIREMENT_NOTE = "Introduktion för förtroendevalda: alla förtroendevalda går utbildningsvägens tre kurser."


def load(stdout=None) -> dict:
    specs = course_demo.load_course_files(PATH_COURSE_FILES)
    course_demo.load(courses=specs)
    quiz_demo.load(courses=specs)
    certificate_demo.load()  # the course certificate on the new courses
    courses = [course_demo.demo_course(spec["slug"]) for spec in specs]
    _require_in_order(courses)
    path = _path(courses)
    return {"path": path.url_path, "enrolments_written": _require_for_politicians(path)}


def _require_in_order(courses: list[CoursePage]) -> None:
    """Each course requires the one before (published with the course, as an editor would)."""
    for before, course in zip(courses, courses[1:], strict=False):
        if CoursePrerequisite.objects.filter(course=course, required_course=before).exists():
            continue
        course.prerequisites = [CoursePrerequisite(required_course=before)]
        course.save_revision().publish()


def _path(courses: list[CoursePage]) -> LearningPathPage:
    path = in_source_language(LearningPathPage.objects.filter(slug=PATH["slug"])).first()
    if path is not None:
        return path
    template = in_source_language(CertificateTemplate.objects.filter(name=PATH_TEMPLATE["name"])).first()
    if template is None:
        template = CertificateTemplate(**PATH_TEMPLATE)
        template.full_clean()
        template.save()
    home = Site.objects.get(is_default_site=True).root_page
    path = LearningPathPage(
        title=PATH["title"],
        slug=PATH["slug"],
        summary=PATH["summary"],
        certificate_template=template,
        path_courses=[LearningPathCourse(course=course, sort_order=i) for i, course in enumerate(courses)],
    )
    home.add_child(instance=path)
    path.save_revision().publish()
    return path


def _require_for_politicians(path: LearningPathPage) -> int:
    """The path required of the elected politicians of the whole group, due within 120 days: one course
    requirement per course, through the path's own requirement (``services.path_requirement_save``)."""
    from lms.organisation.models import OrgUnit

    top = OrgUnit.objects.filter(depth=1).order_by("path").first()
    if top is None or PathRequirement.objects.filter(path=path).exists():
        return 0
    template = Requirement(org_unit=top, for_politicians=True, due_days=120, note=REQUIREMENT_NOTE)
    path_requirement_save(path=path, template=template)
    return assign_all().rows_written
