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
