"""Reads of the elected representatives: current and coming terms, who holds what."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, QuerySet, Value, When
from django.utils import timezone

from lms.organisation.models import Person

from .models import CHAIR_ROLES, MEMBER_ROLES, Assignment, AssignmentRole, BodyKind, Term


def current_terms(*, on: date | None = None) -> QuerySet[Term]:
    """Every body's term that is running on ``on`` (today)."""
    return Term.objects.current(on or timezone.localdate()).select_related("body")


def coming_terms(*, on: date | None = None) -> QuerySet[Term]:
    """Terms that start after ``on`` (today): the coming term of each body that has one entered."""
    return Term.objects.coming(on or timezone.localdate()).select_related("body").order_by("starts_on")


def current_term(*, body, on: date | None = None) -> Term | None:
    return current_terms(on=on).filter(body=body).first()


def coming_term(*, body, on: date | None = None) -> Term | None:
    return coming_terms(on=on).filter(body=body).first()


# Role groups a requirement can target (lms.requirements): every holder, members (with the
# chairs, who are members) and substitutes, or the chairs and vice chairs.
ROLE_GROUPS = {
    "all": tuple(AssignmentRole.values),
    "members_and_substitutes": (*MEMBER_ROLES, AssignmentRole.SUBSTITUTE),
    "members": MEMBER_ROLES,
    "substitutes": (AssignmentRole.SUBSTITUTE,),
    "chairs": CHAIR_ROLES,
}


@dataclass(frozen=True)
class Holding:
    """One current assignment, as required training needs it (no model instances: it is read in bulk)."""

    person_id: int
    body_id: int
    role: str
    starts_on: date
    term_starts_on: date
    election_year: int


def current_holdings(*, on: date | None = None, roles=None, body_ids=None, person_ids=None) -> list[Holding]:
    """The assignments running on ``on`` (today) of active people, in one query: optionally only
    ``roles``, only in ``body_ids`` and only of ``person_ids``."""
    qs = Assignment.objects.current(on or timezone.localdate()).filter(person__is_active=True)
    if roles is not None:
        qs = qs.filter(role__in=list(roles))
    if body_ids is not None:
        qs = qs.filter(term__body_id__in=list(body_ids))
    if person_ids is not None:
        qs = qs.filter(person_id__in=list(person_ids))
    return [
        Holding(*row)
        for row in qs.values_list(
            "person_id", "term__body_id", "role", "starts_on", "term__starts_on", "term__election_year"
        ).iterator(5000)
    ]


def assignments_of(*, person: Person, on: date | None = None) -> QuerySet[Assignment]:
    """A person's assignments running on ``on`` (today), with their bodies."""
    return (
        Assignment.objects.current(on or timezone.localdate())
        .filter(person=person)
        .select_related("term__body")
        .order_by(body_kind_order("term__body__kind"), "term__body__name", "role")
    )


def body_kind_order(lookup: str) -> Case:
    """The council first, then the executive committee, committees, boards, joint bodies."""
    return Case(*[When(**{lookup: kind}, then=Value(i)) for i, kind in enumerate(BodyKind.values)])
