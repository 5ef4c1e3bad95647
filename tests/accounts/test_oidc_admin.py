"""Single sign-on in the admin (issue 27): the admin's sign-out ends the provider's session as the site's
does, and a person's SSO links are listed on their inspect page with a remove action (POST, CSRF,
audit-logged, through the access rule). The browser round trips: test_oidc_provider.py."""

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import resolve, reverse
from wagtail.models import ModelLogEntry

from lms.access.roles import EDITORS_GROUP, HR_GROUP
from lms.accounts.models import SignInIdentity
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.helpers import status_and_location

from .test_oidc import provider, sign_in, signed_in_user  # noqa: F401 (provider: a fixture)

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.se"


# --- The admin's sign-out -------------------------------------------------------------------------


def test_wagtails_log_out_is_ours():
    assert reverse("wagtailadmin_logout") == "/admin/logout/"
    assert resolve("/admin/logout/").url_name == "lms_admin_logout"  # ours, ahead of Wagtail's
    assert reverse("lms_admin_logout") == "/admin/logout/"


def test_the_admins_sign_out_ends_the_provider_session_too(client, provider):  # noqa: F811
    person = PersonFactory(employee_number="4711")
    sign_in(client, provider, {"sub": "a", "employee_number": "4711", "groups": ["lms-hr"]})
    assert signed_in_user(client) == person.user and client.get("/admin/").status_code == 200
    response = client.post("/admin/logout/")
    assert signed_in_user(client) is None
    assert response.status_code == 200 and response.templates[0].name == "accounts/signing_out.html"
    target = urlparse(response.context["provider_url"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{provider.url}/logout"
    params = parse_qs(target.query)
    assert params["post_logout_redirect_uri"] == ["http://testserver/"] and params["id_token_hint"][0].count(".") == 2
    # Wagtail's own sign-out still did its part: the session cookie is gone, not renewed.
    assert response.cookies["sessionid"]["max-age"] == 0


def test_a_password_session_signs_out_of_the_admin_as_before(client, provider):  # noqa: F811
    client.force_login(hr_user(username="hr-user"))
    assert status_and_location(client.post("/admin/logout/")) == (302, "/admin/login/")
    assert signed_in_user(client) is None


def test_without_single_logout_the_admin_signs_out_here_only(client, provider, settings):  # noqa: F811
    settings.LMS_OIDC_SINGLE_LOGOUT = False
    PersonFactory(employee_number="4711")
    sign_in(client, provider, {"sub": "a", "employee_number": "4711", "groups": ["lms-hr"]})
    assert status_and_location(client.post("/admin/logout/")) == (302, "/admin/login/")


# --- A person's SSO links -----------------------------------------------------------------------------


@pytest.fixture
def units():
    top = OrgUnitFactory(name="Kommunen", kind="municipality")
    return {"top": top, "inside": OrgUnitFactory(parent=top), "outside": OrgUnitFactory(parent=top)}


@pytest.fixture
def linked(units):
    person = PersonFactory(org_unit=units["inside"], user__first_name="Vera", user__last_name="Viss")
    identity = SignInIdentity.objects.create(
        user=person.user, issuer=ISSUER, subject="object-1", linked_by_unverified_email=True
    )
    return person, identity


def inspect_url(person) -> str:
    return reverse("person:inspect", args=[person.pk])


def remove_url(person, identity) -> str:
    return reverse("organisation_person_sign_in_identity_remove", args=[person.pk, identity.pk])


def links(response) -> list[dict]:
    """Each link on the person's page: its heading (the issuer), its fields and its button."""
    page = BeautifulSoup(response.content, "html.parser")
    found = []
    for block in page.select("section.sign-in-identities section.sign-in-identity"):
        button = block.find("button")
        fields = zip(block.find_all("dt"), block.find_all("dd"), strict=True)
        found.append(
            {
                "issuer": block.h3.get_text(strip=True),
                **{dt.get_text(strip=True): " ".join(dd.get_text().split()) for dt, dd in fields},
                "button": " ".join(button.get_text().split()) if button else None,
            }
        )
    return found


def test_hr_sees_the_links_on_the_persons_page_and_removes_one(client, linked):
    person, identity = linked
    client.force_login(hr_user(username="hr-user"))
    response = client.get(inspect_url(person))
    assert response.status_code == 200
    [link] = links(response)
    assert (link["issuer"], link["Kontoidentitet"], link["Senast använt"]) == (ISSUER, "object-1", "–")
    assert link["Kopplat genom en overifierad e-postadress"].startswith("Ja. Loggar bara in medan plattformen litar")
    assert link["button"] == f"Ta bort koppling till {ISSUER}"

    response = client.post(remove_url(person, identity))
    assert (response.status_code, response["Location"]) == (302, inspect_url(person))
    assert not SignInIdentity.objects.exists()
    entry = ModelLogEntry.objects.get(action="lms.oidc.unlinked")
    assert (entry.object_id, entry.user.username) == (str(person.pk), "hr-user")
    assert entry.data == {"issuer": ISSUER, "linked_by_unverified_email": True}
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Kopplingen till organisationskontot hos {ISSUER} togs bort."
    ]
    assert "Inget organisationskonto är kopplat" in client.get(inspect_url(person)).content.decode()


def test_removing_is_a_post_with_the_csrf_token(linked):
    person, identity = linked
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_user(username="hr-user"))
    assert client.get(remove_url(person, identity)).status_code == 405
    assert client.post(remove_url(person, identity)).status_code == 403
    assert SignInIdentity.objects.filter(pk=identity.pk).exists()


