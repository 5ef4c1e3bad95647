"""Single sign-on end to end against a fake OpenID provider on 127.0.0.1 (no network): fast, for the
unit level. tests/accounts/test_oidc_provider.py does the same against a certified provider."""

import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from config.settings.sso import sso_configuration_problem
from lms.access.privacy import person_extract
from lms.access.roles import EDITORS_GROUP, HR_GROUP, MODERATORS_GROUP
from lms.accounts.checks import check_sso_default_unit
from lms.accounts.models import SignInIdentity
from lms.accounts.oidc_claims import SignInFailure, merge_claims
from lms.organisation import services
from lms.organisation.models import OrgUnitKind, Person
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory

from .fake_oidc import FakeProvider, configure_sso_by_discovery

pytestmark = pytest.mark.django_db

User = get_user_model()
SIGN_IN_PAGE = "/konto/logga-in/"


@pytest.fixture
def provider(settings, monkeypatch):
    with FakeProvider() as fake:
        configure_sso_by_discovery(
            settings, monkeypatch, provider_url=fake.url, client_id=fake.client_id, client_secret=fake.client_secret
        )
        settings.OIDC_CREATE_USER = False
        settings.LMS_OIDC_CREATE_PERSON = False
        settings.LMS_OIDC_GROUP_MAP = {"lms-hr": HR_GROUP, "lms-editors": EDITORS_GROUP}
        yield fake


def start_sign_in(client, provider, next_url: str = "") -> str:
    """Our sign-in URL → the provider's authorize URL (the state and nonce are now in the session)."""
    start = client.get("/konto/oidc/logga-in/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize"), start
    params = parse_qs(urlparse(start["Location"]).query)
    assert params["code_challenge_method"] == ["S256"] and params["nonce"]
    return start["Location"]


def callback_url(authorize_url: str) -> str:
    answer = requests.get(authorize_url, allow_redirects=False, timeout=5)
    callback = urlparse(answer.headers["Location"])
    assert callback.path == "/konto/oidc/callback/"
    return f"{callback.path}?{callback.query}"


def sign_in(client, provider, claims: dict, next_url: str = ""):
    """Browser round trip: our sign-in URL → provider's authorize → our callback."""
    provider.next_claims = claims
    return client.get(callback_url(start_sign_in(client, provider, next_url)))


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def assert_refused(response, reason: str):
    """Back on the sign-in page with the reason's message: never a 500 or a bare 400."""
    assert response.status_code == 302 and response["Location"] == SIGN_IN_PAGE, response
    with translation.override("sv"):
        assert [str(m) for m in get_messages(response.wsgi_request)] == [str(SignInFailure.MESSAGES[reason])]


# --- Creating and matching accounts ------------------------------------------------------------


def test_new_user_is_created_with_a_person_when_allowed(client, provider, settings):
    unit = OrgUnitFactory(code="NYA", name="Nyanställda")
    settings.OIDC_CREATE_USER = True
    settings.LMS_OIDC_CREATE_PERSON = True
    settings.LMS_OIDC_DEFAULT_UNIT_CODE = "NYA"
    claims = {
        "sub": "abc",
        "email": "ny@example.se",
        "email_verified": True,
        "given_name": "Nora",
        "family_name": "Ny",
        "employee_number": "77",
    }
    response = sign_in(client, provider, claims, next_url="/mina-kurser/")
    assert response.status_code == 302 and response["Location"] == "/mina-kurser/"
    user = signed_in_user(client)
    assert user.email == "ny@example.se" and user.first_name == "Nora" and not user.has_usable_password()
    assert user.person.org_unit == unit and user.person.employee_number == "77"
    assert SignInIdentity.objects.get(user=user).subject == "abc"


def test_new_user_without_person_unless_allowed(client, provider, settings):
    settings.OIDC_CREATE_USER = True
    sign_in(client, provider, {"sub": "x", "email": "bara@example.se", "email_verified": True})
    user = signed_in_user(client)
    assert user.username == "bara@example.se" and not Person.objects.filter(user=user).exists()


