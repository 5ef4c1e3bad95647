"""Which part of the municipal group a staff user may see: one unit's subtree, or all of it.

The one rule for every admin area that lists or acts on people (the people admin, register
extracts and erasure, certificates, the reports area): a user limited to a unit sees that unit
and the units below it, and the people and records in them; nothing else exists for them, not in
lists, choices, exports or URLs (404). A user without a limit sees the whole group. Whether the
user may use an area at all is that area's permission; this module only says how far they see.

Where the limit is stored belongs to the reports app (``ReportScope``), and this app does not
import reports (apps import each other only downwards). So the limit is looked up through a
registered function, the same inversion as the register extract's sections (``privacy.py``):
the reports app calls ``register_scope_lookup`` from its AppConfig.ready(). With nothing
registered, nobody is limited.

People sit in a unit (``Person.org_unit``); a row without a unit is visible only to users
without a limit (``restrict`` filters by path, which a missing unit never matches).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from .models import OrgUnit

ScopeLookup = Callable[[object], OrgUnit | None]

_lookup: ScopeLookup | None = None


def register_scope_lookup(fn: ScopeLookup) -> None:
    """Set the function that says which unit's subtree a user is limited to (None: not limited).

    One lookup for the whole project: the reports app's ``ReportScope``. Registering again
    replaces it (AppConfig.ready() may run more than once in tests)."""
    global _lookup
    _lookup = fn


@dataclass(frozen=True)
class OrgScope:
    """The part of the group a user may see: one unit's subtree, or everything (``unit`` None)."""

    unit: OrgUnit | None = None

    @property
    def is_limited(self) -> bool:
        return self.unit is not None

    @property
    def path(self) -> str:
        return self.unit.path if self.unit else ""

    def allows(self, unit: OrgUnit | None) -> bool:
        """Whether the unit is inside; no unit is inside only when the scope is not limited."""
        if unit is None:
            return not self.is_limited
        return unit.path.startswith(self.path)

    def restrict(self, qs: QuerySet, path_lookup: str) -> QuerySet:
        """``qs`` limited to rows whose unit (reached by ``path_lookup``, e.g. 'person__org_unit__path') is inside."""
        return qs.filter(**{f"{path_lookup}__startswith": self.path}) if self.unit else qs


def scope_of(user) -> OrgScope:
    """How far ``user`` sees in the group (one query when a lookup is registered). It does not
    say whether they may use an area at all: that is the area's permission."""
    if _lookup is None or user is None or not getattr(user, "is_authenticated", False):
        return OrgScope()
    return OrgScope(unit=_lookup(user))


# Models whose rows belong to a place in the group, by the path of their unit: the admin's
# site history shows a limited user only the log entries of such rows inside their scope
# (admin_views.ScopedLogEntriesView). Each app registers its own from its AppConfig.ready().
_scoped_models: dict[type, str] = {}


def register_scoped_model(model: type, path_lookup: str) -> None:
    """E.g. ``register_scoped_model(Certificate, "person__org_unit__path")``."""
    _scoped_models[model] = path_lookup


def scoped_models() -> dict[type, str]:
    return dict(_scoped_models)


def visible(user, queryset: QuerySet) -> QuerySet:
    """``queryset`` (of a registered model) narrowed to the rows ``user`` may see."""
    return scope_of(user).restrict(queryset, _scoped_models[queryset.model])


def get_visible_or_404(user, queryset: QuerySet, pk):
    """The row with this key if ``user`` may see it; otherwise 404: outside the scope it does not
    exist, and neither does a key that is not one (``abc``)."""
    try:
        return visible(user, queryset).get(pk=int(pk))
    except (queryset.model.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
