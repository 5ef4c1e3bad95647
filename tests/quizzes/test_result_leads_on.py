"""Issue 34: the quiz's result page is no dead end. Once the course is completed it leads to the
certificate (the PDF, or "Mina intyg" while it is being made) and to the course's evaluation if it has
one, and back to Mina kurser; a learner who has used every attempt is led back to the course."""

import pytest
from django.urls import reverse

from lms.certificates.models import Certificate, CertificateTemplate, RenderStatus
from lms.courses.services import lesson_mark_done
from lms.quizzes.models import Attempt
from lms.surveys.models import SurveyKind
from tests.surveys.factories import make_survey

from .factories import as_post, make_course_with_quiz, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def passed(client, quiz, on_commit):
    """Pass the quiz; what the completion asks for on commit (the certificate) runs; then the result page."""
    assert client.post(quiz.sub_url("start")).status_code == 302
    attempt = Attempt.objects.latest("pk")
    with on_commit(execute=True):
        submitted = client.post(quiz.sub_url("take", attempt_id=attempt.pk), as_post(right_answers(attempt)))
    assert submitted.status_code == 302
    return client.get(submitted.url)


def next_steps(response) -> str:
    html = response.content.decode()
    assert 'data-testid="next-steps"' in html
    return html.split('data-testid="next-steps"', 1)[1].split("</ul>", 1)[0]


def test_a_completed_course_leads_to_the_certificate_and_the_evaluation(
    learner_client, learner, django_capture_on_commit_callbacks
):
    template = CertificateTemplate.objects.create(name="Standard", body="{name} har genomfört {course}.")
    course, lessons, quiz = make_course_with_quiz(title="Med intyg", certificate_template=template)
    for lesson in lessons:
        lesson_mark_done(person=learner, lesson=lesson)
    evaluation = make_survey(title="Vad tyckte du", kind=SurveyKind.COURSE_EVALUATION, course=course)

    steps = next_steps(passed(learner_client, quiz, django_capture_on_commit_callbacks))

    certificate = Certificate.objects.get(person=learner, course=course)
    assert certificate.render_status == RenderStatus.RENDERED  # tasks run at once in the tests
    assert reverse("certificates:download", args=[certificate.pk]) in steps and "Ladda ner ditt intyg (PDF)" in steps
    assert f'href="{evaluation.url}"' in steps and "Vad tyckte du om kursen?" in steps
    assert reverse("courses:my_courses") in steps


def test_a_certificate_still_being_made_is_found_under_mina_intyg(
    learner_client, lessons_done, course_quiz, django_capture_on_commit_callbacks
):
    course, _lessons, quiz = course_quiz
    course.certificate_template = CertificateTemplate.objects.create(name="Standard", body="{name}: {course}.")
    course.save()
    response = passed(learner_client, quiz, django_capture_on_commit_callbacks)
    Certificate.objects.filter(course=course).update(render_status=RenderStatus.PENDING, pdf="")
    steps = next_steps(learner_client.get(response.wsgi_request.path))
    assert reverse("certificates:mine") in steps and "Ditt intyg skapas" in steps


def test_a_course_without_certificate_or_evaluation_leads_back_to_mina_kurser(
    learner_client, course_quiz, lessons_done, django_capture_on_commit_callbacks
):
    _course, _lessons, quiz = course_quiz
    steps = next_steps(passed(learner_client, quiz, django_capture_on_commit_callbacks))
    assert "intyg" not in steps and "Tillbaka till Mina kurser" in steps


def test_no_attempt_left_leads_back_to_the_course(learner_client, db):
    course, _lessons, quiz = make_course_with_quiz(title="Ett försök", quiz_fields={"max_attempts": 1})
    assert learner_client.post(quiz.sub_url("start")).status_code == 302
    attempt = Attempt.objects.latest("pk")
    response = learner_client.post(
        quiz.sub_url("take", attempt_id=attempt.pk), as_post(wrong_answers(attempt)), follow=True
    )
    html = response.content.decode()
    assert "Du har använt alla dina försök" in html
    assert f'<a href="{course.url}">Tillbaka till kursen</a>' in html


def test_the_attempts_table_fits_a_phone_and_its_dates_do_not_break(learner_client, course_quiz):
    """Issue 34: "2026-12-/07". The table is one card per attempt on a phone; the time never wraps."""
    _course, _lessons, quiz = course_quiz
    learner_client.post(quiz.sub_url("start"))
    html = learner_client.get(quiz.url).content.decode()
    assert 'class="data-table data-table--stack quiz-history"' in html
    assert '<td data-label="Påbörjat"><time datetime="' in html
