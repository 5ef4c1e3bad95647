"""A small world with rows of every record type, made years ago, for the retention tests."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.log_actions import log

from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate
from lms.courses import services as course_services
from lms.courses.models import Enrolment
from lms.imports.models import ImportRun
from lms.organisation import services as organisation_services
from lms.organisation.models import Person
from lms.quizzes import services as quiz_services
from lms.quizzes.models import Attempt
from lms.reports.models import ExportJob
from tests.certificates.factories import CertificateTemplateFactory
from tests.factories import PersonFactory, UserFactory
from tests.quizzes.factories import make_course_with_quiz, right_answers


@dataclass
class Learner:
    person: Person
    enrolment: Enrolment
    attempt: Attempt
    certificate: Certificate | None


@dataclass
class World:
    course: object
    lessons: list
    quiz: object
    old: Learner  # completed 3 years ago
    recent: Learner  # completed a year ago
    running: Learner  # started 3 years ago, never completed: the cycle still runs
    leaver: Person  # left 3 years ago
    import_run: ImportRun
    export_job: ExportJob


def years_ago(n: float):
    return timezone.now() - timedelta(days=round(365.25 * n))


def take_course(world_course, lessons, quiz, person, *, when, complete=True) -> Learner:
    with time_machine.travel(when, tick=False):
        if complete:
            for lesson in lessons:
                course_services.lesson_mark_done(person=person, lesson=lesson)
        attempt = quiz_services.attempt_start(person=person, quiz=quiz, course=world_course)
        if complete:
            attempt = quiz_services.attempt_submit(person=person, attempt_id=attempt.pk, answers=right_answers(attempt))
        enrolment = Enrolment.objects.get(person=person, course=world_course)
        certificate = certificate_services.certificate_issue(enrolment=enrolment) if complete else None
    return Learner(person=person, enrolment=enrolment, attempt=attempt, certificate=certificate)


@pytest.fixture
def world(db) -> World:
    course, lessons, quiz = make_course_with_quiz(lessons=1, certificate_template=CertificateTemplateFactory())
    old = take_course(course, lessons, quiz, PersonFactory(), when=years_ago(3))
    recent = take_course(course, lessons, quiz, PersonFactory(), when=years_ago(1))
    running = take_course(course, lessons, quiz, PersonFactory(), when=years_ago(3), complete=False)
    leaver = PersonFactory()
    hr = UserFactory()
    with time_machine.travel(years_ago(3), tick=False):
        organisation_services.person_deactivate(person=leaver)
        import_run = ImportRun.objects.create(filename="hr.csv", content=b"names", report={"created": [{"n": "A"}]})
        export_job = ExportJob.objects.create(user=hr, report="enrolments", params={}, export_format="csv")
        log(instance=leaver, action="wagtail.edit", user=hr)
    return World(course, lessons, quiz, old, recent, running, leaver, import_run, export_job)
