"""The access rule: which rows about people and units a staff user may see. One rule, here.

Two things decide it, and ``visible_rows`` is the one function that asks both:

1. **The model's declaration.** A model whose rows belong to a place in the municipal group
   declares once, on the model, ``row_access = RowAccess(unit_path=..., permission=...)``: the
   ORM path from a row to its unit's tree path (``"person__org_unit__path"``) and the permission
   needed to see such rows at all. ``install_row_access_policies`` (access' ready())
   turns every declaration into a Wagtail permission policy (``RowPermissionPolicy``), which the
   admin's viewset base (``viewsets.py``) and Wagtail's own views then ask.
2. **The user's scope.** A ``StaffScope`` limits a staff user to one unit's subtree; without one
   they see the whole group, as far as their permissions reach.

It fails closed: an anonymous or inactive user sees nothing, a user without the declared
permission sees nothing, and asking about a model that declared nothing is an error, not
"everything". A row whose unit is missing is visible only to users who see the whole group.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy


@dataclass(frozen=True)
class RowAccess:
    """A model's declaration: how its rows reach a unit, and who may see them.

    ``unit_path``: ORM path to the unit's tree path (``"org_unit__path"``); None for rows that
    belong to the whole group (only users who see the whole group see them).
    ``permission``: "app_label.codename" needed to see any row; default ``<app>.view_<model>``.
    ``owner``: rows are their owner's only (a user foreign key, e.g. ``"user"``): nobody else sees them.
    ``actions``: the admin actions that exist at all (e.g. certificates are never added or edited
    by hand); None: Wagtail's usual add, change, delete, view.
    ``also_for``: a user foreign key (e.g. ``"event__organiser"``) whose user also sees the row
    without the permission, unless a staff scope limits them (then the scope decides).
    """

    unit_path: str | None
    permission: str | None = None
    owner: str | None = None
    actions: tuple[str, ...] | None = None
    also_for: str | None = None


@dataclass(frozen=True)
class OrgScope:
    """The part of the group a user may see: one unit's subtree, the whole group, or nothing."""

    unit: object | None = None  # OrgUnit
    whole_group: bool = False

    @property
    def is_limited(self) -> bool:
        return not self.whole_group

    @property
    def path(self) -> str:
        return self.unit.path if self.unit is not None else ""

    def allows(self, unit) -> bool:
        """Whether the unit is inside; a missing unit is inside only the whole group."""
        if self.whole_group:
            return True
        return unit is not None and self.unit is not None and unit.path.startswith(self.unit.path)

    def condition(self, path_lookup: str | None) -> Q:
        """The rows whose unit (reached by ``path_lookup``) is inside, as a filter."""
        if self.whole_group:
            return Q()
        if self.unit is None or path_lookup is None:
            return Q(pk__in=[])
        return Q(**{f"{path_lookup}__startswith": self.unit.path})

    def restrict(self, qs: QuerySet, path_lookup: str | None) -> QuerySet:
        """``qs`` limited to rows whose unit (reached by ``path_lookup``) is inside."""
        return qs.filter(self.condition(path_lookup))


NOTHING = OrgScope()
WHOLE_GROUP = OrgScope(whole_group=True)


