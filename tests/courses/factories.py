"""Course trees for tests: catalogue under the home page, courses, lessons. Pages are added with add_child."""

from home.demo import _home_page
from lms.courses.models import CourseIndexPage, CoursePage, LessonPage


def make_catalogue() -> CourseIndexPage:
    home = _home_page()
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=CourseIndexPage(title="Kurser", slug="kurser"))
    return index


def make_course(
    *,
    lessons: int = 3,
    title: str = "Demokrati i vardagen",
    ends_with_quiz: bool = False,
    certificate_template=None,
    certificate_validity_months=None,
    **fields,
):
    """A live course with live lessons; with ``certificate_template`` it gives that certificate (the
    certificates app's ``CourseCertificate``)."""
    index = make_catalogue()
    slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
    course = index.add_child(
        instance=CoursePage(
            title=title, slug=slug, ends_with_quiz=ends_with_quiz, **{"summary": f"Om {title}.", **fields}
        )
    )
    if certificate_template is not None:
        from lms.certificates.models import CourseCertificate

        CourseCertificate.objects.create(
            course=course, template=certificate_template, validity_months=certificate_validity_months
        )
    made = [add_lesson(course, f"Lektion {i + 1}") for i in range(lessons)]
    return course, made


def add_lesson(course: CoursePage, title: str, live: bool = True) -> LessonPage:
    lesson = LessonPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        live=live,
        body=[("paragraph", f"<p>Text i {title}.</p>")],
    )
    return course.add_child(instance=lesson)