def test_a_new_account_does_not_keep_an_unverified_email(client, provider, settings):
    settings.OIDC_CREATE_USER = True
    sign_in(client, provider, {"sub": "x", "email": "kanske@example.se", "email_verified": False})
    user = signed_in_user(client)
    assert user is not None and user.email == "" and user.username.startswith("sso-")


def test_nobody_is_created_when_not_allowed(client, provider):
    response = sign_in(client, provider, {"sub": "x", "email": "okand@example.se", "email_verified": True})
    assert_refused(response, SignInFailure.NO_ACCOUNT)
    assert signed_in_user(client) is None and not User.objects.filter(email="okand@example.se").exists()


def test_existing_user_by_verified_email(client, provider):
    person = PersonFactory(user__email="Anna.Lind@example.se")
    sign_in(client, provider, {"sub": "a", "email": "anna.lind@example.se", "email_verified": True})
    assert signed_in_user(client) == person.user
    assert User.objects.count() == 1


def test_email_verified_as_text_counts(client, provider):
    person = PersonFactory(user__email="anna@example.se")
    sign_in(client, provider, {"sub": "a", "email": "anna@example.se", "email_verified": "true"})
    assert signed_in_user(client) == person.user


@pytest.mark.parametrize("verified", [False, None])
def test_an_unverified_email_never_signs_in_as_its_owner(client, provider, settings, verified):
    manager = PersonFactory(user__email="chef@example.se")
    settings.OIDC_CREATE_USER = True  # nor is a second account made for them
    claims = {"sub": "attacker", "email": "chef@example.se"}
    if verified is not None:
        claims["email_verified"] = verified
    response = sign_in(client, provider, claims)
    assert_refused(response, SignInFailure.UNVERIFIED_EMAIL)
    assert signed_in_user(client) is None
    assert User.objects.count() == 1 and not SignInIdentity.objects.exists()
    assert not manager.user.groups.exists()


def test_a_trusted_provider_email_signs_in_unverified(client, provider, settings):
    person = PersonFactory(user__email="chef@example.se")
    settings.LMS_OIDC_TRUST_EMAIL = True
    sign_in(client, provider, {"sub": "c", "email": "chef@example.se"})
    assert signed_in_user(client) == person.user


def test_existing_user_by_employee_number_claim(client, provider):
    person = PersonFactory(employee_number="4711", user__email="old@example.se")
    PersonFactory(user__email="new@example.se")  # the e-mail alone would pick someone else
    sign_in(client, provider, {"sub": "a", "email": "new@example.se", "employee_number": "4711"})
    assert signed_in_user(client) == person.user


def test_employee_number_and_groups_only_in_the_id_token(client, provider, settings):
    """Entra ID: groups and the employee id in the ID token, userinfo with the basic claims only."""
    settings.OIDC_CREATE_USER = True
    settings.LMS_OIDC_CREATE_PERSON = True
    settings.LMS_OIDC_DEFAULT_UNIT_CODE = "NYA"
    OrgUnitFactory(code="NYA")
    person = PersonFactory(employee_number="4711", user__email="hedda.holm@example.se")
    provider.userinfo_claims = {"sub": "oid-1", "email": "hedda.privat@example.org"}
    response = sign_in(client, provider, {"sub": "oid-1", "employee_number": "4711", "groups": ["lms-hr"]})
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) == person.user
    assert list(person.user.groups.values_list("name", flat=True)) == [HR_GROUP]
    assert User.objects.count() == 1 and Person.objects.count() == 1  # no duplicate


def test_the_id_token_wins_over_userinfo():
    merged = merge_claims({"sub": "1", "groups": ["a"]}, {"sub": "1", "groups": ["b"], "email": "x@example.se"})
    assert merged == {"sub": "1", "groups": ["a"], "email": "x@example.se"}


