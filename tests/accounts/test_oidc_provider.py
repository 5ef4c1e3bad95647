"""Single sign-on in real Chromium against a certified OpenID provider: panva's oidc-provider (npm,
pinned in tests/oidc_provider/package-lock.json, installed by ``npm ci`` there; .ci/run does it).

The provider runs as a node subprocess on 127.0.0.1 for the whole session; its accounts are the
cases (tests/oidc_provider/provider.mjs). The site finds it through its discovery document alone.
Without node or the installed package these tests skip, and fail in CI (LMS_REQUIRE_SERVICES=1).
"""

import re
import selectors
import shutil
import subprocess
from importlib import import_module
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from lms.access.roles import HR_GROUP
from lms.accounts.models import SignInIdentity
from lms.accounts.oidc_claims import SignInFailure
from lms.organisation.models import Person
from tests.conftest import service_missing
from tests.factories import OrgUnitFactory, PersonFactory

from .fake_oidc import configure_sso_by_discovery

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc_provider"
CLIENT_ID, CLIENT_SECRET = "lms", "lms-secret"  # as in provider.mjs
User = get_user_model()


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """The provider's issuer URL; the process lives as long as the test session."""
    node = shutil.which("node")
    if node is None:
        service_missing("needs node (v20) for the OpenID provider of tests/oidc_provider")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        service_missing("needs the OpenID provider installed: `npm ci` in tests/oidc_provider")
    log_path = tmp_path_factory.mktemp("oidc_provider") / "provider.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [node, "provider.mjs", f"{live_server.url}/konto/oidc/callback/", f"{live_server.url}/"],
            cwd=PROVIDER_DIR,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    try:
        # It prints its line once it listens: wait for that line (or its end), not for a time.
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            ready = selector.select(timeout=30)
        line = process.stdout.readline() if ready else ""
        if not line.startswith("listening "):
            pytest.fail(f"the OpenID provider did not start: {line!r} {log_path.read_text()}", pytrace=False)
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(settings, oidc_provider, monkeypatch):
    """The site configured for the provider by its discovery URL alone, as the README tells."""
    configure_sso_by_discovery(
        settings, monkeypatch, provider_url=oidc_provider, client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )
    settings.OIDC_CREATE_USER = True  # on, to show that nobody gets a second account
    settings.LMS_OIDC_CREATE_PERSON = True
    settings.LMS_OIDC_DEFAULT_UNIT_CODE = "NYA"
    settings.LMS_OIDC_GROUP_MAP = {"lms-hr": HR_GROUP}
    OrgUnitFactory(code="NYA", name="Nyanställda")
    return oidc_provider


@pytest.fixture
def tab(page, oidc_provider, home_page):
    """A tab that reaches only the site and the provider (its pages import a web font)."""
    local = re.compile(r"^https?://(localhost|127\.0\.0\.1)[:/]")
    page.context.route(lambda url: not local.match(url), lambda route: route.abort())
    return page


def signed_in_user(tab):
    """The account the browser's session is signed in to, or None."""
    from django.conf import settings

    cookie = next((c for c in tab.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME), None)
    if cookie is None:
        return None
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    user_id = session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def message(reason: str) -> str:
    with translation.override("sv"):
        return str(SignInFailure.MESSAGES[reason])


def go_to_provider(tab):
    tab.goto("/konto/logga-in/")
    tab.get_by_role("link", name="Logga in med organisationskonto").click()


def sign_in_at_provider(tab, oidc_provider, login: str) -> None:
    """From the site's sign-in page to the provider's form, signed in there as ``login``."""
    go_to_provider(tab)
    tab.wait_for_url(f"{oidc_provider}/**")
    tab.locator("input[name=login]").fill(login)
    tab.locator("input[name=password]").fill("any")
    tab.get_by_role("button", name="Sign-in").click()


def expect_refused(tab, live_server, reason: str) -> None:
    tab.wait_for_url(f"{live_server.url}/konto/logga-in/")
    assert tab.get_by_role("status").inner_text().strip() == message(reason)


