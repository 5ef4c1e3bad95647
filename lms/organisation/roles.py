"""The roles of the platform as Django groups, kept in one place.

Editors and moderators are Wagtail's own groups ("Editors", "Moderators"). HR
and the democracy coordinator share the "HR" group. The groups' permissions are
ensured after every migrate, so a new permission from a later app reaches them.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

HR_GROUP = "HR"
EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"

# "app_label.codename"; a permission whose app is not installed yet is skipped.
ROLE_PERMISSIONS = {
    HR_GROUP: [
        "wagtailadmin.access_admin",
        "organisation.add_orgunit",
        "organisation.change_orgunit",
        "organisation.view_orgunit",
        "organisation.add_person",
        "organisation.change_person",
        "organisation.view_person",
        "organisation.erase_person",
        "organisation.view_importrun",
        "requirements.add_requirement",
        "requirements.change_requirement",
        "requirements.delete_requirement",
        "requirements.view_requirement",
        "requirements.add_trainingevent",
        "requirements.change_trainingevent",
        "requirements.view_trainingevent",
        "requirements.change_mailtemplate",
        "requirements.view_mailtemplate",
        "courses.view_enrolment",
        "certificates.view_certificate",
        "certificates.revoke_certificate",
        "reports.view_reports",
    ],
    EDITORS_GROUP: [
        "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
        "certificates.view_certificatetemplate",
        "quizzes.view_question_statistics",
    ],
}


def ensure_roles(**kwargs) -> None:
    for group_name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        query = Q(pk__in=[])
        for perm in perms:
            app_label, codename = perm.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(query))


def user_is_hr(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=HR_GROUP).exists())
