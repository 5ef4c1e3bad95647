"""The certificates section of the register extract, and what erasure does to certificates."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.certificates import services
from lms.certificates.models import Certificate, CertificateStatus, RenderStatus
from lms.organisation import privacy
from lms.organisation import services as org_services
from tests.helpers import status_and_location

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


def test_erasure_revokes_and_deletes_the_pdf_on_commit(
    client, certificate, learner, django_capture_on_commit_callbacks
):
    path = Path(certificate.pdf.path)
    assert path.exists()
    with django_capture_on_commit_callbacks() as callbacks:
        org_services.person_erase(person=learner)
        assert path.exists()  # not before the erasure has committed
    for callback in callbacks:
        callback()
    assert not path.exists() and not path.parent.exists()
    cert = Certificate.objects.get(pk=certificate.pk)
    assert cert.revoked_at is not None and cert.revoked_reason == "Personuppgifter raderade"
    assert cert.pdf.name == "" and cert.render_status == RenderStatus.FAILED and cert.render_error
    assert cert.code == certificate.code and cert.completed_on == certificate.completed_on  # the row stays
    (item,) = certificates_data(cert.person)
    assert item["pdf_stored"] is False and item["status"] == str(CertificateStatus.REVOKED.label)
    # The public verification page says revoked, without a name.
    html = client.get(reverse("certificates:verify_code", args=[certificate.display_code])).content.decode()
    assert "Intyget har återkallats" in html
    assert "Anna" not in html and "Lindqvist" not in html
    # The download is gone as well: the erased account is closed, its session counts as signed out.
    client.force_login(learner.user)
    download = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert status_and_location(download) == (302, reverse("accounts:login"))


def test_erasure_replaces_an_earlier_revocation_reason(certificate, learner, django_capture_on_commit_callbacks):
    services.certificate_revoke(certificate=certificate, reason="Anna Lindqvist fuskade")
    revoked_at = Certificate.objects.get(pk=certificate.pk).revoked_at
    with django_capture_on_commit_callbacks(execute=True):
        org_services.person_erase(person=learner)
    cert = Certificate.objects.get(pk=certificate.pk)
    assert cert.revoked_at == revoked_at and cert.revoked_reason == "Personuppgifter raderade"
    reasons = [e.data.get("reason") for e in ModelLogEntry.objects.filter(action="certificates.revoke")]
    assert reasons == ["Personuppgifter raderade"]


def test_rolled_back_erasure_keeps_the_pdf(certificate, learner, django_capture_on_commit_callbacks):
    path = Path(certificate.pdf.path)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            org_services.person_erase(person=learner)
            raise RuntimeError("something after the erasure failed")
    assert callbacks == [] and path.exists()
    cert = Certificate.objects.get(pk=certificate.pk)
    assert cert.revoked_at is None and cert.render_status == RenderStatus.RENDERED and cert.pdf.name


def test_erasure_of_a_pending_certificate(enrolment, learner, django_capture_on_commit_callbacks):
    cert = services.certificate_issue(enrolment=enrolment)
    assert cert.render_status == RenderStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        org_services.person_erase(person=learner)
    cert.refresh_from_db()
    assert cert.revoked_at is not None and not cert.pdf


def test_no_pdf_is_made_again_after_erasure(certificate, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org_services.person_erase(person=learner)
    assert not services.certificates_for_rerender().exists()  # revoked: left out of bulk re-renders
    cert = services.certificate_render(certificate=Certificate.objects.get(pk=certificate.pk), force=True)
    assert cert.pdf.name == ""  # a task still queued from before does nothing either
