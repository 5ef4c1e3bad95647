"""Scoring, validation and drawing as pure functions: no database."""

from fractions import Fraction

import pytest

from lms.quizzes.scoring import AnswerError, question_credit, score_attempt, validate_answers
from lms.quizzes.snapshot import draw_questions, public_questions


def q(qid, qtype, correct, n=4, scoring="all_or_nothing"):
    return {
        "id": qid,
        "type": qtype,
        "text": f"text {qid}",
        "explanation": "why",
        "scoring": scoring,
        "choices": [{"id": f"{qid}{i}", "text": str(i), "correct": i in correct, "feedback": "fb"} for i in range(n)],
    }


SINGLE = q("s", "single", {1})
TRUE_FALSE = q("t", "true_false", {0}, n=2)
SCENARIO = q("c", "scenario", {2}, n=3)
ALL = q("a", "multiple", {0, 1})
PARTIAL = q("p", "multiple", {0, 1, 2}, scoring="partial")


@pytest.mark.parametrize(
    ("question", "selected", "credit"),
    [
        (SINGLE, ["s1"], 1),
        (SINGLE, ["s0"], 0),
        (SINGLE, [], 0),
        (TRUE_FALSE, ["t0"], 1),
        (TRUE_FALSE, ["t1"], 0),
        (SCENARIO, ["c2"], 1),
        (SCENARIO, ["c0"], 0),
        (ALL, ["a0", "a1"], 1),
        (ALL, ["a0"], 0),
        (ALL, ["a0", "a1", "a2"], 0),
        (ALL, [], 0),
        (PARTIAL, ["p0", "p1", "p2"], 1),
        (PARTIAL, ["p0", "p1"], Fraction(2, 3)),
        (PARTIAL, ["p0"], Fraction(1, 3)),
        (PARTIAL, ["p0", "p1", "p3"], Fraction(1, 3)),
        (PARTIAL, ["p0", "p3"], 0),
        (PARTIAL, ["p3"], 0),  # never below zero
        (PARTIAL, ["p0", "p1", "p2", "p3"], Fraction(2, 3)),
    ],
)
def test_question_credit(question, selected, credit):
    assert question_credit(question, selected) == credit


@pytest.mark.parametrize(
    ("answers", "percent", "passes_60", "passes_67"),
    [
        ({"s": ["s1"], "a": ["a0", "a1"], "p": ["p0", "p1"]}, "88.89", True, True),
        ({"s": ["s1"], "a": ["a0"], "p": ["p0", "p1", "p2"]}, "66.67", True, False),
        ({"s": ["s0"], "a": ["a0"], "p": ["p3"]}, "0.00", False, False),
    ],
)
def test_score_attempt_percent_and_pass_on_exact_fraction(answers, percent, passes_60, passes_67):
    score = score_attempt([SINGLE, ALL, PARTIAL], answers)
    assert str(score.percent) == percent
    assert score.passes(60) is passes_60
    assert score.passes(67) is passes_67


def test_pass_mark_boundary_is_inclusive():
    score = score_attempt([SINGLE, TRUE_FALSE], {"s": ["s1"], "t": ["t1"]})
    assert score.passes(50) and not score.passes(51)


QUESTIONS = [SINGLE, ALL]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"s": ["zz"], "a": ["a0"]}, "does not exist"),
        ({"s": ["a0"], "a": ["a1"]}, "another question"),
        ({"s": ["s1", "s1"], "a": ["a0"]}, "more than once"),
        ({"s": ["s1", "s2"], "a": ["a0"]}, "several"),
        ({"s": ["s1"], "a": ["a0"], "x": ["x0"]}, "do not belong"),
    ],
)
def test_validate_refuses_forged_answers(raw, message, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(AnswerError) as caught:
        validate_answers(QUESTIONS, raw)
    assert message in str(caught.value) and caught.value.missing == []


def test_validate_reports_missing_answers():
    with pytest.raises(AnswerError) as caught:
        validate_answers(QUESTIONS, {"s": ["s1"], "a": []})
    assert caught.value.missing == ["a"]


def test_validate_accepts_a_full_answer():
    assert validate_answers(QUESTIONS, {"s": ["s1"], "a": ["a1", "a0"]}) == {"s": ["s1"], "a": ["a1", "a0"]}


POOL = [q(f"q{i}", "single", {0}) for i in range(10)] + [q("tf", "true_false", {0}, n=2)]


def test_drawing_is_deterministic_per_seed_and_differs_between_seeds():
    kwargs = {"count": 5, "shuffle_questions": True, "shuffle_choices": True}
    first = draw_questions(POOL, seed=42, **kwargs)
    assert first == draw_questions(POOL, seed=42, **kwargs)
    assert len(first) == 5 and len({x["id"] for x in first}) == 5
    others = {tuple(x["id"] for x in draw_questions(POOL, seed=s, **kwargs)) for s in range(20)}
    assert len(others) > 1


def test_drawing_without_shuffle_keeps_editor_order_and_choices():
    drawn = draw_questions(POOL, seed=7, count=4, shuffle_questions=False, shuffle_choices=False)
    positions = [POOL.index(next(p for p in POOL if p["id"] == x["id"])) for x in drawn]
    assert positions == sorted(positions)
    assert all(x["choices"] == next(p for p in POOL if p["id"] == x["id"])["choices"] for x in drawn)


def test_shuffle_keeps_true_false_order_and_all_choices():
    for seed in range(10):
        for x in draw_questions(POOL, seed=seed, count=None, shuffle_questions=True, shuffle_choices=True):
            original = next(p for p in POOL if p["id"] == x["id"])
            assert sorted(c["id"] for c in x["choices"]) == sorted(c["id"] for c in original["choices"])
            if x["type"] == "true_false":
                assert x["choices"] == original["choices"]
    assert draw_questions(POOL, seed=1, count=None, shuffle_questions=False, shuffle_choices=False) == POOL


def test_public_questions_carry_no_answers():
    text = repr(public_questions(POOL))
    assert "correct" not in text and "why" not in text and "fb" not in text
