"""The grading method: which attempt counts under first passing / highest / last, with several attempts, and
what follows it (passed status, the course's completion, the certificate's score); the learner's pages."""

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate, CertificateRenderBatch
from lms.courses.models import Enrolment
from lms.courses.services import lesson_mark_done
from lms.quizzes import selectors, services
from lms.quizzes.grading import Graded, GradingMethod, counted_of
from lms.quizzes.models import Attempt
from tests.certificates.factories import CertificateTemplateFactory

from .factories import make_course_with_quiz, make_learner

pytestmark = pytest.mark.django_db

# The quiz of make_course_with_quiz: three single-choice questions, pass mark 60 %.
SCORES = {0: Decimal("0"), 1: Decimal("33.33"), 2: Decimal("66.67"), 3: Decimal("100")}


def answers_with(attempt, right: int) -> dict[str, list[str]]:
    """Answers with the first ``right`` questions right and the others wrong."""
    answers = {}
    for index, question in enumerate(attempt.questions):
        wanted = index < right
        answers[question["id"]] = [next(c["id"] for c in question["choices"] if c["correct"] == wanted)]
    return answers


def take(person, course, quiz, right: int) -> Attempt:
    attempt = services.attempt_start(person=person, quiz=quiz, course=course)
    return services.attempt_submit(person=person, attempt_id=attempt.pk, answers=answers_with(attempt, right))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as a request would: what it asks for on commit (certificates) runs too."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def counted(person, course) -> Attempt | None:
    enrolment = Enrolment.objects.get(person=person, course=course)
    return selectors.counted_attempts(enrolment_ids=[enrolment.pk]).get(enrolment.pk)


def certificate_score(person, course):
    certificate = Certificate.objects.get(person=person, course=course)
    return certificate_services.certificate_data(certificate).score


@pytest.fixture
def certified(db, home_page):
    """A course (one lesson) with a certificate, ending with the three-question quiz; attempts unlimited."""

    def make(method, **quiz_fields):
        template = CertificateTemplateFactory()
        course, lessons, quiz = make_course_with_quiz(
            quiz_fields={"grading_method": method, "max_attempts": None, **quiz_fields}
        )
        from lms.certificates.models import CourseCertificate

        CourseCertificate.objects.create(course=course, template=template)
        return course, lessons, quiz

    return make


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (GradingMethod.FIRST_PASS, 2),  # the first that passed
        (GradingMethod.HIGHEST, 3),  # the best pass
        (GradingMethod.LAST, 4),  # the latest, though failed
    ],
)
def test_which_attempt_counts(method, expected):
    attempts = [
        Graded(1, 1, Decimal("40"), False),
        Graded(2, 2, Decimal("70"), True),
        Graded(3, 3, Decimal("90"), True),
        Graded(4, 4, Decimal("50"), False),
    ]
    assert counted_of(attempts, method).number == expected


def test_highest_prefers_a_pass_to_a_higher_fail_and_the_earlier_of_equals():
    # A pass mark raised between attempts: 85 failed at 90 %, 80 passed at 75 %.
    assert counted_of([Graded(1, 1, Decimal("85"), False), Graded(2, 2, Decimal("80"), True)], "highest").number == 2
    assert counted_of([Graded(1, 1, Decimal("80"), True), Graded(2, 2, Decimal("80"), True)], "highest").number == 1
    assert counted_of([], "highest") is None
    assert counted_of([Graded(1, 1, Decimal("10"), False), Graded(2, 2, Decimal("5"), False)], "first_pass").number == 2


def test_first_passing_attempt_counts_and_closes_the_quiz(certified, committed):
    course, lessons, quiz = certified(GradingMethod.FIRST_PASS)
    person = make_learner()
    committed(lesson_mark_done, person=person, lesson=lessons[0])
    committed(take, person, course, quiz, 1)
    assert (counted(person, course).number, counted(person, course).passed) == (1, False)
    committed(take, person, course, quiz, 2)
    with pytest.raises(services.QuizAlreadyPassed):
        services.attempt_start(person=person, quiz=quiz, course=course)
    result = counted(person, course)
    assert (result.number, result.score, result.passed) == (2, SCORES[2], True)
    assert Enrolment.objects.get(person=person, course=course).is_completed
    assert certificate_score(person, course) == SCORES[2]


def test_highest_result_counts_and_a_retake_after_completion_only_raises_it(certified, committed):
    course, lessons, quiz = certified(GradingMethod.HIGHEST)
    person = make_learner()
    committed(lesson_mark_done, person=person, lesson=lessons[0])
    committed(take, person, course, quiz, 2)  # passes and completes the course
    assert Enrolment.objects.get(person=person, course=course).is_completed
    assert certificate_score(person, course) == SCORES[2]

    committed(take, person, course, quiz, 1)  # lower: the pass still counts, nothing is printed again
    assert (counted(person, course).number, counted(person, course).passed) == (1, True)
    assert not CertificateRenderBatch.objects.exists()

    committed(take, person, course, quiz, 3)  # higher: it counts, and the certificate is printed again with it
    result = counted(person, course)
    assert (result.number, result.score, result.passed) == (3, SCORES[3], True)
    assert certificate_score(person, course) == SCORES[3]
    batch = CertificateRenderBatch.objects.get()
    assert (batch.total, batch.done) == (1, 1)
    certificate = Certificate.objects.get(person=person, course=course)
    text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text())
    assert "Resultat på kunskapstestet 100 %" in text


