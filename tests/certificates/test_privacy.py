"""The certificates section of the register extract, and what erasure does to certificates: what the
retention decision for certificates says, nothing without one."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lms.access import privacy
from lms.certificates import services
from lms.certificates.models import Certificate, CertificateStatus, RenderStatus
from lms.organisation import services as org_services
from tests.helpers import status_and_location
from tests.records.factories import RetentionDecisionFactory

pytestmark = pytest.mark.django_db


def certificates_data(person) -> list[dict]:
    extract = privacy.person_extract(person)
    json.dumps(extract)
    return next(s for s in extract["sections"] if s["key"] == "certificates")["data"]["certificates"]


def test_section_lists_each_certificate(certificate, learner):
    (item,) = certificates_data(learner)
    assert item["verification_code"] == certificate.display_code and "-" in item["verification_code"]
    assert item["course"] == "Demokrati i vardagen"
    assert item["completed_on"] == certificate.completed_on.isoformat()
    assert item["issued_at"] == certificate.issued_at.isoformat()
    assert item["valid_until"] == certificate.valid_until.isoformat()
    assert item["status"] == str(CertificateStatus.VALID.label)
    assert item["revoked_at"] is None and item["revoked_reason"] is None
    assert item["pdf_stored"] is True


def test_the_person_sees_why_a_certificate_was_revoked(certificate, learner):
    services.certificate_revoke(certificate=certificate, reason="Fel kurs registrerad")
    (item,) = certificates_data(learner)
    assert item["status"] == str(CertificateStatus.REVOKED.label)
    assert item["revoked_at"] and item["revoked_reason"] == "Fel kurs registrerad"


def test_someone_elses_certificates_are_not_in_the_extract(certificate):
    from tests.certificates.factories import make_learner

    assert certificates_data(make_learner(username="other")) == []


def test_erasure_without_a_decision_keeps_the_certificate_as_it_was(
    client, certificate, learner, django_capture_on_commit_callbacks
):
    """A certificate is a public document: without a retention decision in force erasure leaves it,
    PDF and all, still valid (lms.records); only the account is closed."""
    path = Path(certificate.pdf.path)
    with django_capture_on_commit_callbacks(execute=True):
        org_services.person_erase(person=learner)
    assert path.exists()
    cert = Certificate.objects.get(pk=certificate.pk)
    assert cert.revoked_at is None and cert.pdf.name == certificate.pdf.name
    assert cert.render_status == RenderStatus.RENDERED
    (item,) = certificates_data(cert.person)
    assert item["pdf_stored"] is True and item["status"] == str(CertificateStatus.VALID.label)
    # The download is gone: the erased account is closed, its session counts as signed out.
    client.force_login(learner.user)
    download = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert status_and_location(download) == (302, reverse("accounts:login"))


def later(years: int):
    return time_machine.travel(timezone.now() + timedelta(days=round(365.25 * years)))


def test_under_a_decision_erasure_deletes_the_certificate_and_its_pdf_on_commit(
    client, certificate, learner, django_capture_on_commit_callbacks
):
    RetentionDecisionFactory(record_type="certificates", keep_for=2)
    path = Path(certificate.pdf.path)
    with later(3), django_capture_on_commit_callbacks() as callbacks:
        org_services.person_erase(person=learner)
        assert path.exists()  # not before the erasure has committed
    for callback in callbacks:
        callback()
    assert not path.exists() and not path.parent.exists()
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    html = client.get(reverse("certificates:verify_code", args=[certificate.display_code])).content.decode()
    assert "Anna" not in html and "Lindqvist" not in html


def test_under_a_decision_a_certificate_within_its_period_is_kept(certificate, learner):
    RetentionDecisionFactory(record_type="certificates", keep_for=2)
    with later(1):
        org_services.person_erase(person=learner)
    cert = Certificate.objects.get(pk=certificate.pk)
    assert cert.revoked_at is None and cert.pdf.name == certificate.pdf.name


def test_rolled_back_erasure_keeps_the_pdf(certificate, learner, django_capture_on_commit_callbacks):
    RetentionDecisionFactory(record_type="certificates", keep_for=2)
    path = Path(certificate.pdf.path)
    with later(3), django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            org_services.person_erase(person=learner)
            raise RuntimeError("something after the erasure failed")
    assert callbacks == [] and path.exists()
    cert = Certificate.objects.get(pk=certificate.pk)
    assert cert.revoked_at is None and cert.render_status == RenderStatus.RENDERED and cert.pdf.name


def test_a_kept_certificate_of_an_anonymised_person_keeps_its_pdf(certificate, learner):
    """Names go under their decision, the certificate (no decision) stays: its PDF is never made again,
    which would print no name."""
    from lms.records.models import PeriodUnit
    from lms.records.registry import RetentionEvent

    RetentionDecisionFactory(
        record_type="people", keep_for=30, keep_unit=PeriodUnit.DAYS, counted_from=RetentionEvent.PERSON_LEFT
    )
    org_services.person_deactivate(person=learner)
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        org_services.person_erase(person=learner)
    cert = Certificate.objects.get(pk=certificate.pk)
    assert cert.person.erased_at is not None and cert.revoked_at is None and cert.pdf.name == certificate.pdf.name
    assert not services.certificates_for_rerender().filter(pk=cert.pk).exists()
    rendered = services.certificate_render(certificate=cert, force=True)
    assert rendered.pdf.name == certificate.pdf.name
