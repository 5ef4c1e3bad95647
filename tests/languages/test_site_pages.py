"""The site's own pages (StandardPage: about, privacy, accessibility) in the reader's language."""

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage
from tests.languages.factories import translate

pytestmark = pytest.mark.django_db


def test_a_standard_page_in_english_for_a_signed_out_browser_that_asks_for_it(client, home_page):
    page = home_page.add_child(
        instance=StandardPage(
            title="Om plattformen",
            slug="om",
            intro="Varför den finns.",
            body=[("paragraph", "<p>Alla i kommunkoncernen.</p>"), ("paragraph", "<p>Inte översatt än.</p>")],
        )
    )
    translate(page, "en", {"Om plattformen": "About the platform", "Alla i kommunkoncernen.": "Everyone."})
    html = BeautifulSoup(client.get(page.url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content, "html.parser")
    assert html.find("h1").text == "About the platform" and html.find("h1")["lang"] == "en"
    blocks = html.select(".stream > *")
    # The second paragraph has the source's words in the translation: marked as Swedish.
    assert blocks[0].get("lang") is None and "Everyone." in blocks[0].text
    assert blocks[1]["lang"] == "sv" and "Inte översatt än." in blocks[1].text
    assert html.select_one("html")["lang"] == "sv"  # the interface stays Swedish
    # Swedish browsers, and those asking for a language not offered, read the source.
    for header in ("sv-SE,sv;q=0.9", "de-DE", ""):
        assert (
            BeautifulSoup(client.get(page.url, HTTP_ACCEPT_LANGUAGE=header).content, "html.parser").find("h1").text
            == "Om plattformen"
        )
