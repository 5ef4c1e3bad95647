"""The sign-in link never carries a ``next`` that leads back to an account page (issue 27, item 8)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lms.accounts.sign_in import is_account_page, sign_in_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/konto/logga-in/"


def header_sign_in_href(response) -> str:
    (link,) = BeautifulSoup(response.content, "html.parser").select(".site-nav a[href^='/konto/logga-in/']")
    return link["href"]


def hidden_next(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one(
        "form[action='/konto/logga-in/'] input[name=next]"
    )["value"]


def test_a_page_links_to_sign_in_with_itself_as_next(client, home_page):
    response = client.get("/kurser/?q=demokrati")
    assert header_sign_in_href(response) == "/konto/logga-in/?next=/kurser/%3Fq%3Ddemokrati"


@pytest.mark.parametrize(
    "path",
    [LOGIN, f"{LOGIN}?next=/kurser/", f"{LOGIN}?next={LOGIN}%3Fnext%3D/kurser/", reverse("accounts:password_reset")],
)
def test_on_an_account_page_the_link_carries_no_next(client, home_page, path):
    assert header_sign_in_href(client.get(path)) == LOGIN


def test_following_the_sign_in_link_never_nests(client, home_page):
    """A crawler following "Logga in" again and again stays on one address."""
    url = header_sign_in_href(client.get("/kurser/"))
    seen = [url]
    for _ in range(3):
        url = header_sign_in_href(client.get(url))
        seen.append(url)
    assert seen == ["/konto/logga-in/?next=/kurser/", LOGIN, LOGIN, LOGIN]


@pytest.mark.parametrize(
    ("next_url", "kept"),
    [
        (f"{LOGIN}?next=/kurser/", ""),
        (reverse("accounts:password_reset_done"), ""),
        ("/konto/oidc/logga-in/", ""),
        ("/kurser/", "/kurser/"),
        (reverse("accounts:my_data"), reverse("accounts:my_data")),
    ],
)
def test_the_sign_in_page_drops_a_next_that_points_at_an_account_page(client, home_page, next_url, kept):
    response = client.get(LOGIN, {"next": next_url})
    assert response.status_code == 200
    assert hidden_next(response) == kept


def test_signing_in_with_a_next_to_the_sign_in_page_goes_home(client, home_page):
    UserFactory(username="vera")
    response = client.post(LOGIN, {"username": "vera", "password": "secret-pass-123", "next": f"{LOGIN}?next=/x/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    response = client.get(LOGIN, {"next": LOGIN})  # signed in: sent home, not round in a loop
    assert (response.status_code, response["Location"]) == (302, "/")


def test_is_account_page_and_sign_in_url():
    assert is_account_page(f"{LOGIN}?next=/") and is_account_page(reverse("accounts:logout"))
    assert is_account_page("/konto/logga-in") and is_account_page("https://utbildning.example.se/konto/logga-in/")
    assert not is_account_page("/kurser/") and not is_account_page(reverse("accounts:my_data"))
    assert not is_account_page("/no/such/page/")
    assert sign_in_url(f"{LOGIN}?next=/kurser/") == LOGIN and sign_in_url("") == LOGIN
