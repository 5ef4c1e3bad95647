"""Single sign-on, the second round (issue 27): links made by an unverified e-mail, Entra's ``hasgroups``
overage and the usernames of new accounts; against the fake provider (tests/accounts/fake_oidc.py).
test_oidc_provider.py shows the same against the certified provider."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from lms.access.privacy import person_extract
from lms.access.roles import HR_GROUP
from lms.accounts.models import SignInIdentity
from lms.accounts.oidc_claims import SignInFailure, username_from_claim
from tests.factories import PersonFactory, UserFactory

from .test_oidc import assert_refused, provider, sign_in, signed_in_user  # noqa: F401 (provider: a fixture)

pytestmark = pytest.mark.django_db

User = get_user_model()


# --- Links made by an unverified e-mail (LMS_OIDC_TRUST_EMAIL) -----------------------------------------


@pytest.fixture
def trusted_link(client, provider, settings):  # noqa: F811
    """Anna's account linked to the organisation account "c" by an e-mail the provider did not verify,
    while the setting trusted such addresses."""
    person = PersonFactory(user__email="anna@example.se", employee_number="4711")
    settings.LMS_OIDC_TRUST_EMAIL = True
    sign_in(client, provider, {"sub": "c", "email": "anna@example.se"})
    assert signed_in_user(client) == person.user
    client.logout()
    return person


def test_a_link_made_by_a_trusted_unverified_email_is_marked(trusted_link):
    identity = SignInIdentity.objects.get()
    assert identity.linked_by_unverified_email is True
    entry = ModelLogEntry.objects.get(action="lms.oidc.linked")
    assert entry.data == {"matched_by": "e-mail", "unverified_email": True}


def test_a_link_made_by_a_verified_email_is_not_marked(client, provider, settings):  # noqa: F811
    settings.LMS_OIDC_TRUST_EMAIL = True
    PersonFactory(user__email="anna@example.se")
    sign_in(client, provider, {"sub": "c", "email": "anna@example.se", "email_verified": True})
    assert SignInIdentity.objects.get().linked_by_unverified_email is False


def test_it_keeps_signing_in_while_the_setting_is_on(client, provider, trusted_link):  # noqa: F811
    sign_in(client, provider, {"sub": "c"})
    assert signed_in_user(client) == trusted_link.user


def test_it_stops_signing_in_when_the_setting_is_off(client, provider, settings, trusted_link, caplog):  # noqa: F811
    settings.LMS_OIDC_TRUST_EMAIL = False
    with caplog.at_level(logging.WARNING, logger="lms.accounts.oidc"):
        response = sign_in(client, provider, {"sub": "c", "email": "anna@example.se"})
    assert_refused(response, SignInFailure.UNTRUSTED_LINK)
    assert signed_in_user(client) is None
    assert f"SSO sign-in failed (untrusted_link): account {trusted_link.user.pk} was linked by an unverified" in (
        caplog.text
    )
    assert SignInIdentity.objects.get().linked_by_unverified_email is True  # nothing changed


@pytest.mark.parametrize(
    ("claims", "matched_by"),
    [
        ({"employee_number": "4711"}, "employee number"),
        ({"email": "Anna@example.se", "email_verified": True}, "e-mail"),
    ],
)
def test_a_trusted_claim_confirms_it(client, provider, settings, trusted_link, claims, matched_by):  # noqa: F811
    settings.LMS_OIDC_TRUST_EMAIL = False
    sign_in(client, provider, {"sub": "c", **claims})
    assert signed_in_user(client) == trusted_link.user
    assert SignInIdentity.objects.get().linked_by_unverified_email is False  # an ordinary link from now on
    entry = ModelLogEntry.objects.filter(action="lms.oidc.linked").latest("pk")
    assert entry.data == {"matched_by": matched_by, "confirmed": True}
    client.logout()
    sign_in(client, provider, {"sub": "c"})
    assert signed_in_user(client) == trusted_link.user


def test_another_employee_number_does_not_confirm_it(client, provider, settings, trusted_link):  # noqa: F811
    settings.LMS_OIDC_TRUST_EMAIL = False
    PersonFactory(employee_number="5000")
    response = sign_in(client, provider, {"sub": "c", "employee_number": "5000"})
    assert_refused(response, SignInFailure.UNTRUSTED_LINK)


def test_the_mark_is_in_the_register_extract(trusted_link):
    section = next(s for s in person_extract(trusted_link)["sections"] if s["key"] == "accounts")["data"]
    assert [i["linked_by_unverified_email"] for i in section["sign_in_identities"]] == [True]


# --- Entra's group overage ----------------------------------------------------------------------------


@pytest.fixture
def hr_person():
    person = PersonFactory(employee_number="4711")
    person.user.groups.add(Group.objects.get_or_create(name=HR_GROUP)[0])
    return person


@pytest.mark.parametrize("hasgroups", [True, "true"])
def test_hasgroups_is_overage_the_roles_stay(client, provider, hr_person, caplog, hasgroups):  # noqa: F811
    with caplog.at_level(logging.WARNING, logger="lms.accounts.oidc"):
        sign_in(client, provider, {"sub": "a", "employee_number": "4711", "hasgroups": hasgroups})
    assert signed_in_user(client) == hr_person.user
    assert list(hr_person.user.groups.values_list("name", flat=True)) == [HR_GROUP]
    assert f"'groups' claim of user {hr_person.user.pk} was too large for the token (hasgroups)" in caplog.text
    assert not ModelLogEntry.objects.filter(action="lms.oidc.roles").exists()


def test_without_groups_or_an_overage_signal_the_roles_go(client, provider, hr_person):  # noqa: F811
    """The contrast: a token that says nothing about groups means none of the mapped roles."""
    sign_in(client, provider, {"sub": "a", "employee_number": "4711", "hasgroups": False})
    assert not hr_person.user.groups.exists()


def test_a_groups_list_beside_hasgroups_is_read(client, provider, hr_person):  # noqa: F811
    sign_in(client, provider, {"sub": "a", "employee_number": "4711", "hasgroups": True, "groups": ["lms-editors"]})
    assert list(hr_person.user.groups.values_list("name", flat=True)) == ["Editors"]


# --- Usernames of new accounts ----------------------------------------------------------------------------


@pytest.fixture
def creating(settings):
    settings.OIDC_CREATE_USER = True


@pytest.mark.parametrize(
    ("claims", "username"),
    [
        ({"preferred_username": "Nora.Ny", "name": "Nora Ny"}, "nora.ny"),
        ({"name": "Åsa Öberg-Lind"}, "åsa.öberg-lind"),
        ({"name": "  Per  <script>  Persson! "}, "per.script.persson"),
        ({"preferred_username": "nora@kommun.se"}, "nora"),  # an address nobody vouched for: its local part
        ({"preferred_username": "nora@kommun.se", "email": "nora@kommun.se", "email_verified": True}, "nora@kommun.se"),
        ({"email": "bara@example.se", "email_verified": True, "name": "Bara"}, "bara@example.se"),
        ({"preferred_username": "!!!", "name": "Nora"}, "nora"),
        ({"preferred_username": "***", "employee_number": "77"}, "sso-77"),
    ],
)
def test_a_new_account_is_named_from_its_claims(client, provider, creating, claims, username):  # noqa: F811
    sign_in(client, provider, {"sub": "x", **claims})
    assert signed_in_user(client).username == username


def test_without_any_name_claim_a_made_up_one(client, provider, creating):  # noqa: F811
    sign_in(client, provider, {"sub": "x"})
    assert signed_in_user(client).username.startswith("sso-")


def test_a_taken_username_gets_a_number(client, provider, creating):  # noqa: F811
    UserFactory(username="Nora.Ny")
    UserFactory(username="nora.ny-2")
    sign_in(client, provider, {"sub": "x", "preferred_username": "nora.ny"})
    assert signed_in_user(client).username == "nora.ny-3"


def test_a_long_name_fits():
    name = username_from_claim("a" * 400, User)
    assert len(name) == 130 and name == "a" * 130
    assert username_from_claim("a" * 129 + " b", User) == "a" * 129  # no trailing dot
