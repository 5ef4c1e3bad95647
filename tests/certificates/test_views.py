"""Mina intyg, downloads (owner, HR, administrators; 404 to others) and public verification."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lms.certificates import services
from lms.certificates.models import Certificate
from tests.factories import UserFactory, hr_user

pytestmark = pytest.mark.django_db


def test_my_certificates_lists_status_and_download(client, certificate, learner):
    client.force_login(learner.user)
    response = client.get(reverse("certificates:mine"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mina intyg" in html and "Demokrati i vardagen" in html
    assert "Giltigt" in html and certificate.display_code in html
    assert reverse("certificates:download", args=[certificate.pk]) in html


def test_pending_certificate_shows_being_prepared(client, enrolment, learner):
    certificate = services.certificate_issue(enrolment=enrolment)
    client.force_login(learner.user)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert "Förbereds" in html
    assert reverse("certificates:download", args=[certificate.pk]) not in html
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 404


def test_owner_downloads_the_pdf(client, certificate, learner):
    client.force_login(learner.user)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_hr_and_admin_may_download(client, certificate):
    hr = hr_user(username="hr")
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    for user in (hr, admin):
        client.force_login(user)
        assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 200


def test_strangers_get_404_and_anonymous_the_login(client, certificate):
    url = reverse("certificates:download", args=[certificate.pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(UserFactory(username="stranger"))
    assert client.get(url).status_code == 404
    assert client.get(reverse("certificates:download", args=[certificate.pk + 999])).status_code == 404


def test_pdf_is_not_under_media(certificate, media_root, settings):
    path = certificate.pdf.path
    assert not path.startswith(str(media_root))
    with pytest.raises(ValueError):
        certificate.pdf.url  # noqa: B018 - no public URL at all


@pytest.mark.parametrize("typed", ["{dashed}", "{plain}", "{lower}", "{spaced}"])
def test_verify_by_code_in_any_form(client, certificate, typed):
    code = certificate.code
    typed = typed.format(
        dashed=certificate.display_code,
        plain=code,
        lower=certificate.display_code.lower(),
        spaced=" ".join(certificate.display_code.split("-")),
    )
    response = client.get(reverse("certificates:verify"), {"code": typed}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Intyget är giltigt" in html
    assert "Anna Lindqvist" in html and "Demokrati i vardagen" in html
    assert "Exempelby kommun" in html  # the issuer, from SiteSettings
    assert "anna@example.se" not in html  # nothing else about the person


def test_verify_expired_and_revoked(client, certificate):
    url = reverse("certificates:verify_code", args=[certificate.display_code])
    Certificate.objects.filter(pk=certificate.pk).update(
        completed_on=timezone.localdate() - timedelta(days=800), valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert "Intyget har gått ut" in client.get(url).content.decode()
    services.certificate_revoke(certificate=certificate, reason="Fusk vid provet")
    html = client.get(url).content.decode()
    assert "Intyget har återkallats" in html
    assert "Fusk" not in html  # the reason is for administrators


def test_unknown_and_malformed_codes(client):
    response = client.get(reverse("certificates:verify_code", args=["AAAA-BBBB-CCCC-DDDD"]))
    assert response.status_code == 404 and "Inget intyg har den här koden" in response.content.decode()
    response = client.get(reverse("certificates:verify"), {"code": "nonsense"})
    assert response.status_code == 200 and "16 bokstäver" in response.content.decode()


def test_verification_is_rate_limited(client, settings):
    settings.LMS_CERTIFICATE_VERIFY_RATE = "5/m"
    url = reverse("certificates:verify_code", args=["AAAA-BBBB-CCCC-DDDD"])
    # A frozen clock, so the six requests cannot straddle the limiter's minute window.
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [client.get(url).status_code for _ in range(6)]
        assert statuses == [404] * 5 + [429]
        response = client.get(reverse("certificates:verify"))
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()


def test_verification_page_has_what_the_pdf_says(client, certificate):
    """The accessible HTML alternative of the PDF: name, course, dates, issuer, signatory and code."""
    html = client.get(reverse("certificates:verify_code", args=[certificate.display_code])).content.decode()
    facts = html.split('<dl class="verify-facts">', 1)[1].split("</dl>", 1)[0]
    for text in (
        certificate.display_code,
        "Anna Lindqvist",
        "Demokrati i vardagen",
        certificate.completed_on.isoformat(),
        certificate.valid_until.isoformat(),
        "Exempelby kommun",
        "Undertecknat av</dt><dd>Lena Ahlström, HR-direktör",
    ):
        assert text in facts
