"""The authentication backend: Django's ModelBackend, with less asked of the database on every request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .permission_cache import permissions_cache, who


class CachedAccountMixin:
    """For a backend built on Django's ModelBackend: each user's permission sets from the cache instead of
    two queries (the version is read once per request: remembered on the user object, as Django remembers
    the sets), and the signed-in user loaded with their person and unit."""

    def _get_permissions(self, user_obj, obj, from_name):
        attribute = f"_{from_name}_perm_cache"
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or hasattr(user_obj, attribute):
            return super()._get_permissions(user_obj, obj, from_name)
        name = f"perms:{from_name}:{who(user_obj)}"
        perms = permissions_cache.cached(
            name, user_obj, lambda: super(CachedAccountMixin, self)._get_permissions(user_obj, obj, from_name)
        )
        setattr(user_obj, attribute, perms)
        return perms

    def get_user(self, user_id):
        """The signed-in user with their person and unit in the same query: every page's menu reads the
        person, the home page their unit."""
        try:
            user = get_user_model()._default_manager.select_related("person__org_unit").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class CachedModelBackend(CachedAccountMixin, ModelBackend):
    """Django's ModelBackend (passwords), with the above."""
