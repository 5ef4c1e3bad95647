"""Reads for the quiz pages and the editors' statistics. Each takes a fixed number of queries."""

from dataclasses import dataclass, field
from fractions import Fraction

from lms.access.rule import rows_in_scope
from lms.courses.models import CoursePage, Enrolment
from lms.courses.selectors import current_enrolment
from lms.organisation.models import Person

from .models import Attempt, AttemptStatus, QuizPage, ResultDisplay
from .scoring import correct_ids, question_credit
from .snapshot import question_pool


def quiz_course(*, quiz: QuizPage) -> CoursePage:
    """The quiz's course (its parent page), in one query."""
    return CoursePage.objects.get(path=quiz.path[: -QuizPage.steplen])


def person_attempts(*, enrolment: Enrolment | None, quiz: QuizPage) -> list[Attempt]:
    if enrolment is None:
        return []
    return list(Attempt.objects.filter(enrolment=enrolment, quiz=quiz).defer("snapshot").order_by("number"))


def person_attempt(*, person: Person, quiz: QuizPage, attempt_id: int) -> Attempt | None:
    """The person's own attempt at this quiz; None for anyone else's (shown as not found)."""
    return Attempt.objects.filter(pk=attempt_id, person=person, quiz=quiz).select_related("enrolment").first()


@dataclass
class QuizOverview:
    enrolment: Enrolment | None
    attempts: list[Attempt]
    max_attempts: int | None

    @property
    def open_attempt(self) -> Attempt | None:
        return next((a for a in self.attempts if a.status == AttemptStatus.OPEN), None)

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts) or bool(self.enrolment and self.enrolment.quiz_passed_at)

    @property
    def attempts_left(self) -> int | None:
        return None if self.max_attempts is None else max(0, self.max_attempts - len(self.attempts))

    @property
    def review_unlocked(self) -> bool:
        """May the learner see right answers, explanations and feedback? Only once they can no longer
        use them to pass: the quiz is passed, or every attempt is used and none is still open."""
        return self.passed or (self.attempts_left == 0 and self.open_attempt is None)


def quiz_overview(*, person: Person, course: CoursePage, quiz: QuizPage) -> QuizOverview:
    enrolment = current_enrolment(person=person, course=course)
    return QuizOverview(enrolment, person_attempts(enrolment=enrolment, quiz=quiz), quiz.max_attempts)


@dataclass
class ResultChoice:
    text: str
    correct: bool
    chosen: bool
    feedback: str


@dataclass
class ResultQuestion:
    number: int
    text: str
    explanation: str
    credit: Fraction
    choices: list[ResultChoice]

    @property
    def is_right(self) -> bool:
        return self.credit == 1

    @property
    def is_partly_right(self) -> bool:
        return 0 < self.credit < 1


def attempt_result_rows(*, attempt: Attempt, reveal: bool) -> list[ResultQuestion]:
    """Each question of a submitted attempt, as it was shown, with the learner's verdict.
    With ``reveal`` every choice, the right ones marked, the feedback and the explanation; without it
    only the learner's own choices, so nothing that gives the right answer away reaches the page."""
    rows = []
    for number, question in enumerate(attempt.questions, start=1):
        chosen = set(attempt.answers.get(question["id"], ()))
        if reveal:
            choices = [
                ResultChoice(c["text"], c["correct"], c["id"] in chosen, c["feedback"]) for c in question["choices"]
            ]
        else:
            choices = [ResultChoice(c["text"], False, True, "") for c in question["choices"] if c["id"] in chosen]
        rows.append(
            ResultQuestion(
                number=number,
                text=question["text"],
                explanation=question["explanation"] if reveal else "",
                credit=question_credit(question, chosen),
                choices=choices,
            )
        )
    return rows


@dataclass
class AttemptResult:
    """What the result page may show of one attempt. ``rows`` is None when no question list is shown."""

    rows: list[ResultQuestion] | None
    revealed: bool
    # The right answers are held back now but will be shown (passed or out of attempts).
    answers_later: bool


def attempt_result(*, attempt: Attempt, overview: QuizOverview) -> AttemptResult:
    """Apply the attempt's result display (as it was when the attempt started) and the rule that no right
    answer is shown while the learner may still try again, in every display."""
    display = attempt.snapshot.get("result_display", ResultDisplay.WRONG)
    unlocked = overview.review_unlocked
    if display == ResultDisplay.SCORE:
        return AttemptResult(rows=None, revealed=False, answers_later=False)
    if unlocked:
        return AttemptResult(rows=attempt_result_rows(attempt=attempt, reveal=True), revealed=True, answers_later=False)
    if display == ResultDisplay.ANSWERS:
        return AttemptResult(rows=None, revealed=False, answers_later=True)
    return AttemptResult(rows=attempt_result_rows(attempt=attempt, reveal=False), revealed=False, answers_later=True)


@dataclass
class ChoiceStats:
    id: str
    text: str
    correct: bool
    picked: int = 0


@dataclass
class QuestionStats:
    id: str
    text: str
    type: str
    in_quiz: bool
    answered: int = 0
    right: int = 0
    choices: dict[str, ChoiceStats] = field(default_factory=dict)

    @property
    def percent_right(self) -> int | None:
        return round(100 * self.right / self.answered) if self.answered else None

    @property
    def choice_list(self) -> list[ChoiceStats]:
        return list(self.choices.values())

    def choice_percent(self, choice: ChoiceStats) -> int:
        return round(100 * choice.picked / self.answered) if self.answered else 0


@dataclass
class QuizStatistics:
    """The figures of a quiz as one viewer may see them: over the attempts inside their scope."""

    submitted: int
    questions: list[QuestionStats]


def question_statistics(*, quiz: QuizPage, viewer) -> QuizStatistics:
    """Per question (by its stable id): how many answered it, the share fully right and how often each
    choice was picked, over the submitted attempts of people inside ``viewer``'s scope (the access
    rule: a user limited to one administration counts that administration's attempts only).
    Two queries (the scope, remembered on the user; the attempts, streamed): the snapshots carry all we
    need. Current questions come first in the editor's order, with current texts; questions since
    removed follow."""
    stats: dict[str, QuestionStats] = {}
    for question in question_pool(quiz.questions):
        stats[question["id"]] = _question_stats(question, in_quiz=True)
    attempts = rows_in_scope(viewer, Attempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED))
    submitted = 0
    for snapshot, answers in attempts.values_list("snapshot", "answers").iterator(chunk_size=500):
        submitted += 1
        for question in snapshot["questions"]:
            row = stats.get(question["id"])
            if row is None:
                row = stats[question["id"]] = _question_stats(question, in_quiz=False)
            chosen = answers.get(question["id"], ())
            row.answered += 1
            row.right += question_credit(question, chosen) == 1
            for choice_id in chosen:
                if choice_id not in row.choices:
                    choice = next(c for c in question["choices"] if c["id"] == choice_id)
                    row.choices[choice_id] = ChoiceStats(choice_id, choice["text"], choice["correct"])
                row.choices[choice_id].picked += 1
    return QuizStatistics(submitted=submitted, questions=list(stats.values()))


def _question_stats(question: dict, *, in_quiz: bool) -> QuestionStats:
    right = correct_ids(question)
    return QuestionStats(
        id=question["id"],
        text=question["text"],
        type=question["type"],
        in_quiz=in_quiz,
        choices={c["id"]: ChoiceStats(c["id"], c["text"], c["id"] in right) for c in question["choices"]},
    )
