import pytest

from lms.certificates import demo
from lms.certificates.models import CertificateTemplate, CourseCertificate
from lms.courses.models import CoursePage
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db


def test_demo_template_is_set_on_courses_once(home_page):
    course, _lessons = make_course(title="Utan mall", lessons=1)
    assert demo.load() == {"template_created": True, "courses_updated": 1, "template_translations": 2}
    assert demo.load() == {"template_created": False, "courses_updated": 0, "template_translations": 0}
    terms = CourseCertificate.objects.get(course=course)
    assert terms.template == CertificateTemplate.objects.get(name="Standardintyg", locale__language_code="sv")
    assert terms.validity_months == 36
    # Kept in the latest revision too, so a later publish does not drop it.
    course = CoursePage.objects.get(pk=course.pk)
    (kept,) = course.get_latest_revision_as_object().certificate_terms.all()
    assert (kept.template_id, kept.validity_months) == (terms.template_id, 36)
