"""The site shell: home page, content pages, sign-in, password reset and the language switch."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.http import HttpRequest
from wagtail.test.utils import WagtailTestUtils  # noqa: F401 - documents the pattern; pytest fixtures below

from home.models import HomePage, StandardPage
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_is_swedish_with_landmarks_and_skip_link(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "sv"
    assert html.select_one("a.skip-link")["href"] == "#main"
    assert html.find("main", id="main") and html.find("header") and html.find("footer") and html.find("nav")
    assert "Logga in" in response.content.decode()


def test_signed_in_learner_is_greeted_and_led_on(client, home_page):
    person = PersonFactory(user__first_name="Anna")
    client.force_login(person.user)
    body = client.get("/").content.decode()
    assert "Välkommen, Anna" in body
    assert "Logga ut" in body


def test_language_switch_to_english_and_back(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = soup(client.get("/"))
    assert html.html["lang"] == "en"
    assert "Sign in" in html.get_text()
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert soup(client.get("/")).html["lang"] == "sv"


def test_sign_in_and_out(client, home_page):
    PersonFactory(user__username="lisa")
    page = client.get("/konto/logga-in/")
    assert page.status_code == 200 and soup(page).find("label", attrs={"for": "id_username"})
    bad = client.post("/konto/logga-in/", {"username": "lisa", "password": "wrong"})
    assert bad.status_code == 200 and soup(bad).select_one(".error-summary")
    good = client.post("/konto/logga-in/", {"username": "lisa", "password": "secret-pass-123", "next": "/"})
    assert good.status_code == 302 and good["Location"] == "/"
    assert client.post("/konto/logga-ut/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_works(client, home_page):
    PersonFactory(user__username="nils", user__email="nils@example.se")
    response = client.post("/konto/losenord/", {"email": "nils@example.se"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/losenord/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm = client.get("/" + path, follow=True)
    assert confirm.status_code == 200
    done = client.post(
        confirm.redirect_chain[-1][0], {"new_password1": "Ny-Lösen-2026!", "new_password2": "Ny-Lösen-2026!"}
    )
    assert done.status_code == 302
    assert client.login(request=HttpRequest(), username="nils", password="Ny-Lösen-2026!")


def test_unknown_page_is_a_friendly_404(client, home_page):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_page_type_rules():
    assert HomePage.allowed_parent_page_models() == [__import__("wagtail.models").models.Page]
    assert StandardPage in HomePage.allowed_subpage_models()
    assert HomePage not in StandardPage.allowed_subpage_models()


def test_demo_pages_render_in_the_footer(client):
    from home.demo import load

    load()
    html = soup(client.get("/"))
    footer_links = [a.get_text() for a in html.select("footer nav a")]
    assert "Tillgänglighetsredogörelse" in footer_links
    assert "Så behandlar vi dina personuppgifter" in footer_links
    assert client.get("/tillganglighet/").status_code == 200


def test_swedish_even_when_the_browser_prefers_english(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert soup(response).html["lang"] == "sv"
