"""Two ways round "only a superuser gives or takes roles" (issue 34's review): deleting or changing a
group (every group is a role), and taking the staff scope that is an account's only staff marker."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages

from lms.access import roles
from lms.access.models import StaffScope
from lms.access.roles import HR_GROUP
from lms.access.rule import user_may
from tests import factories
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def administrator(*codenames: str):
    """A user administrator who is no superuser: admin access and the given permissions."""
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", *codenames]),
    )
    return user


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_only_a_superuser_deletes_or_changes_a_role(client):
    hr_group = Group.objects.get_or_create(name=HR_GROUP)[0]
    hr = factories.hr_user(username="hr-kvar")
    admin = administrator("view_group", "add_group", "change_group", "delete_group")
    client.force_login(admin)
    assert not user_may(admin, Group, "delete") and not user_may(admin, Group, "change")
    assert user_may(admin, Group, "view")
    index = client.get("/admin/groups/")
    assert index.status_code == 200 and f"/admin/groups/delete/{hr_group.pk}/" not in index.content.decode()
    response = client.post(f"/admin/groups/delete/{hr_group.pk}/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "no permission"
    assert Group.objects.filter(pk=hr_group.pk).exists() and hr.groups.filter(pk=hr_group.pk).exists()
    client.post(f"/admin/groups/edit/{hr_group.pk}/", {"name": "Inte HR"})
    hr_group.refresh_from_db()
    assert hr_group.name == HR_GROUP

    client.force_login(UserFactory(is_superuser=True))
    assert client.post(f"/admin/groups/delete/{hr_group.pk}/").status_code == 302
    assert not Group.objects.filter(pk=hr_group.pk).exists()


def test_the_scope_that_is_an_accounts_only_staff_marker_is_taken_only_by_a_superuser(client):
    unit = OrgUnitFactory()
    only_scoped = UserFactory(username="bara-avgransad")
    scope = StaffScope.objects.create(user=only_scoped, org_unit=unit)
    admin = administrator("view_staffscope", "add_staffscope", "change_staffscope", "delete_staffscope")
    client.force_login(admin)

    response = client.post(f"/admin/organisation/staff-scopes/delete/{scope.pk}/")
    assert response.status_code == 302
    assert StaffScope.objects.filter(pk=scope.pk).exists()  # nothing changed
    assert any("bara-avgransad" in m and "superanvändare" in m for m in said(response))
    assert roles.is_staff_account(only_scoped)

    # Moving it to a learner's account would take it from one and give the other its only marker.
    learner = UserFactory(username="elev")
    response = client.post(
        f"/admin/organisation/staff-scopes/edit/{scope.pk}/", {"user": learner.pk, "org_unit": unit.pk}
    )
    assert response.status_code == 200 and StaffScope.objects.get(pk=scope.pk).user == only_scoped
    response = client.post("/admin/organisation/staff-scopes/new/", {"user": learner.pk, "org_unit": unit.pk})
    assert response.status_code == 200 and not StaffScope.objects.filter(user=learner).exists()

    # An account with a role besides its scope: the scope is only a limit, and may go.
    hr = factories.hr_user(username="hr-avgransad")
    hr_scope = StaffScope.objects.create(user=hr, org_unit=unit)
    assert client.post(f"/admin/organisation/staff-scopes/delete/{hr_scope.pk}/").status_code == 302
    assert not StaffScope.objects.filter(pk=hr_scope.pk).exists() and roles.is_staff_account(hr)

    # A superuser may, and is told what the account is now.
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(f"/admin/organisation/staff-scopes/delete/{scope.pk}/")
    assert not StaffScope.objects.filter(pk=scope.pk).exists() and not roles.is_staff_account(only_scoped)
    assert any("bara-avgransad" in m for m in said(response))
