"""The site's header and footer as HTML: a folding menu, the language as buttons named in their own
language, the current page marked, single titles, the public pages linked, ASCII slugs."""

import pytest
from bs4 import BeautifulSoup
from django.utils.text import slugify
from wagtail.models import Page

from home.models import StandardPage
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_menu_folds_into_a_details_element_with_every_link(client, home_page):
    header = soup(client.get("/")).find("header")
    menu = header.find("details", class_="site-menu")
    assert menu is not None and not menu.has_attr("open")  # closed on a phone until asked for
    assert menu.find("summary").get_text(strip=True) == "Meny"
    assert menu.find("nav")["aria-label"] == "Huvudmeny"
    assert [a.get_text(strip=True) for a in menu.select("nav a")] == ["Kurser", "Logga in"]
    assert header.find("select") is None  # no bare <select> with a "Byt" button any more


def test_who_may_use_the_admin_finds_it_in_the_menu_and_a_learner_does_not(client, home_page):
    """Issue 34: editors, HR and administrators had no way from the site to the admin."""
    from tests.factories import hr_user

    learner = PersonFactory()
    client.force_login(learner.user)
    assert soup(client.get("/")).select_one('[data-testid="admin-link"]') is None
    client.force_login(hr_user())
    link = soup(client.get("/")).select_one('header nav [data-testid="admin-link"]')
    assert link["href"] == "/admin/" and link.get_text(strip=True) == "Administration"


def test_a_signed_in_learner_finds_the_surveys_in_the_menu(client, home_page):
    from tests.surveys.factories import make_survey_index

    index = make_survey_index()
    client.force_login(PersonFactory().user)
    links = {a.get_text(strip=True): a["href"] for a in soup(client.get("/")).select("header nav a")}
    assert links["Enkäter"] == index.url


def test_the_other_language_is_a_button_in_its_own_language(client, home_page):
    form = soup(client.get("/")).select_one("header form.language-switch")
    buttons = form.find_all("button")
    assert [(b.get_text(strip=True), b["lang"], b["name"], b["value"]) for b in buttons] == [
        ("English", "en", "language", "en")
    ]
    assert form["method"] == "post" and form["action"] == "/i18n/setlang/"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_the_language_button_switches_and_comes_back_to_the_same_page(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/konto/logga-in/"})
    assert response.status_code == 302 and response["Location"] == "/konto/logga-in/"
    english = soup(client.get("/konto/logga-in/"))
    assert english.html["lang"] == "en"
    buttons = english.select("header form.language-switch button")
    assert [(b.get_text(strip=True), b["lang"]) for b in buttons] == [("Svenska", "sv")]


def test_the_language_switch_goes_back_only_to_this_site(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_language_switch_refuses_a_post_without_csrf_token(home_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403


def test_the_current_page_is_marked(client, home_page):
    person = PersonFactory()
    client.force_login(person.user)
    nav = soup(client.get("/mina-kurser/")).select_one("header nav")
    current = nav.select('a[aria-current="page"]')
    assert [a.get_text(strip=True) for a in current] == ["Mina kurser"]
    assert soup(client.get("/")).select('header nav a[aria-current="page"]') == []


def test_the_current_page_marker_is_visible_in_the_stylesheet():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    rule = css[css.index('.site-nav a[aria-current="page"] {') :].split("}", 1)[0]
    assert "font-weight: 700" in rule and "border-left-color: var(--brand)" in rule


def test_home_page_title_is_the_sites_name_once(client, home_page):
    assert home_page.title == "Demokrati och likabehandling"
    assert soup(client.get("/")).title.get_text() == "Demokrati och likabehandling"


def test_other_titles_name_the_page_and_the_site(client, home_page):
    assert soup(client.get("/konto/logga-in/")).title.get_text() == "Logga in – Demokrati och likabehandling"
    page = StandardPage(title="Om <plattformen>", slug="om", intro="", body=[])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    title = soup(client.get("/om/")).title
    assert title.get_text() == "Om <plattformen> – Demokrati och likabehandling"  # escaped, once


def test_footer_links_to_the_results_and_certificate_verification(client, home_page):
    links = {a.get_text(strip=True): a["href"] for a in soup(client.get("/")).select("footer nav a")}
    assert links["Resultat av utbildningarna"] == "/resultat/"
    assert links["Kontrollera ett intyg"] == "/intyg/verifiera/"
    assert client.get("/intyg/verifiera/").status_code == 200


def test_the_results_table_is_a_keyboard_region_of_labelled_cells(rf, home_page):
    """Issue 34: on a phone each row of /resultat/'s table is a card and each cell says its course
    (site.css); should the table still be wider than the screen, the region scrolls by keyboard."""
    from types import SimpleNamespace

    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.utils import timezone

    request = rf.get("/resultat/")
    request.user = AnonymousUser()
    total = SimpleNamespace(unit_name="Ekbacka kommun", is_total=True)
    cell = SimpleNamespace(suppressed=False, completed=5, required=10, band="", reason="")
    table = SimpleNamespace(snapshot_date=timezone.localdate(), courses=[(1, "Demokrati")], rows=[(total, [cell])])
    context = {
        "table": table,
        "rows": [(total, [("Demokrati", cell)])],
        "headline": [("Demokrati", cell)],
        "min_group": 5,
    }
    html = BeautifulSoup(render_to_string("reports/public_results.html", context, request=request), "html.parser")
    region = html.select_one(".table-wrap")
    assert region["tabindex"] == "0" and region["role"] == "region" and region["aria-labelledby"] == "results-caption"
    assert "data-table--stack" in region.find("table")["class"]
    assert region.select_one("tbody td")["data-label"] == "Demokrati"
    headline = html.select_one('[data-testid="headline"]')
    assert "Demokrati" in headline.get_text() and "50\xa0%" in headline.get_text()


def test_slugs_are_transliterated_to_ascii(settings, home_page):
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    page = StandardPage(title="Möten på nämnden – så går det till", intro="", body=[])
    home_page.add_child(instance=page)
    assert Page.objects.get(pk=page.pk).slug == "moten-pa-namnden-sa-gar-det-till"
    assert slugify("Åsa Ölund", allow_unicode=settings.WAGTAIL_ALLOW_UNICODE_SLUGS) == "asa-olund"


def test_the_page_editors_slug_field_transliterates_too(settings):
    from wagtail.admin.widgets.slug import SlugInput

    assert SlugInput().attrs["data-w-slug-allow-unicode-value"] is False
