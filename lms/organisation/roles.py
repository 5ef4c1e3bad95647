"""The roles of the platform as Django groups: their names, and a registry of their permissions.

Editors and moderators are Wagtail's own groups ("Editors", "Moderators"). HR
and the democracy coordinator share the "HR" group. Each app grants its roles its
own permissions, from its AppConfig.ready(), with ``grant_role_permissions``; the
groups' permissions (every app's grants together) are ensured after every migrate,
so a new permission from a later app reaches them.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

HR_GROUP = "HR"
EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"

_role_permissions: dict[str, dict[str, None]] = {}  # group name -> "app_label.codename", in order


def grant_role_permissions(group_name: str, permissions: Iterable[str]) -> None:
    """Give a role these permissions ("app_label.codename"), on the next ``ensure_roles``.
    Each app grants only its own; granting one twice is harmless."""
    granted = _role_permissions.setdefault(group_name, {})
    for perm in permissions:
        app_label, _sep, codename = perm.partition(".")
        if not app_label or not codename:
            raise ValueError(f"Not an 'app_label.codename' permission: {perm!r}")
        granted[perm] = None


def role_permissions() -> dict[str, list[str]]:
    """Every role's permissions as granted by the installed apps."""
    return {group_name: list(perms) for group_name, perms in _role_permissions.items()}


# The organisation app's own: the admin itself, the tree, people, imports and erasure.
grant_role_permissions(
    HR_GROUP,
    [
        "wagtailadmin.access_admin",
        "organisation.add_orgunit",
        "organisation.change_orgunit",
        "organisation.view_orgunit",
        "organisation.add_person",
        "organisation.change_person",
        "organisation.view_person",
        "organisation.erase_person",
        "organisation.view_importrun",
        # Sign-in lockouts (django-axes' rows): see and unlock them (Settings → Sign-in lockouts).
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
)


def ensure_roles(**kwargs) -> None:
    """Create the roles' groups and give them every granted permission; a permission whose app
    is not migrated yet is skipped (post_migrate runs this again after each app)."""
    for group_name, perms in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=group_name)
        query = Q(pk__in=[])
        for perm in perms:
            app_label, codename = perm.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(query))


def user_is_hr(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=HR_GROUP).exists())
