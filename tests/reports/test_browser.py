"""In real Chromium: HR signs in to the Wagtail admin, opens the completion overview, drills down
from the municipality to a school and downloads an XLSX whose figures match the page."""

import openpyxl
import pytest

from lms.organisation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def page(demo_page):
    """A tab on the demo, loaded once for all the browser tests (tests/conftest.py: ``demo``)."""
    return demo_page


def test_hr_drills_down_and_downloads_matching_xlsx(demo, page, tmp_path):
    page.goto("/admin/login/")
    page.locator("#id_username").fill("hr")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    assert page.locator("#reports-completion-section").is_visible()  # the dashboard panel

    page.goto("/admin/reports/completion/")
    units = page.locator("#units-table")
    assert units.locator("caption").is_visible()
    assert page.locator("svg[role=img] title").first.text_content() == "Andel genomförda per enhet"
    units.get_by_role("link", name="Barn- och utbildningsförvaltningen").click()
    page.locator("#units-table").get_by_role("link", name="Grundskoleavdelningen").click()
    page.locator("#units-table").get_by_role("link", name="Ekskolan").click()
    assert page.locator(".reports-trail [aria-current=page]").text_content() == "Ekskolan"

    on_page = {}
    for row in page.locator("#people-table tbody tr").all():
        name = row.locator("th").text_content().strip()
        cells = [c.text_content().strip() for c in row.locator("td").all()]
        on_page[name] = (int(cells[1]), int(cells[2]), int(cells[6]))  # required, completed, overdue
    assert "Anna Lindqvist" in on_page and "Karin Berg" in on_page

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner XLSX").click()
    path = tmp_path / "unit.xlsx"
    download_info.value.save_as(path)
    sheet = openpyxl.load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("Rad", "Namn")
    required, completed, overdue = header.index("Obligatoriska"), header.index("Genomförda"), header.index("Försenade")
    in_file = {r[1]: (r[required], r[completed], r[overdue]) for r in rows[1:] if r[0] == "Person"}
    assert in_file == on_page
    assert on_page["Anna Lindqvist"][2] >= 1  # the demo makes one of her courses overdue
