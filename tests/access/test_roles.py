"""The roles' permissions: each app grants its own, organisation names none of theirs."""

import inspect

import pytest
from django.contrib.auth.models import Group

from lms.access import roles
from lms.access.roles import EDITORS_GROUP, HR_GROUP, ensure_roles, grant_role_permissions, role_permissions


def perms(group_name):
    return {
        f"{app}.{codename}"
        for app, codename in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.mark.django_db
def test_every_app_grants_its_own_permissions_to_the_roles():
    ensure_roles()
    hr = perms(HR_GROUP)
    assert {
        "wagtailadmin.access_admin",
        "organisation.view_person",
        "organisation.erase_person",
        "courses.view_enrolment",
        "certificates.revoke_certificate",
        "requirements.change_requirement",
        "reports.view_reports",
        "reports.add_coursetarget",
        "reports.change_coursetarget",
        "reports.delete_coursetarget",
        "reports.view_coursetarget",
    } <= hr
    assert {"certificates.change_certificatetemplate", "quizzes.view_question_statistics"} <= perms(EDITORS_GROUP)
    assert not any(p.startswith("certificates.") and "template" in p for p in hr)


@pytest.mark.django_db
def test_every_granted_permission_exists():
    """A typo in a grant would be skipped silently by ensure_roles; here it is not."""
    ensure_roles()
    for group_name, granted in role_permissions().items():
        assert set(granted) <= perms(group_name), group_name


def test_organisation_names_no_other_apps_permissions():
    source = inspect.getsource(roles)
    assert not any(f'"{app}.' in source for app in ("courses", "quizzes", "certificates", "requirements", "reports"))


def test_a_permission_is_app_label_dot_codename():
    with pytest.raises(ValueError):
        grant_role_permissions(HR_GROUP, ["view_person"])


@pytest.mark.django_db
def test_a_migrate_or_flush_ensures_the_roles_once_with_every_permission(monkeypatch):
    """post_migrate is sent once per app: the roles are ensured on the last one's, with every app's
    permissions there (the last app's own are made first), and only then (each run took two seconds
    of every migrate and every transactional test's flush)."""
    from django.contrib.auth.models import Permission
    from django.core.management.sql import emit_post_migrate_signal

    Group.objects.all().delete()
    Permission.objects.all().delete()  # as a flush leaves them
    runs = []
    monkeypatch.setattr(roles, "ensure_roles", lambda: runs.append(1) or ensure_roles())
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert runs == [1]
    for group_name, granted in role_permissions().items():
        assert set(granted) <= perms(group_name), group_name
