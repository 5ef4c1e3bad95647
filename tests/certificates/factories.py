"""Certificate templates, courses that give certificates, and completed enrolments."""

import factory

from lms.certificates.models import CertificateTemplate
from lms.courses import services as course_services
from tests.courses.factories import make_course
from tests.factories import PersonFactory, UserFactory

BODY = "{name} har genomfört {course} den {completed_on}. Giltigt till {valid_until}. Utfärdat av {organisation}, kod {code}."


class CertificateTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateTemplate
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Intygsmall {n}")
    heading = "Intyg"
    body = BODY
    signatory_name = "Lena Ahlström"
    signatory_title = "HR-direktör"
    accent_colour = "#1d4f6e"


def make_certificate_course(*, title="Demokrati i vardagen", validity_months=36, template=None, lessons=1):
    template = template or CertificateTemplateFactory()
    course, made = make_course(
        title=title, lessons=lessons, certificate_template=template, certificate_validity_months=validity_months
    )
    return course, made


def make_learner(**user_fields):
    user = UserFactory(**{"first_name": "Anna", "last_name": "Lindqvist", **user_fields})
    return PersonFactory(user=user)


def complete(person, lessons):
    """Complete the course through the courses services, as a learner would."""
    enrolment = None
    for lesson in lessons:
        enrolment = course_services.lesson_mark_done(person=person, lesson=lesson)
    return enrolment
