"""Single sign-on end to end against a fake OpenID provider on 127.0.0.1 (no network)."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.template import Context, Template
from wagtail.models import ModelLogEntry

from lms.organisation.models import OrgUnitKind, Person
from lms.organisation.roles import EDITORS_GROUP, HR_GROUP, MODERATORS_GROUP
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory

from .fake_oidc import FakeProvider

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.organisation.oidc_test_urls")]

User = get_user_model()


@pytest.fixture
def provider(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with FakeProvider() as fake:
        # Configured from the provider's discovery document, as an operator would.
        discovery = requests.get(f"{fake.url}/.well-known/openid-configuration", timeout=5).json()
        settings.LMS_SSO_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = fake.client_id
        settings.OIDC_RP_CLIENT_SECRET = fake.client_secret
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        settings.OIDC_OP_ISSUER = discovery["issuer"]
        settings.AUTHENTICATION_BACKENDS = [
            "lms.organisation.oidc.OrganisationOIDCBackend",
            "django.contrib.auth.backends.ModelBackend",
        ]
        settings.OIDC_CREATE_USER = False
        settings.LMS_OIDC_CREATE_PERSON = False
        settings.LMS_OIDC_EMPLOYEE_NUMBER_CLAIM = "employee_number"
        settings.LMS_OIDC_GROUP_MAP = {"lms-hr": HR_GROUP, "lms-editors": EDITORS_GROUP}
        yield fake


def sign_in(client, provider, claims: dict, next_url: str = ""):
    """Browser round trip: our sign-in URL → provider's authorize → our callback."""
    provider.next_claims = claims
    start = client.get("/konto/oidc/logga-in/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize")
    params = parse_qs(urlparse(start["Location"]).query)
    assert params["code_challenge_method"] == ["S256"] and params["nonce"]
    answer = requests.get(start["Location"], allow_redirects=False, timeout=5)
    callback = urlparse(answer.headers["Location"])
    assert callback.path == "/konto/oidc/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_new_user_is_created_with_a_person_when_allowed(client, provider, settings):
    unit = OrgUnitFactory(code="NYA", name="Nyanställda")
    settings.OIDC_CREATE_USER = True
    settings.LMS_OIDC_CREATE_PERSON = True
    settings.LMS_OIDC_DEFAULT_UNIT_CODE = "NYA"
    claims = {
        "sub": "abc",
        "email": "ny@example.se",
        "given_name": "Nora",
        "family_name": "Ny",
        "employee_number": "77",
    }
    response = sign_in(client, provider, claims, next_url="/mina-kurser/")
    assert response.status_code == 302 and response["Location"] == "/mina-kurser/"
    user = signed_in_user(client)
    assert user.email == "ny@example.se" and user.first_name == "Nora" and not user.has_usable_password()
    assert user.person.org_unit == unit and user.person.employee_number == "77"


def test_new_user_without_person_unless_allowed(client, provider, settings):
    settings.OIDC_CREATE_USER = True
    sign_in(client, provider, {"sub": "x", "email": "bara@example.se"})
    user = signed_in_user(client)
    assert user.username == "bara@example.se" and not Person.objects.filter(user=user).exists()


def test_nobody_is_created_when_not_allowed(client, provider):
    response = sign_in(client, provider, {"sub": "x", "email": "okand@example.se"})
    assert response.status_code == 302 and response["Location"] == "/konto/logga-in/"
    assert signed_in_user(client) is None and not User.objects.filter(email="okand@example.se").exists()


def test_existing_user_by_email(client, provider):
    person = PersonFactory(user__email="Anna.Lind@example.se")
    sign_in(client, provider, {"sub": "a", "email": "anna.lind@example.se"})
    assert signed_in_user(client) == person.user
    assert User.objects.count() == 1


def test_existing_user_by_employee_number_claim(client, provider):
    person = PersonFactory(employee_number="4711", user__email="old@example.se")
    PersonFactory(user__email="new@example.se")  # the e-mail alone would pick someone else
    sign_in(client, provider, {"sub": "a", "email": "new@example.se", "employee_number": "4711"})
    assert signed_in_user(client) == person.user