def test_email_verified_belongs_to_its_own_address():
    merged = merge_claims(
        {"sub": "1", "email": "chef@example.se"}, {"sub": "1", "email": "me@example.org", "email_verified": True}
    )
    assert merged["email"] == "chef@example.se" and "email_verified" not in merged
    same = merge_claims(
        {"sub": "1", "email": "a@example.se"}, {"sub": "1", "email": "A@example.se", "email_verified": True}
    )
    assert same["email_verified"] is True


def test_userinfo_about_another_subject_is_refused(client, provider):
    PersonFactory(employee_number="4711")
    provider.userinfo_claims = {"sub": "someone-else"}
    response = sign_in(client, provider, {"sub": "a", "employee_number": "4711"})
    assert_refused(response, SignInFailure.UNVERIFIABLE)


def test_the_stored_subject_finds_the_account_again(client, provider, settings):
    settings.LMS_OIDC_SUBJECT_CLAIM = "oid"
    person = PersonFactory(employee_number="4711", user__email="anna@example.se")
    sign_in(client, provider, {"sub": "pairwise-1", "oid": "object-1", "employee_number": "4711"})
    assert SignInIdentity.objects.get().subject == "object-1"
    client.logout()
    # Neither the number nor the e-mail any more: the stored object id alone.
    sign_in(client, provider, {"sub": "pairwise-2", "oid": "object-1"})
    assert signed_in_user(client) == person.user
    assert ModelLogEntry.objects.filter(action="lms.oidc.linked").count() == 1


def test_an_email_of_an_account_linked_elsewhere_is_refused(client, provider):
    person = PersonFactory(user__email="anna@example.se")
    sign_in(client, provider, {"sub": "first", "email": "anna@example.se", "email_verified": True})
    assert signed_in_user(client) == person.user
    client.logout()
    response = sign_in(client, provider, {"sub": "second", "email": "anna@example.se", "email_verified": True})
    assert_refused(response, SignInFailure.ASK_HR)
    assert SignInIdentity.objects.get().subject == "first"


def test_the_employee_number_relinks_a_new_organisation_account(client, provider):
    person = PersonFactory(employee_number="4711")
    sign_in(client, provider, {"sub": "first", "employee_number": "4711"})
    client.logout()
    sign_in(client, provider, {"sub": "recreated", "employee_number": "4711"})
    assert signed_in_user(client) == person.user
    assert SignInIdentity.objects.get().subject == "recreated"
    assert ModelLogEntry.objects.filter(action="lms.oidc.linked").count() == 2


def test_an_email_of_a_profile_with_another_employee_number_is_refused(client, provider, settings):
    PersonFactory(employee_number="1000", user__email="anna@example.se")
    settings.OIDC_CREATE_USER = True
    claims = {"sub": "a", "email": "anna@example.se", "email_verified": True, "employee_number": "2000"}
    assert_refused(sign_in(client, provider, claims), SignInFailure.ASK_HR)
    assert User.objects.count() == 1


def test_role_mapping_adds_and_removes_mapped_groups_only(client, provider):
    person = PersonFactory(user__email="hr@example.se")
    user = person.user
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])  # not mapped: left alone
    claims = {"sub": "h", "email": "hr@example.se", "email_verified": True}
    sign_in(client, provider, {**claims, "groups": ["lms-hr", "unrelated"]})
    assert set(user.groups.values_list("name", flat=True)) == {HR_GROUP, MODERATORS_GROUP}
    entry = ModelLogEntry.objects.get(action="lms.oidc.roles")
    assert entry.data == {"added": [HR_GROUP], "removed": []} and entry.object_id == str(user.pk)

    client.logout()
    sign_in(client, provider, {**claims, "groups": ["lms-editors"]})
    assert set(user.groups.values_list("name", flat=True)) == {EDITORS_GROUP, MODERATORS_GROUP}
    assert ModelLogEntry.objects.filter(action="lms.oidc.roles").count() == 2

    client.logout()
    sign_in(client, provider, {**claims, "groups": ["lms-editors"]})
    assert ModelLogEntry.objects.filter(action="lms.oidc.roles").count() == 2  # nothing changed, nothing logged


