"""What a user may do, and the admin sidebar that follows from it, cached until who may do what changes.

Two things were worked out again on every request:
- a signed-in user's permissions (two queries: the user's own and their groups'), which every page asks
  for at least once (Wagtail's user bar on the site, every check in the admin);
- the admin's sidebar: Wagtail asks each menu item whether the user may see it (permission checks, the
  access rule's scope, a dozen hooks), a third of an admin page's time (bench/profile_pages.py).
Both depend only on who the user is and what they may do. They are cached per user under one version
that every change to groups, permissions, memberships, page and collection permissions, staff scopes and
user profiles moves (at the write and again at commit, lms.core.sitecache). The sidebar also follows the
page tree (the "Pages" item starts where the user may edit) through the site content's version. The
user's own name, e-mail and flags are part of each key, so signing in, which saves the user, retires
nothing.

Wagtail's ``{% sidebar_props %}`` tag is replaced, not copied: the template stays Wagtail's, and the
output is what Wagtail would print (tests/accounts/test_permission_cache.py). Wagtail has no hook
for the sidebar as a whole and its ``base.html`` calls the tag inside a block we would have to copy,
so this is one of the "Private names we rely on" (docs/architecture.md), guarded by
tests/core/test_library_internals.py. The permissions are
cached by the authentication backend (backends.py).
"""

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.users.models import UserProfile

from lms.access.models import StaffScope
from lms.core.sitecache import VersionedCache, content_version

permissions_cache = VersionedCache("permissions")
_wagtail_sidebar_props = wagtailadmin_tags.sidebar_props


def who(user) -> str:
    """What of the user their permissions and sidebar depend on besides groups and grants."""
    parts = (user.pk, user.is_active, user.is_superuser, user.first_name, user.get_username(), user.email)
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def sidebar_props(context):
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return _wagtail_sidebar_props(context)
    name = f"sidebar:{who(user)}:{get_language()}:{content_version(request)}"
    return permissions_cache.cached(name, request, lambda: _wagtail_sidebar_props(context))


def install() -> None:
    """From AccountsConfig.ready: Wagtail's ``{% sidebar_props %}`` becomes the cached one, and
    every write that could change what a user may do or see in the sidebar moves the version."""
    if "sidebar_props" not in wagtailadmin_tags.register.tags:
        raise ImproperlyConfigured("Wagtail's {% sidebar_props %} tag is gone: see permission_cache.py")
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(sidebar_props)
    for model in (Group, Permission, GroupPagePermission, GroupCollectionPermission, StaffScope, UserProfile):
        uid = f"permissions_cache.{model.__name__}"
        post_save.connect(permissions_cache.changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(permissions_cache.changed, sender=model, dispatch_uid=f"{uid}.delete")
    user_model = get_user_model()
    # Deleting a user deletes their memberships without m2m signals; SQLite may give the next user their id.
    post_delete.connect(permissions_cache.changed, sender=user_model, dispatch_uid="permissions_cache.user.delete")
    for relation in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(permissions_cache.changed, sender=relation, dispatch_uid=f"permissions_cache.{relation}")
