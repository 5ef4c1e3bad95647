"""The path certificate: issued (once) when the last course of the path is completed, rendered with the
certificates' pipeline, downloadable by its owner and staff within their scope, verifiable by its code;
its section of the register extract; its record type under a retention decision and erasure."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lms.access import privacy
from lms.certificates.models import RenderStatus
from lms.organisation import services as org_services
from lms.paths import services
from lms.paths.models import PathCertificate
from tests.certificates.factories import complete, make_learner
from tests.factories import hr_user
from tests.helpers import pdf_facts
from tests.records.factories import RetentionDecisionFactory

from .factories import make_chain, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(home_page):
    return make_chain(3)


@pytest.fixture
def path(chain):
    return make_path(*(course for course, _ in chain), title="Introduktion")


@pytest.fixture
def learner():
    return make_learner()


def complete_all(person, chain, callbacks):
    with callbacks(execute=True):
        for _course, lessons in chain:
            complete(person, lessons)


def test_issued_when_the_last_course_is_done_and_not_before(path, chain, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, chain[0][1])
        complete(learner, chain[1][1])
    assert not PathCertificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, chain[2][1])
    certificate = PathCertificate.objects.get(person=learner, path=path)
    assert certificate.render_status == RenderStatus.RENDERED and certificate.completed_on == timezone.localdate()
    facts = pdf_facts(Path(certificate.pdf.path).read_bytes())
    assert facts["pages"] == 1 and facts["tagged"]
    # Issuing again (a duplicate delivery) makes no second one.
    assert services.path_certificate_issue(person=learner, path=path) == certificate
    assert PathCertificate.objects.count() == 1


def test_a_path_without_a_template_gives_none(chain, learner, django_capture_on_commit_callbacks):
    make_path(*(course for course, _ in chain), title="Utan intyg", template=None)
    complete_all(learner, chain, django_capture_on_commit_callbacks)
    assert not PathCertificate.objects.exists()


def test_the_owner_downloads_it_a_stranger_does_not(client, path, chain, learner, django_capture_on_commit_callbacks):
    complete_all(learner, chain, django_capture_on_commit_callbacks)
    certificate = PathCertificate.objects.get()
    url = reverse("paths:download", args=[certificate.pk])
    client.force_login(learner.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(make_learner(username="annan").user)
    assert client.get(url).status_code == 404


def test_hr_downloads_within_their_scope_only(client, path, chain, learner, django_capture_on_commit_callbacks):
    from tests.factories import OrgUnitFactory

    complete_all(learner, chain, django_capture_on_commit_callbacks)
    url = reverse("paths:download", args=[PathCertificate.objects.get().pk])
    client.force_login(hr_user(scope=learner.org_unit))
    assert client.get(url).status_code == 200
    client.force_login(hr_user(scope=OrgUnitFactory()))
    assert client.get(url).status_code == 404


def test_the_path_page_links_the_certificate(client, path, chain, learner, django_capture_on_commit_callbacks):
    client.force_login(learner.user)
    text = client.get(path.url).content.decode()
    assert 'data-state="locked"' in text and 'data-testid="path-certificate"' not in text
    complete_all(learner, chain, django_capture_on_commit_callbacks)
    text = client.get(path.url).content.decode()
    certificate = PathCertificate.objects.get()
    assert reverse("paths:download", args=[certificate.pk]) in text and 'data-state="locked"' not in text


def test_verified_by_its_code(client, path, chain, learner, django_capture_on_commit_callbacks):
    complete_all(learner, chain, django_capture_on_commit_callbacks)
    certificate = PathCertificate.objects.get()
    response = client.get(reverse("certificates:verify_code", args=[certificate.display_code]))
    text = response.content.decode()
    assert response.status_code == 200 and "Introduktion" in text and learner.full_name in text
    assert "verify-result--valid" in text
    PathCertificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now(), revoked_reason="Fel")
    assert (
        "verify-result--revoked"
        in client.get(reverse("certificates:verify_code", args=[certificate.display_code])).content.decode()
    )


def test_asking_for_a_missing_certificate(client, chain, learner, django_capture_on_commit_callbacks):
    """A path given its certificate after the learner completed it: the page offers it, the POST issues it."""
    path = make_path(*(course for course, _ in chain), title="Senare", template=None)
    complete_all(learner, chain, django_capture_on_commit_callbacks)
    from tests.certificates.factories import CertificateTemplateFactory

    path.certificate_template = CertificateTemplateFactory(name="Senare mall")
    path.save_revision().publish()
    client.force_login(learner.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("paths:request_certificate", args=[path.pk]))
    assert response.status_code == 302
    assert PathCertificate.objects.get(person=learner).is_ready
    # Someone who has not completed the path gets a message and nothing.
    other = make_learner(username="annan")
    client.force_login(other.user)
    client.post(reverse("paths:request_certificate", args=[path.pk]))
    assert not PathCertificate.objects.filter(person=other).exists()


def extract(person) -> list[dict]:
    data = privacy.person_extract(person)
    return next(s for s in data["sections"] if s["key"] == "path_certificates")["data"]["path_certificates"]


def test_register_extract(path, chain, learner, django_capture_on_commit_callbacks):
    assert extract(learner) == []
    complete_all(learner, chain, django_capture_on_commit_callbacks)
    (item,) = extract(learner)
    certificate = PathCertificate.objects.get()
    assert item["learning_path"] == "Introduktion" and item["verification_code"] == certificate.display_code
    assert item["pdf_stored"] is True and item["revoked_at"] is None
    assert any(row["record_type"] == "path_certificates" for row in privacy.retention_rows(learner))


def test_erasure_keeps_it_without_a_decision_and_deletes_it_under_one(
    path, chain, learner, django_capture_on_commit_callbacks
):
    complete_all(learner, chain, django_capture_on_commit_callbacks)
    certificate = PathCertificate.objects.get()
    pdf = Path(certificate.pdf.path)
    org_services.person_erase(person=learner)
    assert PathCertificate.objects.filter(pk=certificate.pk).exists() and pdf.exists()

    other = make_learner(username="bertil")
    complete_all(other, chain, django_capture_on_commit_callbacks)
    second = PathCertificate.objects.get(person=other)
    RetentionDecisionFactory(record_type="path_certificates", keep_for=2)
    with time_machine.travel(timezone.now() + timedelta(days=3 * 365)):
        with django_capture_on_commit_callbacks(execute=True):
            org_services.person_erase(person=other)
    assert not PathCertificate.objects.filter(pk=second.pk).exists()
    assert not Path(second.pdf.path).exists()
