"""Permissions and the admin sidebar are cached per user (lms/accounts/permission_cache.py, backends.py), and
every change to who may do what shows on the next request: a group joined or left, a permission granted to a
group, a staff scope set, a name changed. The sidebar is what Wagtail itself prints."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lms.access.models import StaffScope
from lms.access.roles import EDITORS_GROUP, HR_GROUP
from lms.accounts import permission_cache
from tests import factories
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_user(db):
    return factories.hr_user(username="hr-all")


def _fresh(user):
    """The user as the next request loads them: nothing remembered on the object."""
    return get_user_model().objects.get(pk=user.pk)


def _sidebar(client) -> dict:
    response = client.get("/admin/")
    assert response.status_code == 200
    found = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def _menu_urls(sidebar: dict) -> str:
    return json.dumps(sidebar)


def test_the_cached_sidebar_is_what_wagtail_prints(hr_user):
    request = RequestFactory().get("/admin/")
    request.user = hr_user
    with translation.override("sv"):
        ours = permission_cache.sidebar_props({"request": request})
        again = permission_cache.sidebar_props({"request": request})
        wagtails = permission_cache._wagtail_sidebar_props({"request": request})
    assert ours == again == wagtails
    assert "/admin/reports/completion/" in ours


def test_permissions_are_read_from_the_database_once_until_they_change(hr_user):
    assert _fresh(hr_user).has_perm("reports.view_reports")
    with CaptureQueriesContext(connection) as queries:
        assert _fresh(hr_user).has_perm("reports.view_reports")
    assert not any("auth_permission" in q["sql"] for q in queries.captured_queries)

    hr_user.groups.remove(Group.objects.get(name=HR_GROUP))
    assert not _fresh(hr_user).has_perm("reports.view_reports")

    group = Group.objects.create(name="Rapportläsare")
    hr_user.groups.add(group)
    assert not _fresh(hr_user).has_perm("reports.view_reports")
    group.permissions.add(Permission.objects.get(codename="view_reports"))
    assert _fresh(hr_user).has_perm("reports.view_reports")

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_reports"))
    assert _fresh(user).has_perm("reports.view_reports")
    user.is_active = False
    user.save()
    assert not _fresh(user).has_perm("reports.view_reports")


def test_the_sidebar_follows_groups_scopes_and_names(client, hr_user):
    client.force_login(hr_user)
    sidebar = _menu_urls(_sidebar(client))
    assert "/admin/reports/completion/" in sidebar and "/admin/pages/" not in sidebar
    assert "/admin/organisation/imports/" in sidebar  # HR for the whole group may import

    hr_user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    assert "/admin/pages/" in _menu_urls(_sidebar(client))

    StaffScope.objects.create(user=hr_user, org_unit=OrgUnitFactory(name="Förvaltningen"))
    assert "/admin/organisation/imports/" not in _menu_urls(_sidebar(client))  # limited to a subtree: no import

    hr_user.first_name = "Harriet"
    hr_user.save()
    assert "Harriet" in _menu_urls(_sidebar(client))

    client.force_login(UserFactory(is_superuser=True, username="root"))
    assert "/admin/organisation/imports/" in _menu_urls(_sidebar(client))  # another user: their own sidebar
