"""Scoring as pure functions of a snapshot's questions and the learner's answers.

Credit per question is a Fraction in [0, 1]; the score is the mean credit as a percentage.
``validate_answers`` turns a raw submission into clean answers or says exactly what is wrong."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from .blocks import MultipleScoring, QuestionType

ONE_ANSWER_TYPES = {QuestionType.SINGLE, QuestionType.TRUE_FALSE, QuestionType.SCENARIO}


class AnswerError(ValueError):
    """A submission that does not fit the attempt's questions. ``missing`` lists unanswered question ids
    when that is the only fault, so the form can be shown again with the given answers kept."""

    def __init__(self, message: str, *, missing: Sequence[str] = ()):
        super().__init__(message)
        self.missing = list(missing)


def correct_ids(question: Mapping) -> set[str]:
    return {c["id"] for c in question["choices"] if c["correct"]}


def question_credit(question: Mapping, selected: Sequence[str]) -> Fraction:
    """Credit for one question. Single, true/false and scenario: the one right choice or nothing.
    Multiple, all or nothing: exactly the right set. Multiple, partial: (right picks − wrong picks)
    / number of right choices, never below zero."""
    chosen = set(selected)
    right = correct_ids(question)
    if question["type"] == QuestionType.MULTIPLE and question.get("scoring") == MultipleScoring.PARTIAL:
        if not right:
            return Fraction(0)
        return max(Fraction(0), Fraction(len(chosen & right) - len(chosen - right), len(right)))
    return Fraction(1) if chosen == right and chosen else Fraction(0)


@dataclass(frozen=True)
class Score:
    credits: dict[str, Fraction] = field(default_factory=dict)
    fraction: Fraction = Fraction(0)

    @property
    def percent(self) -> Decimal:
        """Rounded for display and storage; pass/fail is decided on the exact fraction."""
        exact = Decimal(self.fraction.numerator * 100) / Decimal(self.fraction.denominator)
        return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def passes(self, pass_mark: int) -> bool:
        return self.fraction * 100 >= pass_mark


def score_attempt(questions: Sequence[Mapping], answers: Mapping[str, Sequence[str]]) -> Score:
    if not questions:
        return Score()
    credits = {q["id"]: question_credit(q, answers.get(q["id"], ())) for q in questions}
    return Score(credits=credits, fraction=sum(credits.values(), Fraction(0)) / len(questions))


def validate_answers(questions: Sequence[Mapping], raw: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Check a submission against the attempt's own questions. Every fault but a missing answer is
    a forged or stale form; those are refused outright."""
    by_id = {q["id"]: q for q in questions}
    owner = {c["id"]: q["id"] for q in questions for c in q["choices"]}
    clean: dict[str, list[str]] = {}
    for question_id, chosen in raw.items():
        question = by_id.get(question_id)
        if question is None:
            raise AnswerError(_("The answers do not belong to this attempt's questions."))
        if len(set(chosen)) != len(chosen):
            raise AnswerError(_("The same choice was sent more than once."))
        for choice_id in chosen:
            if choice_id not in owner:
                raise AnswerError(_("One of the choices sent does not exist in this quiz."))
            if owner[choice_id] != question_id:
                raise AnswerError(_("One of the choices sent belongs to another question."))
        if question["type"] in ONE_ANSWER_TYPES and len(chosen) > 1:
            raise AnswerError(_("A question that takes one answer received several."))
        if chosen:
            clean[question_id] = list(chosen)
    missing = [q["id"] for q in questions if q["id"] not in clean]
    if missing:
        raise AnswerError(_("Answer every question before you submit."), missing=missing)
    return clean