def test_last_attempt_counts_before_completion_and_completion_closes_the_quiz(certified, committed):
    course, lessons, quiz = certified(GradingMethod.LAST)
    person = make_learner()
    committed(take, person, course, quiz, 3)  # passed, but the lesson is not done yet
    assert Enrolment.objects.get(person=person, course=course).quiz_passed_at is not None

    committed(take, person, course, quiz, 1)  # the last counts, though lower: the quiz is no longer passed
    result = counted(person, course)
    assert (result.number, result.score, result.passed) == (2, SCORES[1], False)
    committed(lesson_mark_done, person=person, lesson=lessons[0])
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert enrolment.quiz_passed_at is None and not enrolment.is_completed

    committed(take, person, course, quiz, 2)  # passes again: the course completes with this score
    assert Enrolment.objects.get(person=person, course=course).is_completed
    assert certificate_score(person, course) == SCORES[2]
    with pytest.raises(services.QuizAlreadyPassed):
        services.attempt_start(person=person, quiz=quiz, course=course)


def test_a_completion_stays_when_a_recount_makes_the_last_attempt_count(certified, committed):
    course, lessons, quiz = certified(GradingMethod.HIGHEST)
    person = make_learner()
    committed(lesson_mark_done, person=person, lesson=lessons[0])
    committed(take, person, course, quiz, 3)
    committed(take, person, course, quiz, 0)
    quiz.grading_method = GradingMethod.LAST
    quiz.save_revision().publish()

    assert counted(person, course).number == 1  # changing the method recounts nothing
    assert certificate_score(person, course) == SCORES[3]

    from tests.factories import hr_user

    hr = hr_user()
    plan = selectors.recount_plan(quiz=quiz, viewer=hr)
    assert (len(plan.changes), plan.to_failed, plan.completed_to_failed, plan.completed_changes) == (1, 1, 1, 1)
    committed(services.quiz_recount, quiz=quiz, by=hr, token=plan.token)
    result = counted(person, course)
    assert (result.number, result.score, result.passed) == (2, SCORES[0], False)
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert enrolment.is_completed and enrolment.quiz_passed_at is not None  # a completion is never undone
    assert Certificate.objects.get(enrolment=enrolment).revoked_at is None
    assert certificate_score(person, course) == SCORES[0]


def test_a_retake_under_highest_hides_the_answers_until_every_attempt_is_used(db):
    course, lessons, quiz = make_course_with_quiz(quiz_fields={"grading_method": "highest", "max_attempts": 2})
    person = make_learner()
    take(person, course, quiz, 2)
    overview = selectors.quiz_overview(person=person, course=course, quiz=quiz)
    assert overview.passed and overview.may_start and not overview.review_unlocked
    take(person, course, quiz, 3)
    overview = selectors.quiz_overview(person=person, course=course, quiz=quiz)
    assert not overview.may_start and overview.review_unlocked and overview.counted.number == 2
    with pytest.raises(services.AttemptLimitReached):
        services.attempt_start(person=person, quiz=quiz, course=course)


def test_unlimited_attempts_under_highest_raise_no_answer_leak_warning(db):
    _course, _lessons, quiz = make_course_with_quiz(quiz_fields={"max_attempts": None, "result_display": "answers"})
    assert quiz.answer_leak_warning()
    quiz.grading_method = GradingMethod.HIGHEST
    assert quiz.answer_leak_warning() is None


def test_the_quiz_page_and_the_result_page_say_which_attempt_counts(client, db):
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"grading_method": "highest", "max_attempts": 3})
    person = make_learner()
    client.force_login(person.user)
    first = take(person, course, quiz, 3)
    second = take(person, course, quiz, 2)

    html = client.get(quiz.url).content.decode()
    assert "Ditt högsta resultat räknas." in html
    assert "Ditt resultat som räknas: 100 procent, från försök 1, godkänt." in html
    assert html.count('data-testid="counted-attempt"') == 1
    assert "Försök igen för att förbättra ditt resultat" in html
    assert "ett lägre resultat ersätter det inte" in html

    html = client.get(quiz.sub_url("result", attempt_id=second.pk)).content.decode()
    assert "Det här försöket räknas inte." in html and "från försök 1" in html
    html = client.get(quiz.sub_url("result", attempt_id=first.pk)).content.decode()
    assert "Det här försöket räknas." in html


def test_the_quiz_page_lists_attempts_in_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"grading_method": "highest", "max_attempts": None})
    person = make_learner()
    client.force_login(person.user)
    take(person, course, quiz, 1)
    client.get(quiz.url)  # warm the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(quiz.url)
    for right in (2, 1, 3, 0):
        take(person, course, quiz, right)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(quiz.url).content.decode()
    assert "från försök 4" in html