def test_group_overage_leaves_the_roles_alone(client, provider):
    person = PersonFactory(employee_number="4711")
    person.user.groups.add(Group.objects.get_or_create(name=HR_GROUP)[0])
    claims = {"sub": "a", "employee_number": "4711", "_claim_names": {"groups": "src1"}}
    sign_in(client, provider, claims)
    assert signed_in_user(client) == person.user
    assert list(person.user.groups.values_list("name", flat=True)) == [HR_GROUP]


def test_an_inactive_account_cannot_sign_in(client, provider):
    person = PersonFactory(employee_number="4711")
    person.user.is_active = False
    person.user.save()
    assert_refused(sign_in(client, provider, {"sub": "g", "employee_number": "4711"}), SignInFailure.INACTIVE)
    assert signed_in_user(client) is None


def test_nobody_is_created_when_the_default_unit_does_not_exist(client, provider, settings):
    OrgUnitFactory(code="KS", kind=OrgUnitKind.COMMITTEE)
    settings.OIDC_CREATE_USER = True
    settings.LMS_OIDC_CREATE_PERSON = True
    settings.LMS_OIDC_DEFAULT_UNIT_CODE = "NOPE"
    response = sign_in(client, provider, {"sub": "z", "email": "z@example.se", "email_verified": True})
    assert_refused(response, SignInFailure.NOT_SET_UP)
    assert not User.objects.exists()


# --- Tokens that do not verify -------------------------------------------------------------------


def test_a_token_for_another_audience_is_refused(client, provider):
    PersonFactory(employee_number="4711")
    provider.audience = "some-other-app"
    assert_refused(sign_in(client, provider, {"sub": "a", "employee_number": "4711"}), SignInFailure.UNVERIFIABLE)
    assert signed_in_user(client) is None


def test_a_token_from_another_issuer_is_refused(client, provider, settings):
    PersonFactory(employee_number="4711")
    settings.OIDC_OP_ISSUER = "https://login.example.org"  # explicit settings win over discovery
    assert_refused(sign_in(client, provider, {"sub": "a", "employee_number": "4711"}), SignInFailure.UNVERIFIABLE)
    assert signed_in_user(client) is None


def test_a_token_signed_by_another_key_is_refused(client, provider):
    PersonFactory(employee_number="4711")
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    provider.key, real_jwks = forger, provider.jwks()
    provider.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # signs; the JWKS shows the forger's
    provider.jwks = lambda: real_jwks
    assert_refused(sign_in(client, provider, {"sub": "a", "employee_number": "4711"}), SignInFailure.UNVERIFIABLE)
    assert signed_in_user(client) is None


# --- Failures of the exchange: a message on the sign-in page, never a 500 or 400 ---------------------


@pytest.mark.parametrize(
    ("status", "error", "reason"),
    [
        (401, "invalid_client", SignInFailure.PROVIDER),  # a wrong client secret
        (400, "invalid_grant", SignInFailure.EXPIRED),  # an expired or already used code
        (500, "server_error", SignInFailure.PROVIDER),
    ],
)
def test_token_endpoint_errors(client, provider, status, error, reason, caplog):
    provider.token_error = (status, error)
    assert_refused(sign_in(client, provider, {"sub": "a"}), reason)
    assert error in caplog.text  # the cause is in the log


def test_an_unreachable_jwks_endpoint(client, provider, settings):
    settings.OIDC_OP_JWKS_ENDPOINT = "http://127.0.0.1:9/jwks"  # explicit, wins over discovery; nothing listens
    assert_refused(sign_in(client, provider, {"sub": "a"}), SignInFailure.PROVIDER)


