"""The demo courses, from demo_content.py: a catalogue under the site's home page, three courses
with their lessons and the demo people's answers to the lessons' polls. Idempotent: pages are found
by slug. (Who must take them comes from the requirements demo.)"""

from wagtail.models import Site

from lms.polls.demo import poll_votes_load

from .demo_content import COURSES
from .models import CourseIndexPage, CoursePage, LessonPage

CATALOGUE = {
    "slug": "kurser",
    "title": "Kurser",
    "intro": "Utbildningar om demokratins grundvärderingar och likabehandling för alla i kommunkoncernen.",
}


def load(stdout=None) -> dict:
    home = Site.objects.get(is_default_site=True).root_page  # the site's home page
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage(title=CATALOGUE["title"], slug=CATALOGUE["slug"], intro=CATALOGUE["intro"])
        home.add_child(instance=index)
        index.save_revision().publish()
    created = answers = 0
    for spec in COURSES:
        course = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if course is None:
            course = _create_course(index, spec)
            created += 1
        for lesson_spec in spec["lessons"]:
            if not LessonPage.objects.child_of(course).filter(slug=lesson_spec["slug"]).exists():
                lesson = LessonPage(
                    title=lesson_spec["title"],
                    slug=lesson_spec["slug"],
                    intro=lesson_spec.get("intro", ""),
                    body=lesson_spec["body"],
                )
                course.add_child(instance=lesson)
                lesson.save_revision().publish()
            if lesson_spec.get("poll_votes"):
                lesson = LessonPage.objects.child_of(course).get(slug=lesson_spec["slug"])
                answers += poll_votes_load(page=lesson, counts=lesson_spec["poll_votes"])
    return {"catalogue": index.url_path, "courses_created": created, "poll_answers": answers}


def _create_course(index: CourseIndexPage, spec: dict) -> CoursePage:
    audiences = set(spec["audiences"])
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        learning_objectives="\n".join(spec["objectives"]),
        for_staff="staff" in audiences,
        for_managers="manager" in audiences,
        for_politicians="politician" in audiences,
        estimated_minutes=spec["estimated_minutes"],
        ends_with_quiz=bool(spec.get("quiz")),
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    return course
