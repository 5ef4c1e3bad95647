"""A package with a mastery score (issue 31 item 3): the platform, not the package, says passed or failed
once a score is reported (SCORM's rule), and with "Passed only" such a package is the course's test: the
course completes when it is passed, and the certificate prints its score as it would a quiz's."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from lms.courses.extensions import quiz_scores
from lms.courses.models import Enrolment
from lms.packages.launch import launch_token
from lms.packages.models import PackageAttempt
from tests.factories import PersonFactory

from .helpers import package_course

pytestmark = pytest.mark.django_db


def commit(client, lesson, person, data, kind="scorm12"):
    body = {"launch": launch_token(user_id=person.user.pk, lesson_id=lesson.pk), "kind": kind, "data": data}
    url = reverse("packages:commit", args=[lesson.pk])
    return client.post(url, json.dumps(body), content_type="application/json").json()


def course_with_a_test(version="1.2", mastery=80, **course_fields):
    course, _made, lesson = package_course(version=version, lessons=0, rule="passed", **course_fields)
    lesson.package.mastery_score = mastery
    lesson.package.save(update_fields=["mastery_score"])
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    return course, lesson, person, client


def test_below_the_mastery_score_is_failed_and_above_it_passes_the_course():
    course, lesson, person, client = course_with_a_test()
    answer = commit(client, lesson, person, {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "60"})
    assert answer["done"] is False
    assert PackageAttempt.objects.get(lesson=lesson).completion_status == "failed"
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert enrolment.completed_at is None

    answer = commit(client, lesson, person, {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "90"})
    assert answer["done"] is True
    assert PackageAttempt.objects.get(lesson=lesson).completion_status == "passed"
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    # The certificate prints the package's score, as it would the quiz's.
    assert quiz_scores(enrolment_ids=[enrolment.pk]) == {enrolment.pk: Decimal("90.00")}


def test_the_package_saying_passed_below_the_mastery_score_is_failed():
    _course, lesson, person, client = course_with_a_test(version="2004")
    data = {"cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.scaled": "0.5"}
    assert commit(client, lesson, person, data, kind="scorm2004")["done"] is False
    attempt = PackageAttempt.objects.get(lesson=lesson)
    assert (attempt.completion_status, attempt.success_status) == ("completed", "failed")


def test_unfinished_is_not_judged_and_a_pass_is_never_taken_back():
    _course, lesson, person, client = course_with_a_test()
    commit(client, lesson, person, {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "95"})
    assert PackageAttempt.objects.get(lesson=lesson).completion_status == "incomplete"
    commit(client, lesson, person, {"cmi.core.lesson_status": "completed"})  # the score reported before
    assert PackageAttempt.objects.get(lesson=lesson).completion_status == "passed"
    commit(client, lesson, person, {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "10"})
    assert PackageAttempt.objects.get(lesson=lesson).completion_status == "passed"


def test_a_course_that_ends_with_its_own_quiz_prints_the_quizs_score_not_the_packages():
    course, lesson, person, client = course_with_a_test(ends_with_quiz=True)
    commit(client, lesson, person, {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "90"})
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert enrolment.completed_at is None  # its quiz is still to pass
    assert quiz_scores(enrolment_ids=[enrolment.pk]) == {}


def test_the_learner_is_told_the_mastery_score():
    _course, lesson, _person, client = course_with_a_test(mastery=Decimal("75.5"))
    page = client.get(lesson.url).content.decode()
    assert "den är klar när du får minst 75,5 procent" in page