def test_a_jwks_without_the_key(client, provider):
    provider.kid = "rotated-away"
    real_jwks = provider.jwks()
    provider.kid = "test-key-1"
    provider.jwks = lambda: real_jwks
    assert_refused(sign_in(client, provider, {"sub": "a"}), SignInFailure.UNVERIFIABLE)


def test_the_person_cancels_at_the_provider(client, provider):
    provider.authorize_error = "access_denied"
    assert_refused(sign_in(client, provider, {"sub": "a"}), SignInFailure.CANCELLED)


def test_a_tampered_state(client, provider):
    PersonFactory(employee_number="4711")
    provider.next_claims = {"sub": "a", "employee_number": "4711"}
    url = callback_url(start_sign_in(client, provider))
    tampered = url.replace("state=", "state=x")
    assert_refused(client.get(tampered), SignInFailure.EXPIRED)
    assert signed_in_user(client) is None


def test_reloading_the_callback_after_signing_in(client, provider):
    person = PersonFactory(employee_number="4711")
    provider.next_claims = {"sub": "a", "employee_number": "4711"}
    url = callback_url(start_sign_in(client, provider))
    assert client.get(url)["Location"] == "/"
    assert_refused(client.get(url), SignInFailure.EXPIRED)  # the state was used up
    assert signed_in_user(client) == person.user  # and the sign-in that worked stays


def test_a_callback_without_a_sign_in_started(client, provider):
    assert_refused(client.get("/konto/oidc/callback/?code=x&state=y"), SignInFailure.EXPIRED)


def test_the_message_is_shown_in_swedish_on_the_sign_in_page(client, provider):
    provider.authorize_error = "access_denied"
    response = sign_in(client, provider, {"sub": "a"})
    html = client.get(response["Location"]).content.decode()
    assert "Du avbröt inloggningen med ditt organisationskonto." in html


# --- Discovery ------------------------------------------------------------------------------------


def test_discovery_is_read_once_and_cached(client, provider):
    PersonFactory(employee_number="4711")
    sign_in(client, provider, {"sub": "a", "employee_number": "4711"})
    client.logout()
    sign_in(client, provider, {"sub": "a", "employee_number": "4711"})
    assert provider.requests.count("/.well-known/openid-configuration") == 1


def test_an_unreachable_discovery_document(client, provider, settings):
    settings.OIDC_OP_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    response = client.get("/konto/oidc/logga-in/")
    assert_refused(response, SignInFailure.PROVIDER)


def test_a_discovery_document_naming_another_issuer(client, provider, settings):
    settings.OIDC_OP_DISCOVERY_URL = (
        f"{provider.url.replace('127.0.0.1', 'localhost')}/.well-known/openid-configuration"
    )
    assert_refused(client.get("/konto/oidc/logga-in/"), SignInFailure.PROVIDER)


def test_explicit_endpoints_without_discovery(client, provider, settings):
    person = PersonFactory(employee_number="4711")
    discovery = provider.discovery
    settings.OIDC_OP_DISCOVERY_URL = ""
    settings.OIDC_OP_ISSUER = discovery["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]  # no userinfo endpoint: the ID token alone
    sign_in(client, provider, {"sub": "a", "employee_number": "4711"})
    assert signed_in_user(client) == person.user
    assert "/userinfo" not in provider.requests


# --- Single logout --------------------------------------------------------------------------------


def test_signing_out_ends_the_provider_session_too(client, provider):
    PersonFactory(employee_number="4711")
    sign_in(client, provider, {"sub": "a", "employee_number": "4711"})
    response = client.post("/konto/logga-ut/")
    assert signed_in_user(client) is None
    # A page that moves on to the provider at once (a redirect would break the CSP's form-action).
    assert response.status_code == 200
    target = urlparse(response.context["provider_url"])
    assert f'<meta http-equiv="refresh" content="0;url={escape(target.geturl())}">' in response.content.decode()
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.url}/logout"
    params = parse_qs(target.query)
    assert params["post_logout_redirect_uri"] == ["http://testserver/"] and params["client_id"] == ["lms-test"]
    assert params["id_token_hint"][0].count(".") == 2


