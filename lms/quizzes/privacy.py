"""The quizzes app's section of a person's register extract: every quiz attempt with its answers.

Registered from this app's AppConfig.ready(); the label is kept (and translated) in
lms/organisation/privacy.py. There is nothing to erase: an attempt holds the questions
shown, the choices picked (ids, no free text), the score and whether it passed. Once
the person is anonymised that is no longer personal data, and the question statistics
and the course figures need it.
"""

from lms.organisation.privacy import QUIZZES_LABEL, iso, register_personal_data_section

from .models import Attempt


def _answers(attempt: Attempt) -> list[dict]:
    """The questions of the attempt in the order shown, each with the texts of the choices picked."""
    given = attempt.answers or {}
    answers = []
    for question in attempt.questions:
        texts = {c["id"]: c["text"] for c in question["choices"]}
        answers.append(
            {"question": question["text"], "answer": [texts.get(cid, cid) for cid in given.get(question["id"], ())]}
        )
    return answers


def quizzes_section(person) -> dict:
    attempts = (
        Attempt.objects.filter(person=person).select_related("quiz", "enrolment__course").order_by("started_at", "pk")
    )
    return {
        "attempts": [
            {
                "course": attempt.enrolment.course.title,
                "quiz": attempt.quiz.title,
                "number": attempt.number,
                "status": str(attempt.get_status_display()),
                "started_at": iso(attempt.started_at),
                "deadline": iso(attempt.deadline),
                "submitted_at": iso(attempt.submitted_at),
                "score": float(attempt.score) if attempt.score is not None else None,
                "passed": attempt.passed,
                "answers": _answers(attempt),
            }
            for attempt in attempts
        ]
    }


register_personal_data_section("quizzes", QUIZZES_LABEL, quizzes_section)
