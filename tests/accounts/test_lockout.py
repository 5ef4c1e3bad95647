"""Sign-in throttling (django-axes, lms/accounts/lockouts.py): both sign-in pages lock after
10 wrong passwords, password reset is limited, a spoofed X-Forwarded-For counts for nothing, and
HR unlocks in the Wagtail admin, all of it in the audit log."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory, hr_user
from tests.helpers import status_and_location

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/konto/logga-in/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "secret-pass-123"
SWEDISH_LOCK = "För många felaktiga lösenord har angetts för det här kontot"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def fail(client, url, username, times=10, **extra):
    for _i in range(times):
        response = client.post(url, {"username": username, "password": "wrong-password"}, **extra)
    return response


def sign_in(client, url, username, **extra):
    return client.post(url, {"username": username, "password": PASSWORD}, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_site_sign_in_locks_after_ten_wrong_passwords(client):
    UserFactory(username="anna")
    assert fail(client, SITE_LOGIN, "anna", times=9).status_code == 200  # the form again, not locked yet
    locked = fail(client, SITE_LOGIN, "anna", times=1)
    assert locked.status_code == 429
    response = sign_in(client, SITE_LOGIN, "anna")
    assert response.status_code == 429
    assert SWEDISH_LOCK in response.content.decode()
    assert "15 minuter" in response.content.decode()
    assert not signed_in(client)


def test_english_lockout_message(client):
    UserFactory(username="anna")
    fail(client, SITE_LOGIN, "anna")
    client.cookies["lms_language"] = "en"
    response = sign_in(client, SITE_LOGIN, "anna", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many wrong passwords have been entered for this account" in response.content.decode()


def test_admin_sign_in_locks_after_ten_wrong_passwords(client):
    UserFactory(username="admin1", is_superuser=True, is_staff=True)
    fail(client, ADMIN_LOGIN, "admin1")
    response = sign_in(client, ADMIN_LOGIN, "admin1")
    assert response.status_code == 429
    assert SWEDISH_LOCK in response.content.decode()
    assert not signed_in(client)


def test_spoofed_forwarded_for_does_not_help(client):
    UserFactory(username="anna")
    for i in range(10):
        client.post(SITE_LOGIN, {"username": "anna", "password": "wrong"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    response = sign_in(client, SITE_LOGIN, "anna", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_many_addresses_lock_the_account_at_the_higher_limit(client, settings):
    UserFactory(username="anna")
    for i in range(settings.LMS_SIGNIN_ACCOUNT_FAILURE_LIMIT):  # 9 or fewer per address: below the pair limit
        client.post(SITE_LOGIN, {"username": "anna", "password": "wrong"}, REMOTE_ADDR=f"203.0.113.{i % 4}")
    assert sign_in(client, SITE_LOGIN, "anna", REMOTE_ADDR="198.51.100.7").status_code == 429


def test_the_lock_is_per_account_and_address(client):
    UserFactory(username="anna")
    fail(client, SITE_LOGIN, "anna")
    # The real Anna, elsewhere, is not locked out by someone guessing from one address.
    response = sign_in(client, SITE_LOGIN, "anna", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert signed_in(client)


def test_the_lock_ends_after_the_cool_off(client):
    UserFactory(username="anna")
    with time_machine.travel(T0, tick=False):
        fail(client, SITE_LOGIN, "anna")
    with time_machine.travel(T0 + timedelta(minutes=14), tick=False):
        assert sign_in(client, SITE_LOGIN, "anna").status_code == 429
    with time_machine.travel(T0 + timedelta(minutes=14 + 16), tick=False):
        assert sign_in(client, SITE_LOGIN, "anna").status_code == 302


def lockout_entries(action):
    return ModelLogEntry.objects.filter(action=action)


def test_hr_unlocks_and_the_person_signs_in(client):
    anna = UserFactory(username="anna")
    fail(client, SITE_LOGIN, "anna")
    fail(client, SITE_LOGIN, "anna", times=3)  # more tries while locked: still one entry
    entries = lockout_entries("lms.lockout")
    assert entries.count() == 1
    assert entries.get().object_id == str(anna.pk)

    staff = client.__class__()
    staff.force_login(hr_user(username="hr1"))
    listing = staff.get("/admin/organisation/lockouts/")
    assert listing.status_code == 200
    assert "anna" in listing.content.decode()
    response = staff.post("/admin/organisation/lockouts/unlock/", {"username": "anna"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="anna").exists()
    unlock = lockout_entries("lms.unlock").get()
    assert unlock.object_id == str(anna.pk)
    assert unlock.user.username == "hr1"

    assert sign_in(client, SITE_LOGIN, "anna").status_code == 302
    assert signed_in(client)


def test_without_the_permission_no_unlock(client):
    UserFactory(username="anna")
    fail(client, SITE_LOGIN, "anna")
    editor = UserFactory(username="editor")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff = client.__class__()
    staff.force_login(editor)
    # Admin access without the permission: Wagtail sends the user to the dashboard.
    assert status_and_location(staff.get("/admin/organisation/lockouts/")) == (302, "/admin/")
    unlock = staff.post("/admin/organisation/lockouts/unlock/", {"username": "anna"})
    assert status_and_location(unlock) == (302, "/admin/")
    assert AccessAttempt.objects.filter(username="anna").exists()
    assert not lockout_entries("lms.unlock").exists()
    anonymous = client.__class__()
    anonymous.post("/admin/organisation/lockouts/unlock/", {"username": "anna"})
    assert AccessAttempt.objects.filter(username="anna").exists()


@pytest.mark.parametrize("url", ["/konto/losenord/", "/admin/password_reset/"])
def test_password_reset_is_limited(client, url):
    UserFactory(username="anna", email="anna@example.se")
    for _i in range(5):
        assert client.post(url, {"email": "anna@example.se"}).status_code == 302
    response = client.post(url, {"email": "anna@example.se"})
    assert response.status_code == 429
    assert "Många nya lösenord har begärts på kort tid" in response.content.decode()
    assert len(mail.outbox) == 5


def test_password_reset_is_limited_per_address_across_emails(client):
    for i in range(20):  # LMS_PASSWORD_RESET_ADDRESS_RATE, 20/h
        client.post("/konto/losenord/", {"email": f"x{i}@example.se"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    assert client.post("/konto/losenord/", {"email": "new@example.se"}).status_code == 429


def test_hr_limited_to_part_of_the_group_sees_and_unlocks_only_its_people(client):
    from tests.factories import OrgUnitFactory, PersonFactory

    root = OrgUnitFactory(name="Kommunen")
    mine, theirs = OrgUnitFactory(parent=root, name="Skolan"), OrgUnitFactory(parent=root, name="Bolaget")
    inside = PersonFactory(org_unit=mine, user__username="inne").user
    PersonFactory(org_unit=theirs, user__username="ute")
    fail(client, SITE_LOGIN, "inne")
    fail(client, SITE_LOGIN, "ute")
    limited = hr_user(username="hr-skolan", scope=mine)
    staff = client.__class__()
    staff.force_login(limited)
    listing = staff.get("/admin/organisation/lockouts/").content.decode()
    assert "inne" in listing and "ute" not in listing
    assert staff.post("/admin/organisation/lockouts/unlock/", {"username": "ute"}).status_code == 404
    assert AccessAttempt.objects.filter(username="ute").exists()
    assert staff.post("/admin/organisation/lockouts/unlock/", {"username": inside.username}).status_code == 302
    assert not AccessAttempt.objects.filter(username="inne").exists()
