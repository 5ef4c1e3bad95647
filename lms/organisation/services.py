"""Writes to the municipal group and its people. Every change of state goes through here."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from wagtail.log_actions import log

from lms.access import roles

from . import selectors
from .models import Audience, OrgUnit, OrgUnitKind, Person
from .signals import people_changed


def announce_people_changed(person_ids: list[int]) -> None:
    """On commit, tell listeners (required training) that these people joined, moved or changed audience."""
    transaction.on_commit(lambda: people_changed.send(sender=Person, person_ids=list(person_ids)))


@transaction.atomic
def org_unit_create(*, name: str, code: str, kind: str = OrgUnitKind.UNIT, parent: OrgUnit | None = None) -> OrgUnit:
    unit = OrgUnit(name=name, code=code, kind=kind)
    if parent is None:
        return OrgUnit.add_root(instance=unit)
    return parent.add_child(instance=unit)


@transaction.atomic
def org_unit_update(*, unit: OrgUnit, parent: OrgUnit | None, **fields) -> OrgUnit:
    """Change a unit's fields and, if the parent changed, move it with its whole subtree."""
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.save()
    current_parent = unit.get_parent()
    if parent != current_parent:
        if parent is None:
            unit.move(OrgUnit.get_first_root_node(), "last-sibling")
        else:
            unit.move(parent, "last-child")
        unit.refresh_from_db()
    return unit


# --- Protected accounts and the manager chain ----------------------------------------
#
# Services that change a person take the acting user as ``by=``. A person whose account can
# do more than ``by`` (the rule is in selectors.protected_user_ids: a superuser, or a group or
# permission ``by`` lacks) is read-only for them: PersonProtected. ``by=None`` is the platform
# itself (the nightly import command, retention, the demo): it may change anyone.

PROTECTED_MESSAGE = gettext_lazy(
    "Only a superuser may change, deactivate or erase %(name)s: their account has rights in the "
    "platform that yours does not."
)


class PersonProtected(PermissionDenied):
    """The acting user may not change this person: their account can do more."""

    def __init__(self, person: Person):
        self.person = person
        super().__init__(PROTECTED_MESSAGE % {"name": person.full_name})


def person_check_may_change(*, person: Person, by) -> None:
    """Raise PersonProtected unless ``by`` may change, deactivate and erase this person."""
    if by is not None and selectors.person_is_protected_from(person=person, actor=by):
        raise PersonProtected(person)


# --- Staff accounts' sign-in details ------------------------------------------------
#
# Whoever controls an account's e-mail address, username or password controls the account (a
# password reset goes to the address). For a staff account (roles.staff_account_ids: any role, a staff
# scope, admin access) only a superuser may change them (roles.may_change_sign_in), whatever the path:
# the people form, the HR import, Wagtail's user views. Each change and each refusal is audit-logged.

SIGN_IN_PROTECTED_MESSAGE = gettext_lazy(
    "Only a superuser may change the e-mail address, username or password of %(name)s: the account holds "
    "staff rights in the platform (a role, a staff scope or admin access), and a password reset goes to its "
    "e-mail address."
)
SIGN_IN_CHANGED = "lms.sign_in.changed"
SIGN_IN_REFUSED = "lms.sign_in.refused"
ROLES_REFUSED = "lms.roles.refused"
# Roles decide which accounts are staff accounts, so only a superuser gives or takes them
# (roles.may_change_roles): else a staff account could be made a learner's for a sign-in change and back.
ROLES_PROTECTED_MESSAGE = gettext_lazy(
    "Nothing was changed. Only a superuser may give or take roles (groups) or administrator access: the roles "
    "decide which accounts only a superuser may change the e-mail address, username or password of."
)


class SignInProtected(PermissionDenied):
    """The acting user may not change this staff account's sign-in details."""

    def __init__(self, user, fields: list[str]):
        self.user, self.fields = user, fields
        super().__init__(SIGN_IN_PROTECTED_MESSAGE % {"name": user.get_full_name() or user.get_username()})


def sign_in_protected_message(user) -> str:
    return SIGN_IN_PROTECTED_MESSAGE % {"name": user.get_full_name() or user.get_username()}


@transaction.atomic
def sign_in_change_record(*, user, by, fields: list[str], via: str, allowed: bool) -> None:
    """Write a change (``allowed``) or a refused attempt to change an account's sign-in details to the
    audit log: on the person when there is one (their history shows it), else on the account.
    ``via``: the path (``people_edit``, ``import``, ``user_edit``); the values are not stored."""
    anchor = Person.objects.filter(user_id=user.pk).first() or user
    data = {"fields": sorted(fields), "via": via, "staff_account": roles.is_staff_account(user)}
    log(
        instance=anchor,
        action=SIGN_IN_CHANGED if allowed else SIGN_IN_REFUSED,
        user=by if getattr(by, "is_authenticated", False) else None,
        data=data,
    )