def test_employee_number_and_groups_from_the_id_token_sign_in_the_existing_profile(tab, live_server, sso):
    person = PersonFactory(employee_number="4711", user__email="hedda.holm@example.se")
    sign_in_at_provider(tab, sso, "hedda")
    tab.wait_for_url(f"{live_server.url}/")
    assert tab.get_by_role("button", name="Logga ut").is_visible()
    user = signed_in_user(tab)
    assert user == person.user and Person.objects.count() == 1  # no duplicate
    assert list(user.groups.values_list("name", flat=True)) == [HR_GROUP]
    assert SignInIdentity.objects.get().subject == "hedda"
    assert user.email == "hedda.holm@example.se"  # the unverified private address changed nothing


def test_an_unverified_email_signs_nobody_in(tab, live_server, sso):
    manager = PersonFactory(user__email="chef@example.se")
    sign_in_at_provider(tab, sso, "mallory")
    expect_refused(tab, live_server, SignInFailure.UNVERIFIED_EMAIL)
    assert signed_in_user(tab) is None
    assert list(User.objects.all()) == [manager.user]  # neither signed in as the manager nor a new account
    assert not SignInIdentity.objects.exists()


def test_a_wrong_client_secret(tab, live_server, sso, settings):
    settings.OIDC_RP_CLIENT_SECRET = "not-the-secret"  # the provider answers invalid_client
    sign_in_at_provider(tab, sso, "vera")
    expect_refused(tab, live_server, SignInFailure.PROVIDER)
    assert not User.objects.filter(email="vera@example.se").exists()


def test_an_unreachable_jwks(tab, live_server, sso, settings):
    settings.OIDC_OP_JWKS_ENDPOINT = f"{sso}/no-such-jwks"  # explicit settings win over discovery
    sign_in_at_provider(tab, sso, "vera")
    expect_refused(tab, live_server, SignInFailure.PROVIDER)


def test_a_used_code_and_a_reloaded_callback(tab, live_server, sso):
    vera = PersonFactory(user__email="vera@example.se")
    callbacks = []
    tab.on("request", lambda request: callbacks.append(request.url) if "/konto/oidc/callback/" in request.url else None)
    sign_in_at_provider(tab, sso, "vera")
    tab.wait_for_url(f"{live_server.url}/")
    assert signed_in_user(tab) == vera.user
    used = callbacks[-1]

    # Reloading the callback: its state is used up. Back to the site with the message, still signed in.
    tab.goto(used)
    assert tab.get_by_role("status").inner_text().strip() == message(SignInFailure.EXPIRED)
    assert signed_in_user(tab) == vera.user

    # The used code with a fresh state of this browser: the provider refuses it (invalid_grant).
    tab.context.clear_cookies()
    start = tab.request.get(f"{live_server.url}/konto/oidc/logga-in/", max_redirects=0)
    state = parse_qs(urlparse(start.headers["location"]).query)["state"][0]
    code = parse_qs(urlparse(used).query)["code"][0]
    tab.goto(f"/konto/oidc/callback/?code={code}&state={state}")
    expect_refused(tab, live_server, SignInFailure.EXPIRED)


def test_a_stale_or_tampered_state(tab, live_server, sso):
    PersonFactory(user__email="vera@example.se")
    # A sign-in started in this browser, then a callback whose state is not that sign-in's.
    start = tab.request.get(f"{live_server.url}/konto/oidc/logga-in/", max_redirects=0)
    assert start.status == 302 and start.headers["location"].startswith(sso)
    tab.goto(f"{live_server.url}/konto/oidc/callback/?code=made-up&state=not-ours")
    expect_refused(tab, live_server, SignInFailure.EXPIRED)


def test_cancelling_at_the_provider(tab, live_server, sso):
    go_to_provider(tab)
    tab.wait_for_url(f"{sso}/**")
    tab.get_by_role("link", name="[ Cancel ]").click()
    expect_refused(tab, live_server, SignInFailure.CANCELLED)