def test_single_logout_can_be_turned_off(client, provider, settings):
    PersonFactory(employee_number="4711")
    settings.LMS_OIDC_SINGLE_LOGOUT = False
    sign_in(client, provider, {"sub": "a", "employee_number": "4711"})
    assert client.post("/konto/logga-ut/")["Location"] == "/"


def test_a_password_session_signs_out_here_only(client, provider):
    UserFactory(username="lokal")
    assert client.login(request=HttpRequest(), username="lokal", password="secret-pass-123")
    assert client.post("/konto/logga-ut/")["Location"] == "/"


# --- Settings, start-up checks, personal data ------------------------------------------------------


def test_local_passwords_still_work(client, provider):
    UserFactory(username="lokal")
    assert client.login(request=HttpRequest(), username="lokal", password="secret-pass-123")
    assert "/.well-known/openid-configuration" not in provider.requests  # no provider for a password


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


SSO = {"OIDC_RP_CLIENT_ID": "lms", "OIDC_RP_CLIENT_SECRET": "s"}


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({}, ""),
        ({**SSO, "OIDC_OP_DISCOVERY_URL": "https://idp/.well-known/openid-configuration"}, ""),
        ({"OIDC_RP_CLIENT_ID": "lms", "OIDC_OP_DISCOVERY_URL": "https://idp"}, "OIDC_RP_CLIENT_SECRET"),
        (
            {**SSO, "OIDC_OP_AUTHORIZATION_ENDPOINT": "a", "OIDC_OP_TOKEN_ENDPOINT": "t", "OIDC_OP_JWKS_ENDPOINT": "j"},
            "OIDC_OP_ISSUER",  # SSO without an issuer
        ),
        (
            {**SSO, "OIDC_OP_DISCOVERY_URL": "https://idp", "LMS_OIDC_CREATE_PERSON": True},
            "LMS_OIDC_DEFAULT_UNIT_CODE",  # people created without a unit
        ),
    ],
)
def test_sso_configuration_problems(values, problem):
    found = sso_configuration_problem(values)
    assert (problem in found) if problem else found == ""


def test_a_misconfiguration_stops_start_up_with_one_line(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "OIDC_RP_CLIENT_ID": "lms",
        "OIDC_RP_CLIENT_SECRET": "s",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://idp/token",
        "OIDC_OP_JWKS_ENDPOINT": "https://idp/jwks",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: OIDC_RP_CLIENT_ID is set, so single sign-on needs OIDC_OP_DISCOVERY_URL, or else "
        "OIDC_OP_ISSUER (the issuer is always checked)."
    ]


def test_an_unknown_default_unit_is_refused_by_the_database_check(settings):
    settings.LMS_SSO_ENABLED = True
    settings.OIDC_CREATE_USER = True
    settings.LMS_OIDC_CREATE_PERSON = True
    settings.LMS_OIDC_DEFAULT_UNIT_CODE = "NYA"
    assert check_sso_default_unit(databases=["default"]) == []  # no units yet: before the first HR import
    assert check_sso_default_unit(databases=None) == []  # not asked to look at the database
    OrgUnitFactory(code="KS")
    errors = check_sso_default_unit(databases=["default"])
    assert [e.id for e in errors] == ["accounts.E001"] and "'NYA'" in errors[0].msg
    OrgUnitFactory(code="NYA")
    assert check_sso_default_unit(databases=["default"]) == []


def test_the_organisation_account_is_in_the_extract_and_erased(client, provider):
    person = PersonFactory(employee_number="4711")
    sign_in(client, provider, {"sub": "object-1", "employee_number": "4711"})
    section = next(s for s in person_extract(person)["sections"] if s["key"] == "accounts")["data"]
    assert [i["subject"] for i in section["sign_in_identities"]] == ["object-1"]
    services.person_erase(person=person)
    assert not SignInIdentity.objects.exists()