def test_role_mapping_adds_and_removes_mapped_groups_only(client, provider):
    person = PersonFactory(user__email="hr@example.se")
    user = person.user
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])  # not mapped: left alone
    sign_in(client, provider, {"sub": "h", "email": "hr@example.se", "groups": ["lms-hr", "unrelated"]})
    assert set(user.groups.values_list("name", flat=True)) == {HR_GROUP, MODERATORS_GROUP}
    entry = ModelLogEntry.objects.get(action="lms.oidc.roles")
    assert entry.data == {"added": [HR_GROUP], "removed": []} and entry.object_id == str(user.pk)

    client.logout()
    sign_in(client, provider, {"sub": "h", "email": "hr@example.se", "groups": ["lms-editors"]})
    assert set(user.groups.values_list("name", flat=True)) == {EDITORS_GROUP, MODERATORS_GROUP}
    assert ModelLogEntry.objects.filter(action="lms.oidc.roles").count() == 2

    client.logout()
    sign_in(client, provider, {"sub": "h", "email": "hr@example.se", "groups": ["lms-editors"]})
    assert ModelLogEntry.objects.filter(action="lms.oidc.roles").count() == 2  # nothing changed, nothing logged


def test_a_token_for_another_audience_is_refused(client, provider):
    PersonFactory(user__email="anna@example.se")
    provider.audience = "some-other-app"
    response = sign_in(client, provider, {"sub": "a", "email": "anna@example.se"})
    assert response.status_code == 302 and response["Location"] == "/konto/logga-in/"
    assert signed_in_user(client) is None


def test_a_token_from_another_issuer_is_refused(client, provider, settings):
    PersonFactory(user__email="anna@example.se")
    settings.OIDC_OP_ISSUER = "https://login.example.org"
    sign_in(client, provider, {"sub": "a", "email": "anna@example.se"})
    assert signed_in_user(client) is None


def test_an_inactive_account_cannot_sign_in(client, provider):
    person = PersonFactory(user__email="gone@example.se")
    person.user.is_active = False
    person.user.save()
    sign_in(client, provider, {"sub": "g", "email": "gone@example.se"})
    assert signed_in_user(client) is None


def test_local_passwords_still_work(client, provider):
    UserFactory(username="lokal")
    assert client.login(request=HttpRequest(), username="lokal", password="secret-pass-123")


def test_sso_off_means_404_and_no_button(client, settings):
    settings.LMS_SSO_ENABLED = False
    assert client.get("/konto/oidc/logga-in/").status_code == 404
    assert client.get("/konto/oidc/callback/?code=x&state=y").status_code == 404
    assert Template("{% load sso %}{% sso_login_button '/' %}").render(Context()).strip() == ""


def test_the_button_when_sso_is_on(provider):
    html = Template("{% load sso %}{% sso_login_button next %}").render(Context({"next": "/mina-kurser/"}))
    assert 'href="/konto/oidc/logga-in/?next=/mina-kurser/"' in html


def test_the_login_page_offers_sso_only_when_on(client, provider, settings):
    html = client.get("/konto/logga-in/?next=/mina-kurser/").content.decode()
    assert 'href="/konto/oidc/logga-in/?next=/mina-kurser/"' in html
    settings.LMS_SSO_ENABLED = False
    assert "/konto/oidc/" not in client.get("/konto/logga-in/").content.decode()


def test_no_person_when_the_default_unit_does_not_exist(client, provider, settings):
    OrgUnitFactory(code="KS", kind=OrgUnitKind.COMMITTEE)
    settings.OIDC_CREATE_USER = True
    settings.LMS_OIDC_CREATE_PERSON = True
    settings.LMS_OIDC_DEFAULT_UNIT_CODE = "NOPE"
    sign_in(client, provider, {"sub": "z", "email": "z@example.se"})
    user = signed_in_user(client)
    assert user is not None and not Person.objects.filter(user=user).exists()
