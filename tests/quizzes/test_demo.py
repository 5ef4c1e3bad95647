"""The demo quiz loader: idempotent, valid questions, against an inline fixture and the real content."""

import pytest

from lms.quizzes import demo
from lms.quizzes.blocks import QuestionStreamBlock
from lms.quizzes.models import QuizPage, ResultDisplay
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db

FIXTURE = [
    {
        "slug": "demokrati-i-vardagen",
        "quiz": {
            "title": "Kunskapstest",
            "intro": "Fem frågor.",
            "pass_mark": 80,
            "questions": [
                {
                    "type": "single",
                    "text": "Vem utgår makten från?",
                    "explanation": "Folket.",
                    "choices": [
                        {"text": "Folket", "correct": True, "feedback": ""},
                        {"text": "Kungen", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "multiple",
                    "text": "Vilka?",
                    "explanation": "",
                    "choices": [
                        {"text": "A", "correct": True, "feedback": ""},
                        {"text": "B", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": "Sant?",
                    "explanation": "",
                    "choices": [
                        {"text": "Sant", "correct": True, "feedback": ""},
                        {"text": "Falskt", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": "Vad gör du?",
                    "explanation": "",
                    "choices": [
                        {"text": "Rätt", "correct": True, "feedback": "Bra."},
                        {"text": "Fel", "correct": False, "feedback": "Nej."},
                    ],
                },
            ],
        },
    },
    {"slug": "finns-inte", "quiz": {"title": "X", "questions": []}},
]


def assert_valid(quiz):
    block = QuestionStreamBlock()
    block.clean(quiz.questions)  # the admin's validation accepts every question


def test_loader_creates_publishes_and_is_idempotent():
    course, _ = make_course(lessons=1, title="Demokrati i vardagen")
    assert demo.load(courses=FIXTURE) == {"quizzes_created": 1}
    quiz = QuizPage.objects.child_of(course).get()
    assert quiz.live and quiz.live_revision_id and len(quiz.questions) == 4 and quiz.pass_mark == 80
    assert_valid(quiz)
    ids = [b.id for b in quiz.questions]
    assert demo.load(courses=FIXTURE) == {"quizzes_created": 0}
    quiz.refresh_from_db()
    assert [b.id for b in quiz.questions] == ids


def test_loader_with_the_real_demo_content():
    from home.demo import _home_page
    from lms.courses import demo as course_demo

    _home_page()
    course_demo.load()
    assert demo.load()["quizzes_created"] == sum(1 for c in course_demo.load_course_files() if c.get("quiz"))
    for quiz in QuizPage.objects.live():
        assert_valid(quiz)
        # A retake is not the same test: drawn from a larger pool, shuffled, and a limit on attempts.
        assert quiz.questions_to_draw and quiz.questions_to_draw < len(quiz.questions)
        assert quiz.shuffle_questions and quiz.shuffle_choices and quiz.max_attempts
        assert quiz.result_display == ResultDisplay.WRONG and quiz.answer_leak_warning() is None
    assert demo.load()["quizzes_created"] == 0


def test_the_course_files_know_every_question_type_and_no_other():
    # Courses sit below quizzes, so the course files' reader names the types itself.
    from lms.courses.demo import QUESTION_TYPES
    from lms.quizzes.blocks import QuestionStreamBlock

    assert set(QUESTION_TYPES) == set(QuestionStreamBlock.base_blocks)
