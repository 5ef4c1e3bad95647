"""The authentication backend: Django's ModelBackend, with less asked of the database on every request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .permission_cache import permissions_cache, who


class CachedAccountMixin:
    """For a backend built on Django's ModelBackend: each user's permission sets from the cache instead of
    two queries (the version is read once per request: remembered on the user object, as Django remembers
    the sets), and the signed-in user loaded with their person and unit."""

    def get_user_permissions(self, user_obj, obj=None):
        return self._cached_permissions(user_obj, obj, "user", super().get_user_permissions)

    def get_group_permissions(self, user_obj, obj=None):
        return self._cached_permissions(user_obj, obj, "group", super().get_group_permissions)

    def _cached_permissions(self, user_obj, obj, from_name, compute):
        """Through ModelBackend's public methods (Django's own cache attributes are its business)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return compute(user_obj, obj)
        attribute = f"_lms_{from_name}_permissions"
        perms = getattr(user_obj, attribute, None)
        if perms is None:
            name = f"perms:{from_name}:{who(user_obj)}"
            perms = permissions_cache.cached(name, user_obj, lambda: compute(user_obj, obj))
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
