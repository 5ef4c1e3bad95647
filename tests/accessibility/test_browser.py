"""The statement in real Chromium on the demo: WCAG 2.1 AA by axe-core, with the form's error
summary and its thanks too, and the feedback form sent with JavaScript switched off."""

import pytest

from lms.accessibility.models import AccessibilityFeedback
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

URL = "/tillganglighet/"


@pytest.fixture
def tab(browser, demo_server, demo, request):
    context = browser.new_context(base_url=demo_server.url, java_script_enabled=request.param, locale="sv-SE")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    AccessibilityFeedback.objects.all().delete()  # the demo stays as it was loaded


@pytest.mark.parametrize("tab", [True], indirect=True)
def test_the_statement_and_its_form_pass_axe(tab):
    tab.goto("/")
    tab.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    assert tab.url.endswith(URL)
    found = violations(tab)
    tab.get_by_role("button", name="Skicka meddelandet").click()  # empty: the form says what is missing
    assert tab.get_by_role("alert").get_by_text("Skriv vad ditt meddelande gäller.").is_visible()
    found += violations(tab)
    tab.get_by_label("Ditt meddelande").fill("Rubrikerna på kurssidan läses upp i fel ordning.")
    tab.get_by_role("button", name="Skicka meddelandet").click()
    assert tab.get_by_role("status").get_by_text("Tack! Vi har tagit emot ditt meddelande.").is_visible()
    found += violations(tab)
    assert found == []


@pytest.mark.parametrize("tab", [False], indirect=True)
def test_the_form_works_without_javascript(tab):
    tab.goto("/kurser/")
    tab.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    # The form knows where the reader came from.
    assert tab.get_by_label("Sidan det gäller").input_value() == "/kurser/"
    tab.get_by_label("Ditt meddelande").fill("Jag behöver kursmaterialet i punktskrift.")
    tab.get_by_label("Din e-postadress (frivilligt)").fill("kim@example.se")
    tab.get_by_role("button", name="Skicka meddelandet").click()
    assert tab.get_by_text(
        "Tack! Vi har tagit emot ditt meddelande och svarar till den e-postadress du angav."
    ).is_visible()
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.message, feedback.page_url, feedback.email) == (
        "Jag behöver kursmaterialet i punktskrift.",
        "/kurser/",
        "kim@example.se",
    )
