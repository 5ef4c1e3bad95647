"""The link from a course to its certificate moved from the course page to certificates'
``CourseCertificate`` (certificates 0003, then courses 0004): every course's template and validity, and
every revision's, survive the move, and going back restores the old fields."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Revision

from lms.certificates.models import CourseCertificate
from tests.courses.factories import make_course

from .factories import CertificateTemplateFactory

pytestmark = pytest.mark.django_db(transaction=True)  # SQLite changes its schema only outside a transaction

BEFORE = [("certificates", "0002_certificate"), ("courses", "0003_lesson_polls")]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.fixture
def courses(home_page):
    template = CertificateTemplateFactory(name="Standardintyg")
    given, _ = make_course(title="Med intyg", lessons=1, certificate_template=template, certificate_validity_months=36)
    none, _ = make_course(title="Utan intyg", lessons=1)
    given.save_revision()
    return template, given, none


def test_every_course_keeps_its_certificate_and_its_revisions_say_so(courses):
    template, given, none = courses
    try:
        old = migrate(BEFORE)  # back: the template is the course page's field again
        OldCourse = old.get_model("courses", "CoursePage")
        assert OldCourse.objects.get(pk=given.pk).certificate_template_id == template.pk
        assert OldCourse.objects.get(pk=given.pk).certificate_validity_months == 36
        assert OldCourse.objects.get(pk=none.pk).certificate_template_id is None
        # A revision saved before the move holds the old fields.
        revision = Revision.objects.get(pk=given.latest_revision_id)
        content = {k: v for k, v in revision.content.items() if k != "certificate_terms"}
        Revision.objects.filter(pk=revision.pk).update(
            content={**content, "certificate_template": template.pk, "certificate_validity_months": 36}
        )
    finally:
        migrate()  # forward: certificates 0003 copies, courses 0004 removes the fields

    terms = CourseCertificate.objects.get()
    assert (terms.course_id, terms.template_id, terms.validity_months) == (given.pk, template.pk, 36)
    revision = Revision.objects.get(pk=given.latest_revision_id)
    assert "certificate_template" not in revision.content
    (kept,) = revision.as_object().certificate_terms.all()
    assert (kept.template_id, kept.validity_months) == (template.pk, 36)
