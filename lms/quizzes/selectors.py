"""Reads for the quiz pages, the editors' statistics and the result that counts. Each takes a fixed
number of queries.

**The attempt that counts** is the one flagged ``Attempt.counted`` (chosen by ``grading``, written by
``services``): every page, list, report and certificate reads it from here, ``counted_attempts`` for
rows, ``counted_score`` for a list counted in SQL, ``QuizOverview.counted`` for the learner's pages."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import OuterRef, Subquery

from lms.access.rule import rows_in_scope, scope_of
from lms.courses.models import CoursePage, Enrolment
from lms.courses.selectors import current_enrolment
from lms.languages.display import StreamWords, Text
from lms.organisation.models import Person

from .grading import Graded, GradingMethod, counted_of, may_retake_after_pass
from .models import Attempt, AttemptStatus, QuizPage, ResultDisplay
from .scoring import correct_ids, question_credit
from .snapshot import question_pool, worded


def quiz_course(*, quiz: QuizPage) -> CoursePage:
    """The quiz's course (its parent page), in one query."""
    return CoursePage.objects.get(path=quiz.path[: -QuizPage.steplen])


def course_quiz(*, course: CoursePage) -> QuizPage | None:
    """The course's published quiz, if it has one."""
    return QuizPage.objects.child_of(course).live().first()


def person_attempts(*, enrolment: Enrolment | None, quiz: QuizPage) -> list[Attempt]:
    if enrolment is None:
        return []
    return list(Attempt.objects.filter(enrolment=enrolment, quiz=quiz).defer("snapshot", "answers").order_by("number"))


def person_attempt(*, person: Person, quiz: QuizPage, attempt_id: int) -> Attempt | None:
    """The person's own attempt at this quiz; None for anyone else's (shown as not found)."""
    return Attempt.objects.filter(pk=attempt_id, person=person, quiz=quiz).select_related("enrolment").first()


def counted_attempts(*, enrolment_ids) -> dict[int, Attempt]:
    """The attempt that counts of each of these enrolments that has one, in one query."""
    rows = Attempt.objects.counted().filter(enrolment_id__in=list(enrolment_ids)).defer("snapshot", "answers")
    return {attempt.enrolment_id: attempt for attempt in rows}


def counted_scores(*, enrolment_ids) -> dict[int, Decimal]:
    """The counted score of each enrolment that has one: what courses' registry hands the certificates."""
    return {enrolment_id: a.score for enrolment_id, a in counted_attempts(enrolment_ids=enrolment_ids).items()}


def counted_score(enrolment_ref: str = "pk") -> Subquery:
    """The counted score as an SQL expression, for annotating a list of enrolments (``enrolment_ref``:
    the lookup of the enrolment's id in the outer query): one query for the whole list."""
    counted = Attempt.objects.counted().filter(enrolment_id=OuterRef(enrolment_ref))
    return Subquery(counted.order_by("-submitted_at").values("score")[:1])


@dataclass
class QuizOverview:
    enrolment: Enrolment | None
    attempts: list[Attempt]
    max_attempts: int | None
    grading_method: str = GradingMethod.FIRST_PASS

    @property
    def open_attempt(self) -> Attempt | None:
        return next((a for a in self.attempts if a.status == AttemptStatus.OPEN), None)

    @property
    def counted(self) -> Attempt | None:
        """The attempt that counts (its flag, as every list reads it)."""
        return next((a for a in self.attempts if a.counted), None)

    @property
    def passed(self) -> bool:
        """Whether the attempt that counts passed (without one: whether the enrolment records a pass)."""
        if (counted := self.counted) is not None:
            return bool(counted.passed)
        return bool(self.enrolment and self.enrolment.quiz_passed_at)

    @property
    def closed(self) -> bool:
        """No new attempt, whatever is left: passed under a method that ends with the pass."""
        completed = bool(self.enrolment and self.enrolment.is_completed)
        return self.passed and not may_retake_after_pass(self.grading_method, course_completed=completed)

    @property
    def attempts_left(self) -> int | None:
        return None if self.max_attempts is None else max(0, self.max_attempts - len(self.attempts))

    @property
    def may_start(self) -> bool:
        """May the learner start a new attempt now (``services.attempt_start`` asks the same)?"""
        return self.open_attempt is None and not self.closed and self.attempts_left != 0

    @property
    def review_unlocked(self) -> bool:
        """May the learner see right answers, explanations and feedback? Only once they can no longer
        use them in an attempt that counts: the quiz is closed by a pass, or every attempt is used and
        none is still open. (Under the highest or the last attempt a pass does not close it.)"""
        return self.open_attempt is None and (self.closed or self.attempts_left == 0)


def quiz_overview(*, person: Person, course: CoursePage, quiz: QuizPage) -> QuizOverview:
    enrolment = current_enrolment(person=person, course=course)
    attempts = person_attempts(enrolment=enrolment, quiz=quiz)
    return QuizOverview(enrolment, attempts, quiz.max_attempts, quiz.grading_method)


@dataclass
class ResultChoice:
    text: Text | str
    correct: bool
    chosen: bool
    feedback: Text | str


@dataclass
class ResultQuestion:
    number: int
    text: Text | str
    explanation: Text | str
    credit: Fraction
    choices: list[ResultChoice]

    @property
    def is_right(self) -> bool:
        return self.credit == 1

    @property
    def is_partly_right(self) -> bool:
        return 0 < self.credit < 1


