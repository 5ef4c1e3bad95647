"""In real Chromium, on the demo: the democracy coordinator answers "how are we doing on commitment 2,
and which units have not chosen a focus area for next year?" in two clicks from the admin dashboard
(issue 16, done when)."""

import pytest
from django.utils import timezone

from lms.organisation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def page(demo_page):
    return demo_page


def test_the_coordinator_reaches_commitment_2_and_the_units_without_a_choice(demo, page):
    next_year = timezone.localdate().year + 1
    page.goto("/admin/login/")
    page.locator("#id_username").fill("hr")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    panel = page.locator("#plans-follow-up-section")
    assert panel.is_visible()

    panel.get_by_role("link", name="Åtagande 2", exact=True).click()  # click 1
    assert page.locator("h1").first.text_content().strip().startswith("Åtagande 2")
    indicator = page.locator(".plans-indicator").first
    assert indicator.locator("h3").text_content() == "Deltagare i seminarier om demokrati"
    assert indicator.locator("svg[role=img] title").count() == 1  # the figures against the target, drawn
    assert page.locator("#plans-activities tbody tr").count() >= 1

    page.goto("/admin/")
    page.locator("#plans-follow-up-section").get_by_role("link", name=f"{next_year}:").click()  # click 1
    summary = page.locator("#plans-units-summary").text_content()
    assert f"har inte valt fokusområde för {next_year}" in summary
    rows = page.locator("#plans-units tbody tr")
    assert rows.count() > 1
    assert rows.first.locator("td").first.text_content().strip() == "Inte valt"
