"""The admin's sidebar (its menu, search and account), worked out once per user instead of on every page.

Wagtail builds the sidebar on every admin page by asking each menu item whether the user may see it:
permission checks, the access rule's scope, a dozen hooks. It was a third of an admin page's time
(bench/profile_pages.py, HR's completion overview). What it shows depends only on who the user is and
what they may do, so it is cached per user and language under a version that every change to
permissions, groups, page and collection permissions, staff scopes and user profiles moves, as does every
change to the page tree (the "Pages" item starts where the user may edit) through the site content's
version. The user's own name, e-mail and flags are part of the key, so signing in (which saves the user)
retires nothing.

Wagtail's tag is replaced, not copied: the template stays Wagtail's, and the output is byte for byte
what Wagtail would print (tests/organisation/test_admin_menu.py).
"""

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.users.models import UserProfile

from lms.core.sitecache import VersionedCache, content_version

from .models import StaffScope

admin_menu = VersionedCache("admin-menu")
_wagtail_sidebar_props = wagtailadmin_tags.sidebar_props


def _who(user) -> str:
    """What of the user the sidebar shows or depends on besides permissions."""
    parts = (user.pk, user.is_active, user.is_superuser, user.first_name, user.get_username(), user.email)
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def sidebar_props(context):
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return _wagtail_sidebar_props(context)
    name = f"sidebar:{_who(user)}:{get_language()}:{content_version(request)}"
    return admin_menu.cached(name, request, lambda: _wagtail_sidebar_props(context))


def install() -> None:
    """From OrganisationConfig.ready: Wagtail's ``{% sidebar_props %}`` becomes the cached one, and
    every write that could change what a sidebar shows moves the version."""
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(sidebar_props)
    for model in (Group, Permission, GroupPagePermission, GroupCollectionPermission, StaffScope, UserProfile):
        post_save.connect(admin_menu.changed, sender=model, dispatch_uid=f"admin_menu.save.{model.__name__}")
        post_delete.connect(admin_menu.changed, sender=model, dispatch_uid=f"admin_menu.delete.{model.__name__}")
    user_model = get_user_model()
    for relation in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(admin_menu.changed, sender=relation, dispatch_uid=f"admin_menu.m2m.{relation.__name__}")
