"""The language a course was completed in and a certificate is printed in are the person's data: in their
register extract, named; the completion's language goes at erasure (the enrolment stays for the figures)."""

import pytest

from lms.access import privacy
from lms.certificates import services as certificate_services
from lms.courses.models import Enrolment
from lms.courses.services import lesson_mark_done
from lms.organisation import services as organisation_services
from tests.certificates.factories import make_certificate_course, make_learner
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def section(extract, key):
    return next(s["data"] for s in extract["sections"] if s["key"] == key)


@pytest.fixture
def learner(home_page):
    course, lessons = make_certificate_course(title="Demokrati i vardagen")
    person = make_learner(email="anna@example.se")
    for lesson in lessons:
        enrolment = lesson_mark_done(person=person, lesson=lesson, language="en")
    certificate_services.certificate_issue(enrolment=enrolment)
    return person


def test_the_extract_names_the_languages(learner):
    extract = privacy.person_extract(learner)
    (enrolment,) = section(extract, "courses")["enrolments"]
    assert (enrolment["completed_language"], enrolment["completed_language_label"]) == ("en", "English")
    (certificate,) = section(extract, "certificates")["certificates"]
    assert (certificate["language"], certificate["language_label"]) == ("en", "English")
    # The readable page labels them, each with the language's name.
    courses = next(s for s in privacy.display_sections(extract) if s["key"] == "courses")
    (enrolment_rows,) = courses["rows"]  # the enrolments: the first, its fields
    fields = enrolment_rows["children"][0]["children"]
    assert {"label": "Slutförd på (språk)", "value": "English", "children": []} in fields


def test_erasure_keeps_the_completion_without_its_language(learner):
    organisation_services.person_erase(person=learner, by=UserFactory(is_superuser=True), reason="Begäran")
    enrolment = Enrolment.objects.get(person=learner)
    assert enrolment.is_completed and enrolment.completed_language == ""
