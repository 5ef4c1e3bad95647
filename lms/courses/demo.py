"""The demo courses, from the course files in demo_content/ (one YAML file per course, read by
``load_course_files``): a catalogue under the site's home page, three courses with their lessons and
the demo people's answers to the lessons' polls. Idempotent: pages are found by slug. (Who must take
them comes from the requirements demo; their quizzes from the quizzes demo, out of the same files.)"""

from pathlib import Path
from typing import Any, NotRequired, TypedDict

from wagtail.models import Site

from lms.core.content_files import Node, read_content_files, stream_items
from lms.languages.selectors import in_source_language
from lms.polls.demo import poll_votes_load

from .blocks import LessonStreamBlock
from .models import CourseIndexPage, CoursePage, LessonPage

COURSE_FILES = Path(__file__).resolve().parent / "demo_content"
AUDIENCES = ("staff", "manager", "politician")
# The quizzes' QuestionStreamBlock types (quizzes sit above courses; tests/quizzes/test_demo.py compares).
QUESTION_TYPES = ("single", "multiple", "true_false", "scenario")
QUIZ_RULES = {"max_attempts": int, "questions_to_draw": int, "shuffle_questions": bool, "shuffle_choices": bool}

CATALOGUE = {
    "slug": "kurser",
    "title": "Kurser",
    "intro": "Utbildningar om demokratins grundvärderingar och likabehandling för alla i kommunkoncernen.",
}


def demo_course(slug: str) -> CoursePage | None:
    """The demo course with this slug: the source page (its translations keep its slug)."""
    return in_source_language(CoursePage.objects.filter(slug=slug)).first()


def load(stdout=None, courses=None) -> dict:
    """Create the missing demo courses and lessons. ``courses`` defaults to the course files here (the
    learning paths' demo passes its own, read with ``load_course_files``)."""
    home = Site.objects.get(is_default_site=True).root_page  # the site's home page
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage(title=CATALOGUE["title"], slug=CATALOGUE["slug"], intro=CATALOGUE["intro"])
        home.add_child(instance=index)
        index.save_revision().publish()
    created = answers = 0
    for spec in load_course_files() if courses is None else courses:
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


class LessonSpec(TypedDict):
    slug: str
    title: str
    intro: str
    body: list[tuple[str, Any]]  # (block type, value) for LessonStreamBlock
    poll_votes: NotRequired[list[list[int]]]  # per poll of the body, how many demo people chose each answer


class CourseSpec(TypedDict):
    slug: str
    title: str
    summary: str
    objectives: list[str]
    audiences: list[str]  # of AUDIENCES
    estimated_minutes: int
    lessons: list[LessonSpec]
    quiz: NotRequired[dict[str, Any]]  # title, intro, pass_mark, QUIZ_RULES, questions (lms/quizzes/demo.py)


def load_course_files(directory: Path = COURSE_FILES) -> list[CourseSpec]:
    """The demo courses, one per file of ``directory`` in the order of their names. A file that
    does not fit raises ContentFileError naming the file and the field.

    A file holds the fields of CourseSpec. A lesson's ``body`` is a list of ``- block_type: value``
    (LessonStreamBlock's types, checked as the editor checks them; rich text as HTML); a quiz question
    marks its right choices ``correct: true``, and a choice's ``feedback`` may be left out."""
    courses: list[CourseSpec] = []
    for node in read_content_files(directory):
        course = _course(node)
        if any(other["slug"] == course["slug"] for other in courses):
            raise node.child("slug").error("another course file has this slug")
        courses.append(course)
    return courses


def _course(node: Node) -> CourseSpec:
    node.fields(
        required=("slug", "title", "summary", "objectives", "audiences", "estimated_minutes", "lessons"),
        optional=("quiz",),
    )
    for audience in node.items("audiences"):
        if audience.value not in AUDIENCES:
            raise audience.error(f"unknown audience {audience.value!r} (known: {', '.join(AUDIENCES)})")
    course = CourseSpec(
        slug=node.text("slug"),
        title=node.text("title"),
        summary=node.text("summary"),
        objectives=node.texts("objectives"),
        audiences=node.value["audiences"],
        estimated_minutes=node.integer("estimated_minutes", minimum=1),
        lessons=[_lesson(lesson) for lesson in node.items("lessons")],
    )
    slugs = [lesson["slug"] for lesson in course["lessons"]]
    for i, slug in enumerate(slugs):
        if slug in slugs[:i]:
            raise node.child("lessons").child(i).child("slug").error("another lesson of the course has this slug")
    if "quiz" in node.value:
        course["quiz"] = _quiz(node.child("quiz"))
    return course


def _lesson(node: Node) -> LessonSpec:
    node.fields(required=("slug", "title", "body"), optional=("intro", "poll_votes"))
    lesson = LessonSpec(
        slug=node.text("slug"),
        title=node.text("title"),
        intro=node.text("intro", ""),
        body=stream_items(node.child("body"), LessonStreamBlock()),
    )
    if "poll_votes" in node.value:
        polls = [value for block_type, value in lesson["body"] if block_type == "poll"]
        votes = node.items("poll_votes")
        if len(votes) != len(polls):
            raise node.child("poll_votes").error(f"one list per poll: the body has {len(polls)}, not {len(votes)}")
        for counts, poll in zip(votes, polls, strict=True):
            answers = len(poll["choices"])
            if not (
                isinstance(counts.value, list)
                and len(counts.value) == answers
                and all(type(n) is int and n >= 0 for n in counts.value)
            ):
                raise counts.error(f"expected a count (0 or more) for each of the poll's {answers} answers")
        lesson["poll_votes"] = node.value["poll_votes"]
    return lesson


def _quiz(node: Node) -> dict[str, Any]:
    node.fields(required=("title", "questions"), optional=("intro", "pass_mark", "result_display", *QUIZ_RULES))
    quiz: dict[str, Any] = {"title": node.text("title")}
    if "intro" in node.value:
        quiz["intro"] = node.text("intro")
    if "pass_mark" in node.value:
        quiz["pass_mark"] = node.integer("pass_mark", minimum=1)
    if "result_display" in node.value:
        quiz["result_display"] = node.text("result_display")
    for rule, kind in QUIZ_RULES.items():
        if rule in node.value:
            quiz[rule] = node.integer(rule, minimum=1) if kind is int else node.boolean(rule)
    quiz["questions"] = [_question(question) for question in node.items("questions")]
    if quiz.get("questions_to_draw", 0) > len(quiz["questions"]):
        raise node.child("questions_to_draw").error(f"more than the {len(quiz['questions'])} questions")
    return quiz


def _question(node: Node) -> dict[str, Any]:
    node.fields(required=("type", "text", "choices"), optional=("explanation", "scoring"))
    kind = node.text("type")
    if kind not in QUESTION_TYPES:
        raise node.child("type").error(f"unknown question type {kind!r} (known: {', '.join(QUESTION_TYPES)})")
    question = {"type": kind, "text": node.text("text"), "explanation": node.text("explanation", "")}
    if "scoring" in node.value:
        question["scoring"] = node.text("scoring")
    question["choices"] = []
    for choice in node.items("choices", at_least=2):
        choice.fields(required=("text",), optional=("correct", "feedback"))
        question["choices"].append(
            {
                "text": choice.text("text"),
                "correct": choice.boolean("correct", False),
                "feedback": choice.text("feedback", ""),
            }
        )
    if not any(choice["correct"] for choice in question["choices"]):
        raise node.child("choices").error("no right answer: mark the right choice(s) with 'correct: true'")
    return question
