"""The roles of the platform as Django groups: their names, and a registry of their permissions.

Editors and moderators are Wagtail's own groups ("Editors", "Moderators"). HR
and the democracy coordinator share the "HR" group. Each app grants its roles its
own permissions, from its AppConfig.ready(), with ``grant_role_permissions``; the
groups' permissions (every app's grants together) are ensured after every migrate,
so a new permission from a later app reaches them.
"""

from collections.abc import Iterable

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

HR_GROUP = "HR"
EDITORS_GROUP = "Editors"
MODERATORS_GROUP = "Moderators"
# The democracy plan's units (lms/plans): a unit's manager edits their unit's yearly focus area and
# activities within their staff scope; a democracy guide those of the units that name them.
UNIT_PLANNERS_GROUP = "Unit democracy planners"
DEMOCRACY_GUIDES_GROUP = "Democracy guides"

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


# The admin itself, for HR (each app grants HR its own permissions from its ready()).
grant_role_permissions(HR_GROUP, ["wagtailadmin.access_admin"])

# Wagtail's editorial groups: the admin itself (Wagtail's migrations grant it too, but a database
# emptied and set up again, as the tests do, has only what this module grants).
grant_role_permissions(EDITORS_GROUP, ["wagtailadmin.access_admin"])
grant_role_permissions(MODERATORS_GROUP, ["wagtailadmin.access_admin"])

# Their rights on the page tree, as Wagtail's own migrations set them on the root page.
PAGE_PERMISSIONS = {
    EDITORS_GROUP: ["add_page", "change_page"],
    MODERATORS_GROUP: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def ensure_roles(**kwargs) -> None:
    """Create the roles' groups and give them every granted permission (one that does not exist is
    skipped: test_roles checks that none is)."""
    for group_name, perms in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=group_name)
        query = Q(pk__in=[])
        for perm in perms:
            app_label, codename = perm.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(query))
    _ensure_page_permissions()


def ensure_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate's receiver. The signal is sent for each app in turn once the whole migrate (or a
    test's flush) is over; the roles are ensured once, on the last app's, and that app's own
    permissions are made first (Django's receiver for them runs after this one). Ensuring them on
    every app's signal took two seconds of each migrate and of each transactional test's flush."""
    if sender is not _last_app_with_models():
        return
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    ensure_roles()


def _last_app_with_models():
    # The order Django's emit_post_migrate_signal sends the signal in: the installed apps with models.
    return [config for config in global_apps.get_app_configs() if config.models_module is not None][-1]


def _ensure_page_permissions() -> None:
    """Editors and moderators on the whole page tree (its root), once the tree exists."""
    from django.db.utils import OperationalError, ProgrammingError
    from wagtail.models import GroupPagePermission, Page

    try:
        root = Page.get_first_root_node()
    except (OperationalError, ProgrammingError):  # during the first migrate, before Wagtail's tables
        return
    if root is None:
        return
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def user_is_hr(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name=HR_GROUP).exists())


# --- Staff accounts ---------------------------------------------------------------------
#
# A staff account is one that holds any right in the platform beyond a learner's: a superuser, Django's
# staff flag, any group (every group is a role: HR, editors, moderators, unit planners, democracy guides
# and any made later), a permission of its own, or a staff scope. Whoever controls its e-mail address,
# username or password controls those rights (a password reset goes to the address), so only a
# superuser may change them (``may_change_sign_in``). The test is on the account, active or not: a
# deactivated HR account keeps its groups and would get them back when reactivated.


def staff_account_ids(*, counting_scopes: bool = True):
    """The ids of every staff account (see above), as a subquery; ``counting_scopes=False``: those that
    would stay staff accounts without their staff scope."""
    from django.contrib.auth import get_user_model

    from .models import StaffScope

    markers = Q(is_superuser=True) | Q(is_staff=True) | Q(groups__isnull=False) | Q(user_permissions__isnull=False)
    if counting_scopes:
        markers |= Q(pk__in=StaffScope.objects.values("user_id"))
    return get_user_model().objects.filter(markers).values("pk").distinct()


def is_staff_account(user, *, counting_scopes: bool = True) -> bool:
    return (
        user is not None
        and user.pk is not None
        and staff_account_ids(counting_scopes=counting_scopes).filter(pk=user.pk).exists()
    )


def _changes_any_sign_in(actor) -> bool:
    """``actor=None`` is the platform itself (the nightly HR import run by the operator, retention)."""
    return actor is None or (getattr(actor, "is_authenticated", False) and actor.is_active and actor.is_superuser)


def sign_in_locked_ids(*, actor):
    """The accounts whose e-mail address, username and password ``actor`` may not change: every staff
    account, unless the actor is a superuser (or the platform), as a subquery of ids."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.none().values("pk") if _changes_any_sign_in(actor) else staff_account_ids()


def may_change_sign_in(*, actor, user) -> bool:
    """Whether ``actor`` may change ``user``'s e-mail address, username or password: a superuser may,
    anyone else only for an account that is not a staff account."""
    return _changes_any_sign_in(actor) or not is_staff_account(user)


def may_change_roles(*, actor) -> bool:
    """Whether ``actor`` may give or take an account's roles (its groups, admin access): only a superuser
    (or the platform). Anyone else could take a staff account's roles, change its sign-in details as a
    learner's and give the roles back; or change a learner's sign-in details and then make it staff."""
    return _changes_any_sign_in(actor)


# --- Roles themselves ----------------------------------------------------------------------
#
# Every group is a role, so making, changing or deleting one gives or takes roles as surely as the
# user form does: deleting the HR group would take every HR account's role (and with it the guard on
# their sign-in details), and a user administrator who may change groups could give their own group
# any permission. Wagtail's group views ask the group's permission policy, so it says so once.
ROLE_ACTIONS = ("add", "change", "delete")


class RolePermissionPolicy(ModelPermissionPolicy):
    """Django's group permissions, and for making, changing or deleting a role a superuser too
    (``may_change_roles``); seeing the roles stays as the permissions say."""

    def user_has_permission(self, user, action):
        if action in ROLE_ACTIONS and not may_change_roles(actor=user):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        others = [action for action in actions if action not in ROLE_ACTIONS]
        users = super().users_with_any_permission(others)
        if len(others) < len(actions):
            roles = [action for action in actions if action in ROLE_ACTIONS]
            users |= super().users_with_any_permission(roles).filter(is_superuser=True)
        return users


def install_role_policy() -> None:
    """Wagtail's group views and the access rule's ``user_may`` read the policy registered here
    (access' ready(), before the admin's viewsets register)."""
    from wagtail.permissions import register_permission_policy

    register_permission_policy(Group, RolePermissionPolicy(Group), exact_class=True)
