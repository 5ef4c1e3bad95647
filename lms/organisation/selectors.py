"""Reads of the municipal group: subtrees, ancestors, people in scope."""

from django.db.models import QuerySet

from .models import OrgUnit, Person


def org_unit_subtree(*, unit: OrgUnit, include_self: bool = True) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.subtree_of(unit, include_self=include_self).order_by("path")


def org_unit_ancestors(*, unit: OrgUnit, include_self: bool = False) -> list[OrgUnit]:
    """From the root down to the unit's parent (or the unit), in one query."""
    paths = [unit.path[: i * OrgUnit.steplen] for i in range(1, unit.depth + (1 if include_self else 0))]
    return list(OrgUnit.objects.filter(path__in=paths).order_by("depth"))


def people_in_subtree(*, unit: OrgUnit, include_inactive: bool = False) -> QuerySet[Person]:
    qs = Person.objects.in_subtree(unit).select_related("user", "org_unit")
    return qs if include_inactive else qs.active()


def person_for_user(user) -> Person | None:
    """The signed-in user's profile, or None for accounts without one (e.g. a bare superuser)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def person_enrolment_count(*, person: Person) -> int:
    """How many enrolments a person has (via the courses app's reverse relation, if installed)."""
    enrolments = getattr(person, "enrolments", None)
    return enrolments.count() if enrolments is not None else 0
