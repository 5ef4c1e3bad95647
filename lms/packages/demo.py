"""The demo's package lessons: a demo course of its own ("Öppenhet och insyn") whose lessons are a short
SCORM 1.2 package and a short H5P interaction the project wrote in Swedish (on the principle of public access), built from its source
files at load. Loaded after courses and before certificates, which gives the course its certificate.
Idempotent: pages are found by slug, the package by title."""

from pathlib import Path

from lms.courses.demo import demo_course
from lms.courses.models import CourseIndexPage, CoursePage
from lms.languages.selectors import in_source_language

from . import services
from .building import folder_zip, scorm_zip
from .models import ContentPackage, PackageLessonPage

SOURCES = Path(__file__).resolve().parent / "demo_content"
SCORM_SOURCE = SOURCES / "offentlighetsprincipen"
SCORM_TITLE = "Offentlighetsprincipen på fem minuter"
H5P_SOURCE = SOURCES / "h5p-allmanna-handlingar"
H5P_TITLE = "Allmän handling eller inte?"
COURSE_SLUG = "oppenhet-och-insyn"
LESSON_SLUG = "offentlighetsprincipen-scorm"
H5P_LESSON_SLUG = "allman-handling-h5p"


def _course() -> CoursePage | None:
    course = demo_course(COURSE_SLUG)
    index = in_source_language(CourseIndexPage.objects.all()).first()
    if course is None and index is not None:
        course = CoursePage(
            title="Öppenhet och insyn",
            slug=COURSE_SLUG,
            summary="Offentlighetsprincipen i praktiken: interaktiva avsnitt att göra i egen takt.",
            learning_objectives="Efter kursen kan du förklara vad en allmän handling är.\n"
            "Efter kursen vet du att den som begär ut en handling får vara anonym.",
            for_staff=True,
            for_managers=True,
            for_politicians=True,
            estimated_minutes=10,
            ends_with_quiz=False,
        )
        index.add_child(instance=course)
        course.save_revision().publish()
    return course


def load(stdout=None) -> dict:
    course = _course()
    if course is None:
        return {"package_lessons": 0}
    scorm = ContentPackage.objects.filter(title=SCORM_TITLE).first() or services.package_store(
        upload=scorm_zip(SCORM_SOURCE, version="1.2", title=SCORM_TITLE), title=SCORM_TITLE
    )
    h5p = ContentPackage.objects.filter(title=H5P_TITLE).first() or services.package_store(
        upload=folder_zip(H5P_SOURCE, name="allmanna-handlingar.h5p"), title=H5P_TITLE
    )
    lessons = [
        (
            LESSON_SLUG,
            scorm,
            "Ett interaktivt avsnitt om rätten att ta del av allmänna handlingar, med en fråga på slutet.",
        ),
        (H5P_LESSON_SLUG, h5p, "En fråga om när ett e-postmeddelande blir en allmän handling."),
    ]
    made = 0
    for slug, package, intro in lessons:
        if PackageLessonPage.objects.child_of(course).filter(slug=slug).exists():
            continue
        lesson = PackageLessonPage(
            title=package.title, slug=slug, intro=intro, package=package, estimated_minutes=5, frame_height=520
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
        made += 1
    return {"package_lessons": made}
