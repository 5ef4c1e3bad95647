"""Writes of quiz attempts and of the result that counts. Starting, submitting and recounting each run
in one transaction on locked rows, so parallel requests can neither exceed the attempt limit, record a
result twice nor count two attempts. Whatever moves the counted flags first locks the submitted attempts
concerned, in the order of their keys (a submission also holds its own attempt, which a recount never
touches: it was open when the recount read), and only then the enrolment, to complete it: so a recount
and a submission queue, never deadlock."""

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from lms.access.rule import scope_of
from lms.courses.models import CoursePage, Enrolment
from lms.courses.services import (
    enrolment_mark_started,
    enrolment_record_quiz_pass,
    enrolment_self_enrol,
    enrolments_withdraw_quiz_pass,
)
from lms.courses.signals import quiz_results_changed
from lms.organisation.models import Person

from . import selectors
from .grading import Graded, counted_of
from .models import Attempt, AttemptStatus, QuizPage
from .scoring import score_attempt, validate_answers
from .snapshot import draw_questions, question_pool

RECOUNTED = "quizzes.recount"  # the audit log's action (registered in wagtail_hooks.py)

# A form sent in the last seconds of the limit may arrive a moment late; more than this is refused.
DEADLINE_GRACE = timedelta(seconds=10)


class QuizError(Exception):
    """A refused action, with a message for the learner and the HTTP status to show it with."""

    status = 400

    def __init__(self, message=None):
        super().__init__(message or self.default_message)
        self.message = message or self.default_message

    default_message = _("The quiz could not do that.")


class AttemptLimitReached(QuizError):
    status = 403
    default_message = _("You have used all your attempts at this quiz.")


class QuizAlreadyPassed(QuizError):
    status = 403
    default_message = _("You have already passed this quiz.")


class QuizHasNoQuestions(QuizError):
    status = 400
    default_message = _("This quiz has no questions yet.")


class AttemptClosed(QuizError):
    status = 400
    default_message = _("This attempt has already been submitted. Answers can be sent only once.")


class AttemptExpired(QuizError):
    status = 400
    default_message = _("The time limit for this attempt has passed, so the answers were not accepted.")


class NothingToRecount(QuizError):
    default_message = _("No one within your part of the group has submitted an attempt at this quiz yet.")


class NothingWouldChange(QuizError):
    default_message = _("Every result already counts by the quiz's grading method: there is nothing to recount.")


class RecountStale(QuizError):
    status = 409
    default_message = _(
        "The results changed after you looked at them (a new attempt, or another grading method). Nothing "
        "was recounted: check what would change now."
    )


@transaction.atomic
def attempt_start(*, person: Person, quiz: QuizPage, course: CoursePage) -> Attempt:
    """The person's open attempt at the quiz, or a new one with freshly drawn questions.
    Locks the enrolment row: parallel starts queue up and see each other's attempts."""
    enrolment = enrolment_self_enrol(person=person, course=course)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    now = timezone.now()
    attempts = list(selectors.person_attempts(enrolment=enrolment, quiz=quiz))
    for attempt in attempts:
        if attempt.status == AttemptStatus.OPEN:
            if attempt.deadline is None or now <= attempt.deadline + DEADLINE_GRACE:
                return Attempt.objects.get(pk=attempt.pk)
            Attempt.objects.filter(pk=attempt.pk).update(status=AttemptStatus.EXPIRED)
            attempt.status = AttemptStatus.EXPIRED
    overview = selectors.QuizOverview(enrolment, attempts, quiz.max_attempts, quiz.grading_method)
    if overview.closed:
        raise QuizAlreadyPassed()
    if not overview.may_start:
        raise AttemptLimitReached()
    pool = question_pool(quiz.questions)
    if not pool:
        raise QuizHasNoQuestions()
    seed = secrets.randbits(62)
    questions = draw_questions(
        pool,
        seed=seed,
        count=quiz.questions_to_draw,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_choices=quiz.shuffle_choices,
    )
    enrolment_mark_started(enrolment=enrolment)  # an attempt begun counts as started, whatever its result
    return Attempt.objects.create(
        quiz=quiz,
        enrolment=enrolment,
        person=person,
        number=max((a.number for a in attempts), default=0) + 1,
        seed=seed,
        revision_id=quiz.live_revision_id,
        snapshot={"pass_mark": quiz.pass_mark, "result_display": quiz.result_display, "questions": questions},
        started_at=now,
        deadline=now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
    )


