"""Quizzes for tests: question stream data, quiz pages published under a course, learners."""

import itertools

from lms.courses.models import CoursePage
from lms.quizzes.models import QuizPage
from tests.courses.factories import make_course
from tests.factories import PersonFactory

_counter = itertools.count(1)


def choice(text: str, correct: bool = False, feedback: str = "") -> dict:
    return {"text": text, "correct": correct, "feedback": feedback}


def single(text: str = "", *, right: int = 0, n: int = 3, explanation: str = "") -> tuple:
    text = text or f"Fråga {next(_counter)}?"
    return (
        "single",
        {
            "text": text,
            "explanation": explanation or f"Förklaring till {text}",
            "choices": [choice(f"{text} svar {i}", i == right) for i in range(n)],
        },
    )


def multiple(text: str = "Vilka stämmer?", *, right=(0, 1), n: int = 4, scoring: str = "all_or_nothing") -> tuple:
    return (
        "multiple",
        {
            "text": text,
            "explanation": "Förklaring flerval",
            "scoring": scoring,
            "choices": [choice(f"{text} val {i}", i in right) for i in range(n)],
        },
    )


def true_false(text: str = "Påståendet stämmer.", *, true: bool = True) -> tuple:
    return (
        "true_false",
        {"text": text, "explanation": "", "choices": [choice("Sant", true), choice("Falskt", not true)]},
    )


def scenario(text: str = "Vad gör du?", *, right: int = 0, n: int = 3) -> tuple:
    return (
        "scenario",
        {
            "text": text,
            "explanation": "Förklaring scenario",
            "choices": [choice(f"Scenarioval {i}", i == right, f"Återkoppling {i}") for i in range(n)],
        },
    )


def make_quiz(course: CoursePage, *, questions=None, publish: bool = True, **fields) -> QuizPage:
    quiz = QuizPage(
        title=fields.pop("title", "Kunskapstest"),
        slug=fields.pop("slug", "kunskapstest"),
        questions=questions if questions is not None else [single(), single(), single()],
        **{"pass_mark": 60, **fields},
    )
    course.add_child(instance=quiz)
    if publish:
        quiz.save_revision().publish()
        quiz.refresh_from_db()
    return quiz


def make_course_with_quiz(*, lessons: int = 1, title: str = "Likabehandling", quiz_fields=None, **course_fields):
    course, made = make_course(lessons=lessons, title=title, ends_with_quiz=True, **course_fields)
    return course, made, make_quiz(course, **(quiz_fields or {}))


def make_learner(**fields):
    return PersonFactory(**fields)


def right_answers(attempt) -> dict[str, list[str]]:
    return {q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in attempt.questions}


def wrong_answers(attempt) -> dict[str, list[str]]:
    return {q["id"]: [next(c["id"] for c in q["choices"] if not c["correct"])] for q in attempt.questions}


def as_post(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{qid}": ids for qid, ids in answers.items()}
