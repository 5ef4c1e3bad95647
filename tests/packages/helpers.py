"""Packages and package lessons for tests, built from the demo's source files (lms/packages/building)."""

import io
import zipfile

from lms.packages import services
from lms.packages.building import scorm_zip
from lms.packages.demo import SCORM_SOURCE
from lms.packages.models import PackageLessonPage
from tests.courses.factories import make_course


def stored_package(version: str = "1.2", title: str = "Offentlighetsprincipen"):
    return services.package_store(upload=scorm_zip(SCORM_SOURCE, version=version, title=title))


def package_course(*, version: str = "1.2", lessons: int = 1, rule: str = "completed", **course_fields):
    """A live course with ``lessons`` lessons of blocks, then one package lesson playing a SCORM package."""
    course, made = make_course(lessons=lessons, **course_fields)
    package = stored_package(version)
    lesson = course.add_child(
        instance=PackageLessonPage(
            title="Paketet", slug=f"paketet-{version.replace('.', '')}", package=package, completion_rule=rule
        )
    )
    return course, made, lesson


def zip_of(files: dict[str, bytes | str], **kwargs) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    buffer.name = "paket.zip"
    return buffer