@transaction.atomic
def attempt_submit(
    *, person: Person, attempt_id: int, answers: Mapping[str, Sequence[str]], language: str = ""
) -> Attempt:
    """Score the person's open attempt from its snapshot and record the result once, then count the
    enrolment's attempts by the quiz's grading method. Raises Attempt.DoesNotExist for someone else's
    attempt, QuizError or scoring.AnswerError when refused; nothing is written then. The counted
    result is handed to the courses app in the same transaction; ``language`` (the content language the
    request showed the course in) is the completion's, if the pass completes the course."""
    attempt = Attempt.objects.select_for_update(of=("self",)).select_related("quiz").get(pk=attempt_id, person=person)
    if attempt.status != AttemptStatus.OPEN:
        raise AttemptClosed()
    now = timezone.now()
    if attempt.deadline is not None and now > attempt.deadline + DEADLINE_GRACE:
        raise AttemptExpired()
    clean = validate_answers(attempt.questions, answers)
    score = score_attempt(attempt.questions, clean)
    attempt.answers = clean
    attempt.score = score.percent
    attempt.passed = score.passes(attempt.snapshot["pass_mark"])
    attempt.status = AttemptStatus.SUBMITTED
    attempt.submitted_at = now
    attempt.save(update_fields=["answers", "score", "passed", "status", "submitted_at"])
    _count(enrolment=attempt.enrolment, quiz=attempt.quiz, by=None, language=language)
    attempt.refresh_from_db(fields=["counted"])
    return attempt


def _count(*, enrolment: Enrolment, quiz: QuizPage, by, language: str) -> None:
    """Choose the enrolment's counted attempt by the quiz's grading method in force and pass it on.
    Locks the enrolment's submitted attempts (by key, as a recount does) before reading their flags."""
    rows = Attempt.objects.select_for_update().filter(enrolment=enrolment, quiz=quiz, status=AttemptStatus.SUBMITTED)
    graded = [
        (Graded(pk, n, score, passed), counted)
        for pk, n, score, passed, counted in rows.order_by("pk").values_list(
            "pk", "number", "score", "passed", "counted"
        )
    ]
    old = next((g for g, counted in graded if counted), None)
    new = counted_of([g for g, _counted in graded], quiz.grading_method)
    if new is not None and (old is None or old.pk != new.pk):
        changes = [selectors.RecountChange(enrolment.pk, old, new, completed=enrolment.is_completed)]
        _apply(changes, by=by, language=language)


def _apply(changes: Sequence["selectors.RecountChange"], *, by, language: str = "") -> list[int]:
    """Move the counted flags and hand each result to the course (a pass that may complete, a pass
    withdrawn before completion). Completed enrolments whose score changed are announced on commit, so
    their certificates print the new score. Returns the enrolments completed by it, in ``language`` (none
    for a recount: no learner's request completes them)."""
    if not changes:
        return []
    Attempt.objects.filter(pk__in=[c.old.pk for c in changes if c.old is not None]).update(counted=False)
    Attempt.objects.filter(pk__in=[c.new.pk for c in changes]).update(counted=True)
    completed = _hand_to_course(changes, language)
    reprint = [c.enrolment_id for c in changes if c.completed and c.score_changes]
    if reprint:
        transaction.on_commit(partial(quiz_results_changed.send, sender=Attempt, enrolment_ids=reprint, by=by))
    return completed


def _hand_to_course(changes: Sequence["selectors.RecountChange"], language: str) -> list[int]:
    changes = [c for c in changes if c.passed_changes]
    enrolments_withdraw_quiz_pass(enrolment_ids=[c.enrolment_id for c in changes if not c.new.passed])
    completed = []
    for change in changes:
        if change.new.passed:
            enrolment = enrolment_record_quiz_pass(enrolment=Enrolment(pk=change.enrolment_id), language=language)
            if not change.completed and enrolment.completed_at is not None:
                completed.append(change.enrolment_id)
    return completed


@dataclass(frozen=True)
class RecountOutcome:
    changed: int
    score_changes: int
    to_passed: int
    to_failed: int
    completed: int


@transaction.atomic
def quiz_recount(*, quiz: QuizPage, by, token: str) -> RecountOutcome:
    """Recount the quiz's submitted attempts within ``by``'s part of the group by its grading method now,
    as the confirmation showed (``token``, from ``selectors.recount_plan``): all or nothing, audit-logged.
    Refused with nothing written when there is nothing to recount or the plan has changed since."""
    quiz = QuizPage.objects.get(pk=quiz.pk)  # the method as published now, not as the form saw it
    list(selectors.recount_attempts(quiz=quiz, viewer=by).select_for_update(of=("self",)).order_by("pk").values("pk"))
    plan = selectors.recount_plan(quiz=quiz, viewer=by)
    if not plan.enrolments:
        raise NothingToRecount()
    if plan.token != token:
        raise RecountStale()
    if not plan.changes:
        raise NothingWouldChange()
    completed = _apply(plan.changes, by=by)
    scope = scope_of(by)
    outcome = RecountOutcome(len(plan.changes), plan.score_changes, plan.to_passed, plan.to_failed, len(completed))
    log(
        instance=quiz,
        action=RECOUNTED,
        user=by,
        data={
            "grading_method": plan.method,
            "scope": scope.unit.name if scope.is_limited and scope.unit is not None else "",
            "enrolments": plan.enrolments,
            **outcome.__dict__,
            "enrolment_ids": sorted(c.enrolment_id for c in plan.changes),
        },
    )
    return outcome
