"""The quizzes app's section of a person's register extract: every quiz attempt with its answers.

Registered from this app's AppConfig.ready(), with its label and its keys' labels.
There is nothing to erase: an attempt holds the questions
shown, the choices picked (ids, no free text), the score and whether it passed. Once
the person is anonymised that is no longer personal data, and the question statistics
and the course figures need it.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import Attempt

QUIZZES_LABEL = pgettext_lazy("personal data", "Quiz attempts and answers")

KEY_LABELS = {
    "attempts": pgettext_lazy("personal data", "Quiz attempts"),
    "quiz": pgettext_lazy("personal data", "Quiz"),
    "number": pgettext_lazy("personal data", "Attempt number"),
    "status": pgettext_lazy("personal data", "Status"),
    "deadline": pgettext_lazy("personal data", "Time limit ends"),
    "submitted_at": pgettext_lazy("personal data", "Submitted"),
    "score": pgettext_lazy("personal data", "Score (percent)"),
    "passed": pgettext_lazy("personal data", "Passed"),
    "counted": pgettext_lazy("personal data", "The attempt that counts"),
    "answers": pgettext_lazy("personal data", "Answers"),
    "question": pgettext_lazy("personal data", "Question"),
    "answer": pgettext_lazy("personal data", "Your answer"),
}


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
                "counted": attempt.counted,
                "answers": _answers(attempt),
            }
            for attempt in attempts
        ]
    }


register_personal_data_section("quizzes", QUIZZES_LABEL, quizzes_section, key_labels=KEY_LABELS)
