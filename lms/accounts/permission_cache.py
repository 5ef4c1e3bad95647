"""What a user may do, and the admin sidebar that follows from it, cached until who may do what changes.

Two things were worked out again on every request:
- a signed-in user's permissions (two queries: the user's own and their groups'), which every page asks
  for at least once (Wagtail's user bar on the site, every check in the admin);
- the admin's sidebar: Wagtail asks each menu item whether the user may see it (permission checks, the
  access rule's scope, a dozen hooks), a third of an admin page's time (bench/profile_pages.py).
Both depend only on who the user is and what they may do. They are cached per user under one version
that every write to what ``permissions_cache`` declares moves (lms.core.sitecache), the page tree too
(the sidebar's "Pages" item starts where the user may edit). The user's
own name, e-mail and flags are part of each key, so signing in, which saves the user, retires nothing.

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
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, GroupSitePermission
from wagtail.users.models import UserProfile

from lms.access.models import StaffScope
from lms.core.sitecache import VersionedCache

User = get_user_model()
permissions_cache = VersionedCache(
    "permissions",
    retired_by=(
        *(Group, Permission, GroupPagePermission, GroupCollectionPermission, GroupSitePermission, Collection),
        *(StaffScope, UserProfile),
        *(User.groups.through, User.user_permissions.through, Group.permissions.through),  # memberships, grants
        "wagtailcore.Page",  # the sidebar's page tree
    ),
)
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
    name = f"sidebar:{who(user)}:{get_language()}"
    return permissions_cache.cached(name, request, lambda: _wagtail_sidebar_props(context))


def install() -> None:
    """From AccountsConfig.ready: Wagtail's ``{% sidebar_props %}`` becomes the cached one."""
    if "sidebar_props" not in wagtailadmin_tags.register.tags:
        raise ImproperlyConfigured("Wagtail's {% sidebar_props %} tag is gone: see permission_cache.py")
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(sidebar_props)
