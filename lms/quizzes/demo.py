"""The demo quizzes: one published QuizPage under each demo course, from the course files
(lms/courses/demo_content/, read by ``load_course_files``).
Idempotent: a course that already has a quiz is left alone. Courses are found by slug."""

from lms.courses.demo import demo_course, load_course_files

from .blocks import MultipleScoring
from .models import QuizPage

QUIZ_SLUG = "kunskapstest"
RULES = (
    "max_attempts",
    "time_limit_minutes",
    "questions_to_draw",
    "shuffle_questions",
    "shuffle_choices",
    "result_display",
)


def load(stdout=None, courses=None) -> dict:
    """Create and publish the missing demo quizzes. ``courses`` defaults to the demo course files."""
    if courses is None:
        courses = load_course_files()
    created = 0
    for spec in courses:
        quiz_spec = spec.get("quiz")
        course = demo_course(spec["slug"])
        if not quiz_spec or course is None or QuizPage.objects.child_of(course).exists():
            continue
        quiz = QuizPage(
            title=quiz_spec["title"],
            slug=QUIZ_SLUG,
            intro=quiz_spec.get("intro", ""),
            pass_mark=quiz_spec.get("pass_mark", 80),
            questions=[_question(q) for q in quiz_spec["questions"]],
            # Rules the spec leaves out keep the model's defaults.
            **{rule: quiz_spec[rule] for rule in RULES if rule in quiz_spec},
        )
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
        created += 1
        if stdout is not None:
            stdout.write(f"Quiz: {course.title} – {quiz.title}\n")
    return {"quizzes_created": created}


def _question(spec: dict) -> tuple[str, dict]:
    value = {
        "text": spec["text"],
        "explanation": spec.get("explanation", ""),
        "choices": [
            {"text": c["text"], "correct": bool(c.get("correct")), "feedback": c.get("feedback", "")}
            for c in spec["choices"]
        ],
    }
    if spec["type"] == "multiple":
        value["scoring"] = spec.get("scoring", MultipleScoring.ALL_OR_NOTHING)
    return spec["type"], value
