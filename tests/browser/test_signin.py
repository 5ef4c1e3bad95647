"""In real Chromium: the demo learner signs in and sees the home page in Swedish."""

import pytest

from lms.organisation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_demo_learner_signs_in_and_sees_swedish_home(demo, page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("link", name="Logga in").first.click()
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_role("heading", name="Välkommen, Anna").is_visible()
    assert page.get_by_role("button", name="Logga ut").is_visible()


def test_skip_link_is_first_and_reaches_main_by_keyboard(demo, page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_language_switch_without_javascript(browser, demo_server, demo):
    context = browser.new_context(locale="sv-SE", base_url=demo_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/")
    tab.get_by_role("button", name="English").click()  # the other language, named in its own
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.get_by_role("link", name="Sign in").first.is_visible()
    context.close()
