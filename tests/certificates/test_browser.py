"""In real Chromium: a learner who completed a course finds, downloads and verifies the certificate."""

import re

import pytest

from lms.certificates.models import Certificate
from tests.certificates.factories import complete, make_certificate_course, make_learner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_downloads_and_verifies_certificate(page, home_page):
    course, lessons = make_certificate_course(title="Likabehandling i vardagen", lessons=1)
    person = make_learner(username="lisa", first_name="Lisa", last_name="Ek", email="lisa@example.se")
    complete(person, lessons)  # through lesson_mark_done; commits, so the (eager) task issues the certificate
    certificate = Certificate.objects.get(person=person)
    assert certificate.is_ready

    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("lisa")
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r".*/$"))

    page.goto("/intyg/")
    assert page.get_by_role("heading", name="Mina intyg").is_visible()
    row = page.get_by_role("row").filter(has_text="Likabehandling i vardagen")
    assert "Giltigt" in row.inner_text()
    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile("Ladda ner intyget")).click()
    download = download_info.value
    assert download.suggested_filename == f"intyg-{certificate.display_code}.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    row.get_by_role("link", name=re.compile(certificate.display_code)).click()
    assert page.get_by_role("heading", name="Intyget är giltigt").is_visible()
    assert page.get_by_text("Lisa Ek").is_visible()

    # Typing the code by hand, in lower case without dashes, gives the same answer.
    page.goto("/intyg/verifiera/")
    page.get_by_label("Kontrollkod").fill(certificate.code.lower())
    page.get_by_role("button", name="Kontrollera").click()
    assert page.get_by_role("heading", name="Intyget är giltigt").is_visible()