def scope_of(user) -> OrgScope:
    """How far ``user`` sees in the group (one query, remembered on the user object for the rest of the
    request, as Django remembers permissions). It does not say whether they may see a kind of row at
    all: that is the model's declared permission (``visible_rows`` asks both)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    cached = getattr(user, "_lms_scope", None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    from .models import StaffScope

    row = StaffScope.objects.filter(user_id=user.pk).select_related("org_unit").first()
    scope = OrgScope(unit=row.org_unit) if row is not None else WHOLE_GROUP
    user._lms_scope = (user.pk, scope)
    return scope


class RowPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permission policy, narrowed to the rows the declaration and the user's scope
    allow: every question about an instance or about "which instances" goes through ``visible``."""

    def __init__(self, model, access: RowAccess):
        super().__init__(model)
        self.access = access
        meta = model._meta
        self.see_permission = access.permission or f"{meta.app_label}.view_{meta.model_name}"

    # --- which actions exist, for anyone -------------------------------------------------

    def _exists(self, action: str) -> bool:
        return self.access.actions is None or action in self.access.actions

    def user_has_permission(self, user, action):
        return self._exists(action) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if self._exists(a)])

    # --- which rows -----------------------------------------------------------------------

    def may_see_any(self, user) -> bool:
        return bool(user is not None and user.is_active and user.has_perm(self.see_permission))

    def visible(self, user, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else self.model._default_manager.all()
        may_see = self.may_see_any(user)
        if not may_see and self.access.also_for is None:
            return qs.none()
        scope = scope_of(user)
        if scope == NOTHING:
            return qs.none()
        allowed = Q(pk__in=[])
        if may_see:
            if self.access.owner is not None:
                allowed = Q(**{f"{self.access.owner}_id": user.pk})
            elif scope.whole_group:
                return qs  # (an empty Q() would vanish when OR-ed below)
            else:
                allowed = scope.condition(self.access.unit_path)
        if self.access.also_for is not None and not scope.is_limited:
            allowed |= Q(**{f"{self.access.also_for}_id": user.pk})
        return qs.filter(allowed)

    def is_visible(self, user, instance) -> bool:
        return instance is not None and self.visible(user).filter(pk=instance.pk).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.is_visible(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.is_visible(user, instance)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.visible(user)


def policy_for(model) -> RowPermissionPolicy:
    """The model's policy; a model that declared nothing is an error (fail closed)."""
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(model)
    if not isinstance(policy, RowPermissionPolicy):
        raise ImproperlyConfigured(f"{model.__name__} declares no row_access (lms.access.rule)")
    return policy


def visible_rows(user, queryset: QuerySet) -> QuerySet:
    """``queryset`` narrowed to the rows ``user`` may see: the one function every view asks."""
    return policy_for(queryset.model).visible(user, queryset)


def rows_in_scope(user, queryset: QuerySet, *, through: str | None = None) -> QuerySet:
    """``queryset`` narrowed to the rows inside ``user``'s scope, by the model's declared unit path,
    without asking for the model's view permission: for figures counted over rows that are never
    shown one by one (quiz statistics), behind a permission of their own that the view checks.
    Anonymous and inactive users: nothing; rows of the whole group (``unit_path=None``): only for
    users who see the whole group. ``through``: see ``rows_within``."""
    return rows_within(scope_of(user), queryset, through=through)


def rows_within(scope: OrgScope, queryset: QuerySet, *, through: str | None = None) -> QuerySet:
    """``queryset`` narrowed to the rows inside ``scope`` by the model's declared unit path: for reads
    that hold a scope already (the reports take ``scope_of`` once per request and pass it on), or a
    unit's subtree (``OrgScope(unit=unit)``). ``through``: for a model that declares nothing, the
    relation to one that does (users ``through="person"``: the person's declared path, prefixed)."""
    return scope.restrict(queryset, unit_path_of(queryset.model, through=through))


def unit_path_of(model, *, through: str | None = None) -> str | None:
    """The ORM path from a row of ``model`` to its unit's tree path, as declared (``through`` a relation
    to the declaring model, if given); a model that declared nothing is an error."""
    if through is None:
        return policy_for(model).access.unit_path
    for name in through.split("__"):
        model = model._meta.get_field(name).related_model
    path = policy_for(model).access.unit_path
    return None if path is None else f"{through}__{path}"


def permission_policy(model):
    """The model's permission policy: its declared ``RowPermissionPolicy``, or else Wagtail's
    (``ModelPermissionPolicy`` for a model that declares no rows, e.g. a retention decision)."""
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(model)


def user_may(user, model, *actions: str) -> bool:
    """Whether ``user`` may do any of ``actions`` on ``model`` at all (which rows: ``visible_rows``):
    what a view asks instead of ``has_perm``. An action is Wagtail's ("add", "change", "view", or one
    the declaration lists) or the codename of a permission the model declares in ``Meta.permissions``
    ("view_question_statistics"). Anonymous and inactive users may nothing."""
    if user is None or not getattr(user, "is_active", False):
        return False
    policy = permission_policy(model)
    own = {codename for codename, _label in model._meta.permissions}
    return any(
        user.has_perm(f"{model._meta.app_label}.{action}")
        if action in own
        else policy.user_has_permission(user, action)
        for action in actions
    )


def get_visible_or_404(user, queryset: QuerySet, pk) -> Model:
    """The row with this key if ``user`` may see it; otherwise 404: outside what they may see it
    does not exist, and neither does a key that is not one (``abc``, 25 digits)."""
    try:
        return visible_rows(user, queryset).get(pk=int(pk))
    except (queryset.model.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def declared_models() -> dict[type, RowAccess]:
    """Every model with a ``row_access`` declaration."""
    from django.apps import apps

    return {m: m.row_access for m in apps.get_models() if isinstance(getattr(m, "row_access", None), RowAccess)}


def install_row_access_policies() -> None:
    """Register a ``RowPermissionPolicy`` for every declaring model (access' ready(), after
    every app's models are loaded). Idempotent."""
    from wagtail.permissions import register_permission_policy

    for model, access in declared_models().items():
        register_permission_policy(model, RowPermissionPolicy(model, access), exact_class=True)
