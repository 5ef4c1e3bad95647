"""In real Chromium, on the demo: HR finds last year's annexes in the Reports menu, reads the municipality's,
edits its analysis (made again, in the background), archives it, and it can no longer be edited."""

import pytest
from django.utils import timezone

from lms.organisation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def page(demo_page):
    return demo_page


def test_hr_edits_and_archives_the_municipalitys_annex(demo, page):
    last_year = timezone.localdate().year - 1
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/admin/login/")
    page.locator("#id_username").fill("hr")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/active-measures/")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 2
    assert "Ekbacka kommun" in rows.first.text_content() and str(last_year) in rows.first.text_content()
    rows.first.get_by_role("link", name="Ekbacka kommun").click()
    status = page.locator("#active-measures-annex")
    assert "Klar" in status.text_content()
    assert page.locator("#active-measures-pdf").is_visible() and page.locator("#active-measures-xlsx").is_visible()

    page.get_by_role("link", name="Redigera texterna och valen").click()
    page.locator("#id_analysis").fill("Räckvidden är lägst där många saknar egen dator.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_url("**/progress/")
    assert "Klar" in page.locator("#active-measures-annex").text_content()  # made again (eager Celery)

    page.set_viewport_size({"width": 390, "height": 800})  # the phone check runs on the pages made here
    page.locator("#active-measures-archive").click()
    page.wait_for_url("**/progress/")
    text = page.locator("#active-measures-annex").text_content()
    assert "Arkiverad" in text and page.get_by_role("link", name="Redigera texterna och valen").count() == 0
    assert page.locator("#active-measures-archive").count() == 0
