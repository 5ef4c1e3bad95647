"""What one attempt shows: the question pool as plain data, drawn and shuffled by the attempt's seed.

Pure functions. The snapshot is stored on the attempt, so later edits of the quiz never
change what a past attempt showed or how it is scored.

**In the learner's language.** The snapshot is always the source quiz's (learners take the quiz at the
source page's address: lms.languages), answer keys included, and it is what is scored. A translation
supplies words only: ``worded`` looks each question's and choice's words up by id in the language the
page is shown in now, so a learner may switch language mid-attempt; where the translation lacks an id
the snapshot's words stay."""

import random
from collections.abc import Iterable

from lms.languages.display import StreamWords

from .blocks import MultipleScoring, QuestionType

# The words of a question and of a choice (the rest, ids, type, scoring and ``correct``, is never translated).
QUESTION_WORDS = ("text", "explanation")
CHOICE_WORDS = ("text", "feedback")


def question_pool(stream: Iterable) -> list[dict]:
    """The quiz's questions (a StreamValue) as plain dicts keyed by their stable block ids."""
    pool = []
    for block in stream:
        value = block.value
        pool.append(
            {
                "id": block.id,
                "type": block.block_type,
                "text": value["text"],
                "explanation": value.get("explanation") or "",
                "scoring": value.get("scoring") or MultipleScoring.ALL_OR_NOTHING,
                "choices": [
                    {
                        "id": child.id,
                        "text": child.value["text"],
                        "correct": bool(child.value["correct"]),
                        "feedback": child.value.get("feedback") or "",
                    }
                    for child in value["choices"].bound_blocks
                ],
            }
        )
    return pool


def draw_questions(
    pool: list[dict], *, seed: int, count: int | None, shuffle_questions: bool, shuffle_choices: bool
) -> list[dict]:
    """Draw ``count`` questions (all if None) and shuffle as asked. The same seed gives the same result.
    Drawn questions keep the editor's order unless questions are shuffled; true/false keeps its order."""
    rng = random.Random(seed)
    order = list(range(len(pool)))
    if count is not None and count < len(pool):
        order = sorted(rng.sample(order, count))
    if shuffle_questions:
        rng.shuffle(order)
    drawn = []
    for index in order:
        question = {**pool[index], "choices": list(pool[index]["choices"])}
        if shuffle_choices and question["type"] != QuestionType.TRUE_FALSE:
            rng.shuffle(question["choices"])
        drawn.append(question)
    return drawn


def worded(questions: list[dict], words: StreamWords) -> list[dict]:
    """Copies of a snapshot's questions with their words as ``display.Text``s in ``words``' language where
    the translation has them, else the snapshot's in the source language. For showing only: scoring
    reads the snapshot itself."""
    return [
        {
            **words.worded(question, QUESTION_WORDS),
            "choices": [words.worded(choice, CHOICE_WORDS) for choice in question["choices"]],
        }
        for question in questions
    ]


def public_questions(questions: list[dict]) -> list[dict]:
    """What the take page may show: texts and ids only. Right answers, explanations and feedback stay
    on the server until the attempt is submitted."""
    return [
        {
            "id": q["id"],
            "type": q["type"],
            "text": q["text"],
            "choices": [{"id": c["id"], "text": c["text"]} for c in q["choices"]],
        }
        for q in questions
    ]
