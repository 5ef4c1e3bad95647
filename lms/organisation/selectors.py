"""Reads of the municipal group: subtrees, ancestors, people in scope, protected accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet

from lms.access.rule import get_visible_or_404, scope_of, visible_rows
from lms.core.table_plans import find_cycles

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


# --- What a staff user may see (the access rule: access.py) -------------------------------


def units_in_scope_of(*, user) -> QuerySet[OrgUnit]:
    """The units ``user`` may see and choose in the admin, in tree order."""
    return visible_rows(user, OrgUnit.objects.all()).order_by("path")


def people_in_scope_of(*, user, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The people ``user`` may see in the admin (``queryset`` narrowed, or everyone)."""
    return visible_rows(user, Person.objects.all() if queryset is None else queryset)


def person_in_scope_or_404(*, user, pk, queryset: QuerySet[Person] | None = None) -> Person:
    """The person if ``user`` may see them; otherwise 404: outside the scope they do not exist."""
    return get_visible_or_404(user, Person.objects.all() if queryset is None else queryset, pk)


def user_is_limited_to_a_subtree(user) -> bool:
    """Whether ``user`` sees only part of the group. Such a user may not run the HR import: a
    full import deactivates everyone missing from the file, across the whole group."""
    return scope_of(user).is_limited


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


# --- Protected accounts -------------------------------------------------------------
#
# The rule: nobody may change, deactivate or erase an account that can do more than
# they can. An account is *protected* from an acting user who is not a superuser when
# it is a superuser, belongs to a group the actor does not belong to (groups also carry
# Wagtail's page and collection permissions), or holds a permission of its own that the
# actor does not hold. Superusers may change anyone. HR may thus change learners,
# managers and other HR people, but not editors or administrators: a superuser does.
# An actor limited to a subtree (access.py) may change no account with any right at all:
# such an account may reach further than the actor's subtree (an HR colleague for the whole
# group), and changing its e-mail address would hand over its sign-in.


def protected_user_ids(*, actor) -> QuerySet:
    """The ids of the accounts protected from ``actor`` (see the rule above), as a subquery.

    An anonymous or inactive actor holds nothing, so every account with any right is protected.
    """
    users = get_user_model().objects
    if actor is not None and actor.is_active and actor.is_superuser:
        return users.none().values("pk")
    if actor is None or not actor.is_authenticated or not actor.is_active:
        actor_groups = Group.objects.none()
        actor_permissions = Permission.objects.none()
    else:
        actor_groups = Group.objects.filter(user=actor)
        actor_permissions = Permission.objects.filter(Q(user=actor) | Q(group__user=actor))
    if actor is not None and scope_of(actor).is_limited:
        actor_groups = Group.objects.none()
        actor_permissions = Permission.objects.none()
    return (
        users.filter(
            Q(is_superuser=True)
            | Q(groups__in=Group.objects.exclude(pk__in=actor_groups.values("pk")))
            | Q(user_permissions__in=Permission.objects.exclude(pk__in=actor_permissions.values("pk")))
        )
        .values("pk")
        .distinct()
    )


def person_is_protected_from(*, person: Person, actor) -> bool:
    """Whether ``actor`` must leave this person alone: their account can do more than the actor's."""
    return protected_user_ids(actor=actor).filter(pk=person.user_id).exists()


def sign_in_fields_changed(
    *, user_id: int, email: str | None = None, username: str | None = None, password: str | None = None
) -> list[str]:
    """Which of an account's sign-in details these values would change, compared with what is stored
    (None: the value is not being set; a password is a change whenever one is given). One query."""
    stored_email, stored_username = get_user_model().objects.filter(pk=user_id).values_list("email", "username").get()
    changed = []
    if email is not None and email.strip() != stored_email:
        changed.append("email")
    if username is not None and username.strip() != stored_username:
        changed.append("username")
    if password:
        changed.append("password")
    return changed


def roles_changed(*, user_id: int | None, groups: list[str], is_superuser: bool | None = None) -> list[str]:
    """Which of an account's roles these posted values would change ("groups", "is_superuser"), compared
    with what is stored (``user_id=None``: a new account, which has none; ``is_superuser=None``: not
    being set). A value that is no group's id counts as a change."""
    stored_groups: set[int] = set()
    stored_superuser = False
    if user_id is not None:
        user = get_user_model().objects.filter(pk=user_id).first()
        if user is not None:
            stored_groups = set(user.groups.values_list("pk", flat=True))
            stored_superuser = user.is_superuser
    changed = []
    if {int(pk) if str(pk).isdigit() else -1 for pk in groups} != stored_groups:
        changed.append("groups")
    if is_superuser is not None and is_superuser != stored_superuser:
        changed.append("is_superuser")
    return changed


def manager_cycle(*, person: Person, manager: Person | None) -> list[Person]:
    """The people on the circle that making ``manager`` the manager of ``person`` would close, in
    order from ``person`` (``[person]`` alone when they would be their own manager); empty when none.

    Walks up from the manager, one query a level; the same rule as the HR import's
    (``lms.core.table_plans.find_cycles``). A new person (no pk yet) cannot close a circle.
    """
    if manager is None or person.pk is None:
        return []
    edges: dict[int, int | None] = {person.pk: manager.pk}
    node = manager.pk
    while node is not None and node not in edges:
        edges[node] = Person.objects.filter(pk=node).values_list("manager_id", flat=True).first()
        node = edges[node]
    cycle = find_cycles(edges, [person.pk]).get(person.pk)
    if not cycle:
        return []
    people = Person.objects.select_related("user").in_bulk(cycle)
    start = cycle.index(person.pk)
    return [people[pk] for pk in cycle[start:] + cycle[:start]]