@transaction.atomic
def roles_change_refused_record(*, user, by, fields: list[str], via: str) -> None:
    """Write a refused attempt to give or take ``user``'s roles to the audit log (on the person when there
    is one, else on the account; for a new account, on the acting one). ``via``: ``user_edit``,
    ``user_create``, ``bulk_action``."""
    anchor = (Person.objects.filter(user_id=user.pk).first() or user) if user is not None else by
    data = {"fields": sorted(fields), "via": via, "staff_account": roles.is_staff_account(user)}
    log(instance=anchor, action=ROLES_REFUSED, user=by if getattr(by, "is_authenticated", False) else None, data=data)


def manager_cycle_message(cycle: list[Person]) -> str:
    """Why a manager was refused, naming the people: ``cycle`` from selectors.manager_cycle."""
    if len(cycle) == 1:
        return gettext("A person cannot be their own manager.")
    person, manager = cycle[0], cycle[1]
    return gettext(
        "%(manager)s cannot be the manager of %(person)s: %(manager)s already reports to %(person)s "
        "(chain of managers: %(chain)s)."
    ) % {
        "manager": manager.full_name,
        "person": person.full_name,
        "chain": " → ".join(p.full_name for p in [*cycle, person]),
    }


def _check_manager(*, person: Person, manager: Person | None) -> None:
    """The same rule as the HR import's: nobody is their own manager, directly or round a circle."""
    cycle = selectors.manager_cycle(person=person, manager=manager)
    if cycle:
        raise ValidationError({"manager": manager_cycle_message(cycle)})


@transaction.atomic
def person_create(
    *,
    username: str,
    org_unit: OrgUnit,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    audience: str = Audience.STAFF,
    employee_number: str | None = None,
    manager: Person | None = None,
    language: str = "sv",
    password: str | None = None,
) -> Person:
    user = get_user_model().objects.create_user(
        username=username, email=email, first_name=first_name, last_name=last_name, password=password
    )
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    person = Person.objects.create(
        user=user,
        org_unit=org_unit,
        audience=audience,
        employee_number=employee_number or None,
        manager=manager,
        language=language,
    )
    announce_people_changed([person.pk])
    return person


USER_FIELDS = ("first_name", "last_name", "email", "username")
PERSON_FIELDS = ("org_unit", "audience", "employee_number", "manager", "language")


@transaction.atomic
def person_update(*, person: Person, by=None, is_active: bool | None = None, **fields) -> Person:
    """Change a person and their account; activation goes through (de)activate so the dates stay right.

    Raises PersonProtected when ``by`` may not change this person, SignInProtected when ``by`` may
    not change the e-mail address or username of this staff account (the form refuses and logs it
    first), and ValidationError (on ``manager``) for a manager who would close a circle. A change of
    the e-mail address or username is audit-logged.
    """
    unknown = set(fields) - set(USER_FIELDS) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update() got unknown fields: {sorted(unknown)}")
    person_check_may_change(person=person, by=by)
    sign_in_changed = selectors.sign_in_fields_changed(
        user_id=person.user_id, email=fields.get("email"), username=fields.get("username")
    )
    if sign_in_changed and not roles.may_change_sign_in(actor=by, user=person.user):
        raise SignInProtected(person.user, sign_in_changed)
    if "manager" in fields:
        _check_manager(person=person, manager=fields["manager"])
    user = person.user
    for name in USER_FIELDS:
        if name in fields:
            setattr(user, name, fields[name])
    user.save()
    # From the database: an admin form has already put the new values on the instance.
    before = Person.objects.filter(pk=person.pk).values_list("org_unit_id", "audience").get()
    for name in PERSON_FIELDS:
        if name in fields:
            setattr(person, name, fields[name])
    person.save()
    if (person.org_unit_id, person.audience) != before:
        announce_people_changed([person.pk])
    if sign_in_changed:
        sign_in_change_record(user=user, by=by, fields=sign_in_changed, via="people_edit", allowed=True)
    if is_active is False:
        person_deactivate(person=person, by=by)
    elif is_active is True:
        person_reactivate(person=person, by=by)
    return person


@transaction.atomic
def person_deactivate(*, person: Person, by=None) -> Person:
    """A leaver: can no longer sign in, but their history stays in every figure."""
    if not person.is_active:
        return person
    person_check_may_change(person=person, by=by)
    person.is_active = False
    person.deactivated_at = timezone.now()
    person.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    person.user.is_active = False
    person.user.save(update_fields=["is_active"])
    announce_people_changed([person.pk])  # their open required enrolments are released
    return person


@transaction.atomic
def person_reactivate(*, person: Person, by=None) -> Person:
    if person.is_active:
        return person
    person_check_may_change(person=person, by=by)
    person.is_active = True
    person.deactivated_at = None
    person.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    person.user.is_active = True
    person.user.save(update_fields=["is_active"])
    announce_people_changed([person.pk])
    return person


# Erasure lives in its own module (size); its names are part of this one's.
from .erasure import ERASURE_REASON_REQUIRED as ERASURE_REASON_REQUIRED  # noqa: E402
from .erasure import RETENTION_REASON as RETENTION_REASON  # noqa: E402
from .erasure import ErasureReasonRequired as ErasureReasonRequired  # noqa: E402
from .erasure import person_erase as person_erase  # noqa: E402