def test_outside_the_scope_the_links_do_not_exist(client, linked, units):
    person, identity = linked
    scoped = hr_user(username="hr-outside", scope=units["outside"])
    client.force_login(scoped)
    assert client.get(inspect_url(person)).status_code == 404
    assert client.post(remove_url(person, identity)).status_code == 404
    other = PersonFactory(org_unit=units["inside"])  # a link of someone else, by this person's URL
    client.force_login(hr_user(username="hr-all"))
    assert client.post(remove_url(other, identity)).status_code == 404
    assert SignInIdentity.objects.filter(pk=identity.pk).exists()


def test_an_editor_may_not_remove_links(client, linked):
    person, identity = linked
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    assert client.post(remove_url(person, identity)).status_code == 404  # not even the person exists for them
    assert SignInIdentity.objects.filter(pk=identity.pk).exists()


def test_hr_may_not_remove_the_links_of_an_account_that_can_do_more(client, units):
    boss = PersonFactory(org_unit=units["inside"], user__username="boss")
    boss.user.is_superuser = True
    boss.user.save()
    identity = SignInIdentity.objects.create(user=boss.user, issuer=ISSUER, subject="boss")
    client.force_login(hr_user(username="hr-user"))
    response = client.get(inspect_url(boss))
    assert [(link["issuer"], link["Kontoidentitet"], link["button"]) for link in links(response)] == [
        (ISSUER, "boss", None)
    ]
    assert status_and_location(client.post(remove_url(boss, identity))) == (302, "/admin/")  # Wagtail's "denied"
    assert SignInIdentity.objects.filter(pk=identity.pk).exists()


def test_a_superuser_may(admin_client, units):
    boss = PersonFactory(org_unit=units["inside"])
    boss.user.is_superuser = True
    boss.user.save()
    identity = SignInIdentity.objects.create(user=boss.user, issuer=ISSUER, subject="boss")
    assert admin_client.post(remove_url(boss, identity)).status_code == 302
    assert not SignInIdentity.objects.exists()


def test_hr_holds_the_permissions():
    group = Group.objects.get(name=HR_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_signinidentity", "delete_signinidentity"} <= codenames