def attempt_result_rows(*, attempt: Attempt, reveal: bool, words: StreamWords | None = None) -> list[ResultQuestion]:
    """Each question of a submitted attempt, as it was shown, with the learner's verdict, its words in
    ``words``' language where translated (``snapshot.worded``; the verdict is the snapshot's).
    With ``reveal`` every choice, the right ones marked, the feedback and the explanation; without it
    only the learner's own choices, so nothing that gives the right answer away reaches the page."""
    rows = []
    shown = worded(attempt.questions, words or StreamWords.none())
    for number, (scored, question) in enumerate(zip(attempt.questions, shown, strict=True), start=1):
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
                credit=question_credit(scored, chosen),
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


def attempt_result(*, attempt: Attempt, overview: QuizOverview, words: StreamWords | None = None) -> AttemptResult:
    """Apply the attempt's result display (as it was when the attempt started) and the rule that no right
    answer is shown while the learner may still try again, in every display. The words in ``words``'
    language where translated."""
    display = attempt.snapshot.get("result_display", ResultDisplay.WRONG)
    unlocked = overview.review_unlocked
    if display == ResultDisplay.SCORE:
        return AttemptResult(rows=None, revealed=False, answers_later=False)
    if unlocked:
        rows = attempt_result_rows(attempt=attempt, reveal=True, words=words)
        return AttemptResult(rows=rows, revealed=True, answers_later=False)
    if display == ResultDisplay.ANSWERS:
        return AttemptResult(rows=None, revealed=False, answers_later=True)
    rows = attempt_result_rows(attempt=attempt, reveal=False, words=words)
    return AttemptResult(rows=rows, revealed=False, answers_later=True)


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


# --- Recounting a quiz's results by its grading method ------------------------------------------------


@dataclass(frozen=True)
class RecountChange:
    enrolment_id: int
    old: Graded | None
    new: Graded
    completed: bool

    @property
    def score_changes(self) -> bool:
        return self.old is None or self.old.score != self.new.score

    @property
    def passed_changes(self) -> bool:
        return self.old is None or self.old.passed != self.new.passed


@dataclass(frozen=True)
class RecountPlan:
    """What recounting ``quiz`` by its grading method would change within the viewer's part of the group:
    the enrolments with submitted attempts (``enrolments``) and those whose counted attempt would move.
    ``token`` names exactly these changes: the confirmation posts it back, and a recount whose plan has
    changed meanwhile (a new attempt, another method) is refused as stale."""

    method: str
    enrolments: int
    changes: tuple[RecountChange, ...]
    token: str

    @property
    def score_changes(self) -> int:
        return sum(c.score_changes for c in self.changes)

    @property
    def to_passed(self) -> int:
        return sum(c.new.passed and c.passed_changes for c in self.changes)

    @property
    def to_failed(self) -> int:
        return sum(not c.new.passed and c.passed_changes for c in self.changes)

    @property
    def completed_to_failed(self) -> int:
        """Completed enrolments whose counted attempt would no longer pass: they stay completed."""
        return sum(c.completed and not c.new.passed and c.passed_changes for c in self.changes)

    @property
    def completed_changes(self) -> int:
        """Completed enrolments whose counted score would change: their certificates are printed again."""
        return sum(c.completed and c.score_changes for c in self.changes)


def recount_attempts(*, quiz: QuizPage, viewer):
    """The attempts a recount by ``viewer`` looks at: the quiz's submitted ones inside their part of the group."""
    return rows_in_scope(viewer, Attempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED))


def recount_plan(*, quiz: QuizPage, viewer) -> RecountPlan:
    """Recount ``quiz``'s submitted attempts inside ``viewer``'s scope by its grading method now, without
    writing: two queries (the scope, remembered on the user; the attempts, without their snapshots)."""
    rows = recount_attempts(quiz=quiz, viewer=viewer).values_list(
        "pk", "enrolment_id", "number", "score", "passed", "counted", "enrolment__completed_at"
    )
    by_enrolment: dict[int, list] = {}
    for pk, enrolment_id, number, score, passed, counted, completed_at in rows.order_by("enrolment_id", "number"):
        by_enrolment.setdefault(enrolment_id, []).append((Graded(pk, number, score, passed), counted, completed_at))
    changes = []
    for enrolment_id, graded in by_enrolment.items():
        old = next((g for g, counted, _completed in graded if counted), None)
        new = counted_of([g for g, _counted, _completed in graded], quiz.grading_method)
        if new is not None and (old is None or old.pk != new.pk):
            changes.append(RecountChange(enrolment_id, old, new, completed=graded[0][2] is not None))
    return RecountPlan(
        method=quiz.grading_method,
        enrolments=len(by_enrolment),
        changes=tuple(changes),
        token=_plan_token(quiz, scope_of(viewer), changes),
    )


def _plan_token(quiz: QuizPage, scope, changes: list[RecountChange]) -> str:
    parts = [str(quiz.pk), quiz.grading_method, scope.path if scope.is_limited else "*"]
    parts += [f"{c.enrolment_id}:{c.old.pk if c.old else '-'}>{c.new.pk}" for c in changes]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
