"""Starting and submitting attempts: limits, time limit, snapshots, passing completes the course."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lms.courses.models import Enrolment
from lms.quizzes import services
from lms.quizzes.models import Attempt, AttemptStatus
from lms.quizzes.scoring import AnswerError

from .factories import make_course_with_quiz, make_learner, right_answers, single, wrong_answers

pytestmark = pytest.mark.django_db


def start(person, course, quiz):
    return services.attempt_start(person=person, quiz=quiz, course=course)


def submit(person, attempt, answers):
    return services.attempt_submit(person=person, attempt_id=attempt.pk, answers=answers)


def test_pass_records_quiz_and_completes_enrolment_when_lessons_done(course_quiz, learner, lessons_done):
    course, _lessons, quiz = course_quiz
    attempt = start(learner, course, quiz)
    attempt = submit(learner, attempt, right_answers(attempt))
    assert attempt.passed is True and attempt.score == 100
    enrolment = Enrolment.objects.get(person=learner, course=course)
    assert enrolment.quiz_passed_at is not None and enrolment.completed_at is not None


def test_fail_records_result_but_not_pass(course_quiz, learner):
    course, _lessons, quiz = course_quiz
    attempt = start(learner, course, quiz)
    attempt = submit(learner, attempt, wrong_answers(attempt))
    assert (attempt.status, attempt.passed, attempt.score) == (AttemptStatus.SUBMITTED, False, 0)
    assert Enrolment.objects.get(person=learner, course=course).quiz_passed_at is None


def test_start_resumes_the_open_attempt(course_quiz, learner):
    course, _lessons, quiz = course_quiz
    assert start(learner, course, quiz).pk == start(learner, course, quiz).pk
    assert Attempt.objects.count() == 1


def test_attempt_limit(db):
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"max_attempts": 2})
    person = make_learner()
    for number in (1, 2):
        attempt = start(person, course, quiz)
        assert attempt.number == number
        submit(person, attempt, wrong_answers(attempt))
    with pytest.raises(services.AttemptLimitReached):
        start(person, course, quiz)
    assert Attempt.objects.filter(person=person).count() == 2


def test_no_new_attempt_after_passing(course_quiz, learner):
    course, _lessons, quiz = course_quiz
    attempt = start(learner, course, quiz)
    submit(learner, attempt, right_answers(attempt))
    with pytest.raises(services.QuizAlreadyPassed):
        start(learner, course, quiz)


def test_replayed_submission_is_refused_and_changes_nothing(course_quiz, learner):
    course, _lessons, quiz = course_quiz
    attempt = start(learner, course, quiz)
    submit(learner, attempt, wrong_answers(attempt))
    with pytest.raises(services.AttemptClosed):
        submit(learner, attempt, right_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.passed is False


def test_someone_elses_attempt_is_not_found(course_quiz, learner):
    course, _lessons, quiz = course_quiz
    attempt = start(learner, course, quiz)
    with pytest.raises(Attempt.DoesNotExist):
        submit(make_learner(), attempt, right_answers(attempt))


def test_bad_answers_record_nothing(course_quiz, learner):
    course, _lessons, quiz = course_quiz
    attempt = start(learner, course, quiz)
    with pytest.raises(AnswerError):
        submit(learner, attempt, {})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN and attempt.answers == {}


class TestTimeLimit:
    @pytest.fixture
    def timed(self, db):
        course, _lessons, quiz = make_course_with_quiz(quiz_fields={"time_limit_minutes": 10, "max_attempts": 2})
        return course, quiz, make_learner()

    def test_deadline_is_stored_and_in_time_submission_accepted(self, timed):
        course, quiz, person = timed
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            attempt = start(person, course, quiz)
            assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
            traveller.shift(timedelta(minutes=9, seconds=59))
            assert submit(person, attempt, right_answers(attempt)).passed

    def test_late_submission_rejected_and_nothing_recorded(self, timed):
        course, quiz, person = timed
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            attempt = start(person, course, quiz)
            traveller.shift(timedelta(minutes=11))
            with pytest.raises(services.AttemptExpired):
                submit(person, attempt, right_answers(attempt))
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.OPEN and attempt.score is None

    def test_expired_attempt_counts_and_a_new_one_starts(self, timed):
        course, quiz, person = timed
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            first = start(person, course, quiz)
            traveller.shift(timedelta(minutes=11))
            second = start(person, course, quiz)
            assert second.pk != first.pk and second.number == 2
            first.refresh_from_db()
            assert first.status == AttemptStatus.EXPIRED
            traveller.shift(timedelta(minutes=11))
            with pytest.raises(services.AttemptLimitReached):
                start(person, course, quiz)


class TestDrawing:
    def test_draws_the_asked_number_and_is_reproducible_from_the_seed(self, db):
        from lms.quizzes.snapshot import draw_questions, question_pool

        questions = [single(f"F{i}?") for i in range(10)]
        course, _lessons, quiz = make_course_with_quiz(
            quiz_fields={
                "questions": questions,
                "questions_to_draw": 4,
                "shuffle_questions": True,
                "shuffle_choices": True,
            }
        )
        person = make_learner()
        attempt = start(person, course, quiz)
        assert len(attempt.questions) == 4
        again = draw_questions(
            question_pool(quiz.questions), seed=attempt.seed, count=4, shuffle_questions=True, shuffle_choices=True
        )
        assert again == attempt.questions


def test_snapshot_keeps_past_results_after_the_editor_changes_the_quiz(course_quiz, learner):
    course, _lessons, quiz = course_quiz
    attempt = start(learner, course, quiz)
    shown = attempt.questions
    first_id = shown[0]["id"]
    # The editor rewrites the first question, flips its right answer and publishes.
    draft = quiz.get_latest_revision_as_object()
    block = draft.questions[0]
    value = block.value
    value["text"] = "Omskriven fråga"
    for child in value["choices"]:
        child["correct"] = not child["correct"] and child is value["choices"][1]
    draft.save_revision().publish()
    quiz.refresh_from_db()
    assert quiz.questions[0].id == first_id  # stable id across the revision
    assert [c.id for c in quiz.questions[0].value["choices"].bound_blocks] == [c["id"] for c in shown[0]["choices"]]

    attempt = submit(learner, attempt, {q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in shown})
    assert attempt.passed and attempt.score == 100  # scored against what was shown
    attempt.refresh_from_db()
    assert attempt.questions == shown


def test_a_quiz_with_a_question_added_later_keeps_old_question_ids(course_quiz):
    _course, _lessons, quiz = course_quiz
    ids = [b.id for b in quiz.questions]
    draft = quiz.get_latest_revision_as_object()
    draft.questions.append(single("Ny fråga?"))
    draft.save_revision().publish()
    quiz.refresh_from_db()
    assert [b.id for b in quiz.questions][:3] == ids and len(quiz.questions) == 4
