"""Writes of quiz attempts. Starting and submitting each run in one transaction on locked rows,
so parallel requests can neither exceed the attempt limit nor record a result twice."""

import secrets
from collections.abc import Mapping, Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.courses.models import CoursePage, Enrolment
from lms.courses.services import enrolment_mark_started, enrolment_record_quiz_pass, enrolment_self_enrol
from lms.organisation.models import Person

from .models import Attempt, AttemptStatus, QuizPage
from .scoring import score_attempt, validate_answers
from .snapshot import draw_questions, question_pool

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


@transaction.atomic
def attempt_start(*, person: Person, quiz: QuizPage, course: CoursePage) -> Attempt:
    """The person's open attempt at the quiz, or a new one with freshly drawn questions.
    Locks the enrolment row: parallel starts queue up and see each other's attempts."""
    enrolment = enrolment_self_enrol(person=person, course=course)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.quiz_passed_at is not None:
        raise QuizAlreadyPassed()
    now = timezone.now()
    attempts = list(Attempt.objects.filter(enrolment=enrolment, quiz=quiz).only("pk", "status", "deadline", "number"))
    for attempt in attempts:
        if attempt.status == AttemptStatus.OPEN:
            if attempt.deadline is None or now <= attempt.deadline + DEADLINE_GRACE:
                return Attempt.objects.get(pk=attempt.pk)
            Attempt.objects.filter(pk=attempt.pk).update(status=AttemptStatus.EXPIRED)
    if quiz.max_attempts is not None and len(attempts) >= quiz.max_attempts:
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
def attempt_submit(*, person: Person, attempt_id: int, answers: Mapping[str, Sequence[str]]) -> Attempt:
    """Score the person's open attempt from its snapshot and record the result once.
    Raises Attempt.DoesNotExist for someone else's attempt, QuizError or scoring.AnswerError when
    refused; nothing is written then. A pass is handed to the courses app in the same transaction."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt_id, person=person)
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
    if attempt.passed:
        enrolment_record_quiz_pass(enrolment=attempt.enrolment)
    return attempt
