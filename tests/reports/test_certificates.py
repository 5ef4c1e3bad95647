"""Certificate figures in the roll-up."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.certificates.models import Certificate, CertificateTemplate
from lms.reports import selectors, services

pytestmark = pytest.mark.django_db


def test_certificates_valid_expiring_expired_latest_not_revoked(world):
    today = timezone.localdate()
    c1 = world["courses"]["c1"]
    now = timezone.now()
    template = CertificateTemplate.objects.create(name="Test", body="{name}")

    def cert(person, valid_until, issued_days_ago=10, revoked=False):
        enrolment = person.enrolments.filter(course=c1).order_by("-cycle").first()
        return Certificate.objects.create(
            person=person,
            course=c1,
            enrolment=enrolment,
            template=template,
            code=f"T{person.pk:07d}",
            completed_on=today - timedelta(days=400),
            issued_at=now - timedelta(days=issued_days_ago),
            valid_until=valid_until,
            revoked_at=now if revoked else None,
            revoked_reason="Fel person" if revoked else "",
        )

    cert(world["a1"], None)  # valid for ever
    cert(world["b1"], today + timedelta(days=30))  # valid, expiring within 60 days
    cert(world["f1"], today - timedelta(days=1))  # expired
    cert(world["d1"], today + timedelta(days=300), revoked=True)  # revoked: counts nowhere
    services.summary_refresh()
    got = selectors.rollup_figures(scope=selectors.WHOLE_GROUP, course_id=c1.pk)[()]
    assert (got.cert_valid, got.cert_expiring, got.cert_expired) == (2, 1, 1)