def test_signing_out_ends_the_provider_session(tab, live_server, sso):
    PersonFactory(user__email="vera@example.se")
    sign_in_at_provider(tab, sso, "vera")
    tab.wait_for_url(f"{live_server.url}/")
    tab.get_by_role("button", name="Logga ut").click()
    # The provider asks to confirm (oidc-provider's page), then sends the browser back to the site.
    tab.get_by_role("button", name="Yes, sign me out").click()
    tab.wait_for_url(f"{live_server.url}/")
    assert signed_in_user(tab) is None
    # The next person at this computer is asked to sign in at the provider, not signed straight in.
    go_to_provider(tab)
    tab.wait_for_url(f"{sso}/**")
    assert tab.locator("input[name=login]").is_visible()


def test_without_single_logout_the_provider_signs_straight_back_in(tab, live_server, sso, settings):
    """The contrast that shows the test above proves something: the provider's session outlives ours."""
    settings.LMS_OIDC_SINGLE_LOGOUT = False
    vera = PersonFactory(user__email="vera@example.se")
    sign_in_at_provider(tab, sso, "vera")
    tab.wait_for_url(f"{live_server.url}/")
    tab.get_by_role("button", name="Logga ut").click()
    tab.wait_for_url(f"{live_server.url}/")
    assert signed_in_user(tab) is None
    go_to_provider(tab)
    tab.wait_for_url(f"{live_server.url}/")
    assert signed_in_user(tab) == vera.user


# --- The second round (issue 27) ---------------------------------------------------------------------


def test_the_admins_sign_out_ends_the_provider_session(tab, live_server, sso):
    person = PersonFactory(employee_number="4711", user__email="hedda.holm@example.se")
    sign_in_at_provider(tab, sso, "hedda")  # HR by her groups
    tab.wait_for_url(f"{live_server.url}/")
    tab.goto("/admin/")
    assert signed_in_user(tab) == person.user
    # Wagtail's own account menu, as the HR user finds it.
    tab.locator(".sidebar-footer__account").click()
    tab.get_by_role("button", name="Logga ut").click()
    tab.get_by_role("button", name="Yes, sign me out").click()
    tab.wait_for_url(f"{live_server.url}/")
    assert signed_in_user(tab) is None
    # The next person at this computer is asked who they are, not signed straight in as HR.
    go_to_provider(tab)
    tab.wait_for_url(f"{sso}/**")
    assert tab.locator("input[name=login]").is_visible()


def test_a_link_made_by_an_unverified_email_stops_when_that_is_no_longer_trusted(
    tab, live_server, sso, settings, caplog
):
    settings.LMS_OIDC_TRUST_EMAIL = True
    person = PersonFactory(user__email="trude@example.se")
    sign_in_at_provider(tab, sso, "trude")
    tab.wait_for_url(f"{live_server.url}/")
    assert signed_in_user(tab) == person.user
    assert SignInIdentity.objects.get().linked_by_unverified_email is True

    settings.LMS_OIDC_TRUST_EMAIL = False
    tab.context.clear_cookies()
    sign_in_at_provider(tab, sso, "trude")
    expect_refused(tab, live_server, SignInFailure.UNTRUSTED_LINK)
    assert signed_in_user(tab) is None
    assert f"SSO sign-in failed (untrusted_link): account {person.user.pk} was linked by an unverified" in caplog.text


def test_hasgroups_leaves_the_roles_as_they_are(tab, live_server, sso, caplog):
    person = PersonFactory(employee_number="4712")
    person.user.groups.add(Group.objects.get_or_create(name=HR_GROUP)[0])
    sign_in_at_provider(tab, sso, "hanna")
    tab.wait_for_url(f"{live_server.url}/")
    assert signed_in_user(tab) == person.user
    assert list(person.user.groups.values_list("name", flat=True)) == [HR_GROUP]
    assert f"'groups' claim of user {person.user.pk} was too large for the token (hasgroups)" in caplog.text


def test_new_accounts_are_named_from_preferred_username_or_name(tab, live_server, sso):
    for login, username in (("nora", "nora.ny"), ("nils", "nils.nilsson")):
        tab.context.clear_cookies()
        sign_in_at_provider(tab, sso, login)
        tab.wait_for_url(f"{live_server.url}/")
        user = signed_in_user(tab)
        assert (user.username, user.email, user.person.org_unit.code) == (username, "", "NYA")
