"""The header in real Chromium: on a 390 px phone one line (the site's name and logo, and a menu button)
whose menu opens by keyboard and without JavaScript; at 1366 px an open row of links with the current page
marked; the focus on the error summary after a failed submit; the results page's headline and its table
that fits a phone."""

import pytest

from lms.organisation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def tab(browser, demo_server, demo, request):
    """A tab with the viewport and script setting the test asks for (``@pytest.mark.parametrize`` on ``tab``)."""
    viewport, javascript = request.param
    context = browser.new_context(
        base_url=demo_server.url, viewport=viewport, java_script_enabled=javascript, locale="sv-SE"
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def sign_in(page, username: str = "anna") -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not rendered"
    return found


def same_row(a: dict, b: dict) -> bool:
    return a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("tab", [(PHONE, True), (PHONE, False)], indirect=True, ids=["js", "no-js"])
def test_phone_header_is_one_line_and_a_menu_button(tab):
    sign_in(tab, "chef")  # the longest menu: a manager's, with "Min grupp"
    header, brand = tab.locator("header.site-header"), tab.locator(".site-header__brand")
    toggle = tab.locator("summary.site-menu__toggle")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Meny"
    assert tab.locator(".site-header__logo").is_visible()  # the demo's Ekbacka logo
    assert same_row(box(brand), box(toggle))
    # One line: the header is as tall as its tallest item plus padding (it was 177 px with the links).
    assert box(header)["height"] <= max(box(brand)["height"], box(toggle)["height"]) + 2 * 12 + 4
    assert box(header)["height"] <= 80
    assert not header.get_by_role("link", name="Mina kurser").is_visible()  # folded away
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("tab", [(PHONE, True)], indirect=True)
def test_the_menu_opens_by_keyboard_and_says_so(tab):
    tab.goto("/")
    tab.keyboard.press("Tab")  # the skip link
    tab.keyboard.press("Tab")  # the site's name
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert _ax_state(tab, "summary") == ("DisclosureTriangle", "Meny", False)
    tab.keyboard.press("Enter")
    assert _ax_state(tab, "summary") == ("DisclosureTriangle", "Meny", True)
    courses = tab.get_by_role("link", name="Kurser")
    assert courses.is_visible()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Kurser"  # the menu's first link comes next
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Space")
    assert not courses.is_visible()


def _ax_state(tab, selector: str) -> tuple[str, str, bool]:
    """The role, name and expanded state Chromium gives a screen reader for the element."""
    session = tab.context.new_cdp_session(tab)
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    ax = session.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    expanded = {p["name"]: p["value"].get("value") for p in ax.get("properties", [])}.get("expanded")
    session.detach()
    return ax["role"]["value"], ax["name"]["value"], bool(expanded)


@pytest.mark.parametrize("tab", [(PHONE, False)], indirect=True)
def test_the_menu_and_the_language_work_without_javascript(tab):
    tab.goto("/resultat/")
    tab.locator("summary.site-menu__toggle").click()
    english = tab.get_by_role("button", name="English")
    assert english.get_attribute("lang") == "en"
    english.click()
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.url.endswith("/resultat/")  # back on the same page
    tab.locator("summary.site-menu__toggle").click()
    tab.get_by_role("link", name="Sign in").click()
    assert tab.get_by_role("heading", level=1, name="Sign in").is_visible()
    tab.locator("summary.site-menu__toggle").click()
    tab.get_by_role("button", name="Svenska").click()
    assert tab.locator("html").get_attribute("lang") == "sv"


@pytest.mark.parametrize("tab", [(DESKTOP, True), (DESKTOP, False)], indirect=True, ids=["js", "no-js"])
def test_desktop_shows_the_links_and_marks_the_current_page(tab):
    sign_in(tab)
    tab.goto("/kurser/")
    assert not tab.locator("summary.site-menu__toggle").is_visible()
    current = tab.get_by_role("link", name="Kurser", exact=True)
    other = tab.get_by_role("link", name="Mina kurser")
    assert current.is_visible() and other.is_visible() and tab.get_by_role("button", name="English").is_visible()
    assert current.get_attribute("aria-current") == "page" and other.get_attribute("aria-current") is None
    style = "(el) => [getComputedStyle(el).fontWeight, getComputedStyle(el).borderBottomWidth, getComputedStyle(el).borderBottomColor]"
    weight, width, colour = current.evaluate(style)
    assert (weight, width) == ("700", "4px") and colour != "rgba(0, 0, 0, 0)"  # seen, not only announced
    assert other.evaluate(style)[2] == "rgba(0, 0, 0, 0)"
    assert box(tab.locator("header.site-header"))["height"] <= 120


@pytest.mark.parametrize("tab", [(PHONE, True)], indirect=True)
def test_the_focus_moves_to_the_error_summary_after_a_failed_submit(tab):
    tab.goto("/konto/logga-in/")
    tab.get_by_label("Användarnamn").fill("anna")
    tab.get_by_label("Lösenord").fill("fel-lösenord")
    tab.get_by_role("button", name="Logga in").click()
    tab.locator(".error-summary").wait_for()
    assert tab.evaluate("document.activeElement.classList.contains('error-summary')")


@pytest.mark.parametrize("tab", [(PHONE, True), (PHONE, False), (DESKTOP, True)], indirect=True)
def test_the_results_page_puts_the_headline_first_and_its_table_fits_without_scrolling(tab):
    """Issue 34: on a phone the headline figures come first, each section folds open (no script needed)
    and the table is one card per organisation, not a table to swipe sideways."""
    tab.goto("/resultat/")
    headline = tab.get_by_test_id("headline")
    assert headline.is_visible() and box(headline)["y"] < 250
    assert "Demokratiplanen (Handlingsplan för demokratiutveckling 2025–2030):" in headline.inner_text()
    section = tab.locator("details.results-section").first
    table = tab.locator("table.public-results")
    assert section.get_attribute("open") is None and not table.is_visible()
    section.locator("summary").focus()
    tab.keyboard.press("Enter")  # by keyboard
    assert table.is_visible()
    region = tab.locator(".public-results").locator("xpath=..")
    assert region.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1")  # nothing to scroll sideways
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]
    if tab.viewport_size["width"] < 500:  # a card: the organisation, then each course with its figure
        assert table.locator("thead").evaluate("(el) => getComputedStyle(el).position") == "absolute"
        first_cell = table.locator("tbody td").first
        assert first_cell.evaluate("(el) => getComputedStyle(el, '::before').content").startswith('"')


def test_the_demo_has_only_ascii_slugs(demo):
    from wagtail.models import Page

    assert [p.slug for p in Page.objects.all() if not p.slug.isascii()] == []
