"""Parallel requests on the real PostgreSQL: one result per attempt, never more attempts than the limit."""

import threading

import pytest
from django.db import close_old_connections, connection

from lms.quizzes import services
from lms.quizzes.models import Attempt, AttemptStatus

from .factories import make_course_with_quiz, make_learner, right_answers, wrong_answers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


def run_parallel(func, n=THREADS):
    barrier = threading.Barrier(n)
    outcomes: list = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            result = func()
        except Exception as exc:  # noqa: BLE001 - each outcome is asserted below
            result = exc
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    return outcomes


def test_twenty_simultaneous_submissions_record_one_result(require_postgres):
    course, _lessons, quiz = make_course_with_quiz()
    person = make_learner()
    attempt = services.attempt_start(person=person, quiz=quiz, course=course)
    answers = right_answers(attempt)

    outcomes = run_parallel(lambda: services.attempt_submit(person=person, attempt_id=attempt.pk, answers=answers))

    accepted = [o for o in outcomes if isinstance(o, Attempt)]
    refused = [o for o in outcomes if isinstance(o, services.AttemptClosed)]
    assert len(accepted) == 1 and len(refused) == THREADS - 1, outcomes
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.passed
    assert attempt.enrolment.quiz_passed_at is not None


def test_parallel_starts_cannot_exceed_the_attempt_limit(require_postgres):
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"max_attempts": 3})
    person = make_learner()

    def start_and_fail_until_refused():
        # Each thread keeps going until it is refused, so the limit is reached whatever the timing (how many
        # threads resume an attempt another one is still submitting depends on how long a submission takes).
        for _round in range(quiz.max_attempts + 1):
            try:
                attempt = services.attempt_start(person=person, quiz=quiz, course=course)
            except services.AttemptLimitReached as refused:
                return refused
            wrong = {q["id"]: [next(c["id"] for c in q["choices"] if not c["correct"])] for q in attempt.questions}
            try:
                services.attempt_submit(person=person, attempt_id=attempt.pk, answers=wrong)
            except services.AttemptClosed:
                pass  # another thread resumed and submitted the same open attempt
        return AssertionError("never refused")

    outcomes = run_parallel(start_and_fail_until_refused)
    assert all(isinstance(o, services.AttemptLimitReached) for o in outcomes), outcomes
    attempts = Attempt.objects.filter(person=person, quiz=quiz)
    assert attempts.count() == 3
    assert sorted(attempts.values_list("number", flat=True)) == [1, 2, 3]
    assert attempts.counted().get().number == 3  # the latest, none having passed


def test_parallel_first_starts_share_one_open_attempt(require_postgres):
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"max_attempts": 1})
    person = make_learner()
    outcomes = run_parallel(lambda: services.attempt_start(person=person, quiz=quiz, course=course))
    assert all(isinstance(o, Attempt) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert Attempt.objects.filter(person=person).count() == 1


def test_a_recount_and_submissions_at_once_queue_and_leave_one_counted_attempt_each(require_postgres):
    from lms.quizzes import selectors
    from lms.quizzes.grading import Graded, counted_of
    from tests.factories import hr_user

    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"grading_method": "highest", "max_attempts": None})
    people = [make_learner() for _ in range(THREADS - 1)]
    for person in people:  # a pass, then a lower retake: "last" would count the retake
        for right in (True, False):
            attempt = services.attempt_start(person=person, quiz=quiz, course=course)
            answers = right_answers(attempt) if right else wrong_answers(attempt)
            services.attempt_submit(person=person, attempt_id=attempt.pk, answers=answers)
    open_attempts = {p.pk: services.attempt_start(person=p, quiz=quiz, course=course) for p in people}
    quiz.grading_method = "last"
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    hr = hr_user()
    token = selectors.recount_plan(quiz=quiz, viewer=hr).token
    barrier_index = iter(range(THREADS))
    lock = threading.Lock()

    def act():
        with lock:
            index = next(barrier_index)
        if index == 0:
            return services.quiz_recount(quiz=quiz, by=hr, token=token)
        person = people[index - 1]
        attempt = open_attempts[person.pk]
        return services.attempt_submit(person=person, attempt_id=attempt.pk, answers=right_answers(attempt))

    outcomes = run_parallel(act)
    unexpected = [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, services.RecountStale)]
    assert not unexpected, unexpected  # no deadlock, no constraint broken
    for person in people:
        rows = Attempt.objects.filter(person=person, quiz=quiz, status=AttemptStatus.SUBMITTED)
        graded = [Graded(a.pk, a.number, a.score, a.passed) for a in rows]
        assert list(rows.counted().values_list("pk", flat=True)) == [counted_of(graded, "last").pk]
