"""The HR import's framework: its messages, its kinds of file, bad rows and plans.

Nothing here writes to the database: a file is read into a table (``lms.core.tables.read_table``),
a kind's plan compares it with what is stored (people: ``people_plan.plan_people``, units:
``units_plan.plan_units``, and the kinds apps above register, e.g. lms.politics' assignments) and
returns what would be created, changed, moved and deactivated, and every bad row with its reason.
``services`` runs the upload, the dry run, the confirmation and the real run (``ImportRun``), and
applies only a plan without bad rows, in one transaction.

Messages are kept as codes with parameters in the plan and its JSON report, and translated when
shown, so a report made by the worker reads right in the language of whoever opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from lms.core.table_plans import ROW_ERRORS
from lms.core.tables import FIELD_LABELS, FILE_ERRORS, match_columns

# --- Messages -------------------------------------------------------------------

# The HR import's own file errors and row errors, kept as codes in its reports (lms.core.tables.message).
FILE_ERRORS.update(
    {
        "not_people_file": gettext_lazy("This is a units file, not a people file."),
        "not_units_file": gettext_lazy("This is a people file, not a units file."),
        "internal": gettext_lazy(
            "The import stopped because of an unexpected error and changed nothing. Try again, or ask the "
            "administrator to look in the log."
        ),
    }
)

ROW_ERRORS.update(
    {
        "unknown_audience": gettext_lazy(
            "Unknown audience “%(value)s” (use medarbetare/staff, chef/manager or förtroendevald/politician)."
        ),
        "duplicate_employee_number": gettext_lazy(
            "Employee number %(value)s appears more than once in the file (lines %(lines)s)."
        ),
        "duplicate_email": gettext_lazy(
            "The e-mail address %(value)s appears more than once in the file (lines %(lines)s)."
        ),
        "email_taken": gettext_lazy("The e-mail address %(value)s already belongs to another account."),
        "unknown_unit": gettext_lazy("Unknown org unit code “%(value)s”."),
        "unknown_content_language": gettext_lazy(
            "Unknown language “%(value)s”: use a content language's code or name (%(known)s), or leave it empty."
        ),
        "not_a_committee": gettext_lazy("“%(value)s” is not a committee."),
        "unknown_manager": gettext_lazy("Unknown manager: nobody has employee number %(value)s."),
        "manager_leaving": gettext_lazy("The manager %(value)s is not in the full export and would be deactivated."),
        "manager_is_bad": gettext_lazy("The manager %(value)s is on a bad row of the file."),
        "manager_cycle": gettext_lazy("Manager cycle: %(chain)s."),
        "protected_account": gettext_lazy(
            "Only a superuser may change %(name)s: their account has rights in the platform that yours does not. "
            "Ask a superuser to import the file, or leave the row as it is stored."
        ),
        "protected_leaving": gettext_lazy(
            "%(name)s is missing from the full export, but only a superuser may deactivate them: their account has "
            "rights in the platform that yours does not. Ask a superuser to import the file."
        ),
        "staff_sign_in": gettext_lazy(
            "Only a superuser may change the e-mail address of %(name)s: the account holds staff rights in the "
            "platform (a role, a staff scope or admin access), and a password reset goes to that address. Ask a "
            "superuser to import the file, or keep the stored address %(stored)s in the row."
        ),
        "unknown_kind": gettext_lazy("Unknown kind “%(value)s”."),
        "duplicate_code": gettext_lazy("Unit code %(value)s appears more than once in the file (lines %(lines)s)."),
        "unknown_parent": gettext_lazy("Unknown parent unit code “%(value)s”."),
        "parent_cycle": gettext_lazy("Unit cycle: %(chain)s."),
    }
)

FIELD_LABELS.update(
    {
        "employee_number": gettext_lazy("employee number"),
        "first_name": gettext_lazy("first name"),
        "last_name": gettext_lazy("last name"),
        "email": gettext_lazy("e-mail"),
        "org_unit": gettext_lazy("org unit code"),
        "audience": gettext_lazy("audience"),
        "manager": gettext_lazy("manager's employee number"),
        "committee": gettext_lazy("committee"),
        "content_language": gettext_lazy("content language"),
        "code": gettext_lazy("code"),
        "name": gettext_lazy("name"),
        "kind": gettext_lazy("kind"),
        "parent": gettext_lazy("parent code"),
        "is_active": gettext_lazy("active"),
    }
)


@dataclass(frozen=True)
class ImportKind:
    """A kind of file an app above adds to the import (lms.politics: assignments), with the same
    upload, dry run, confirmation, transaction and report: how to plan a ``Table`` and how to
    apply a valid plan (inside the import's transaction; returns the rows written)."""

    label: object
    plan: Callable  # (table, *, full, user) -> a _Plan
    apply: Callable  # (plan) -> int


IMPORT_KINDS: dict[str, ImportKind] = {}


def register_import_kind(kind: str, *, label, plan: Callable, apply: Callable, row_errors: dict, field_labels: dict):
    """Called from the other app's AppConfig.ready(); its bad rows' messages join the catalogue."""
    IMPORT_KINDS[kind] = ImportKind(label=label, plan=plan, apply=apply)
    ROW_ERRORS.update(row_errors)
    FIELD_LABELS.update(field_labels)


def kind_choices() -> list[tuple[str, object]]:
    from .models import ImportRun

    return [*ImportRun.KIND_CHOICES, *((kind, k.label) for kind, k in IMPORT_KINDS.items())]


# --- Columns --------------------------------------------------------------------

PEOPLE_COLUMNS = {
    "employee_number": [
        "employee number",
        "employee no",
        "employee id",
        "anställningsnummer",
        "anstnr",
        "anst nr",
        "personalnummer",
    ],
    "first_name": ["first name", "given name", "förnamn"],
    "last_name": ["last name", "surname", "family name", "efternamn"],
    "email": ["e mail", "email", "e post", "epost", "mail", "e postadress"],
    "org_unit": ["org unit code", "org unit", "unit code", "unit", "enhetskod", "enhet", "organisationsenhet"],
    "audience": ["audience", "målgrupp"],
    "manager": [
        "managers employee number",
        "manager employee number",
        "manager",
        "chefens anställningsnummer",
        "chef anställningsnummer",
        "chef",
    ],
    "committee": ["committee", "committee code", "nämnd", "nämndkod"],
    # Optional: the language the person reads courses in, by HR (Person.hr_content_language; their own
    # choice on their profile always wins). An empty cell clears it; without the column it is left as stored.
    "content_language": ["innehållsspråk", "språk", "language", "content language", "kursspråk"],
}
PEOPLE_REQUIRED = ["employee_number", "first_name", "last_name", "email", "audience"]

UNIT_COLUMNS = {
    "code": ["code", "unit code", "kod", "enhetskod"],
    "name": ["name", "unit name", "namn", "enhetsnamn"],
    "kind": ["kind", "type", "typ", "sort"],
    "parent": ["parent code", "parent", "parent unit code", "överordnad", "överordnad kod", "överordnad enhetskod"],
}
UNIT_REQUIRED = ["code", "name", "kind", "parent"]


def detect_kind(headers: list[str]) -> str:
    """ "people" or "units", from the headings: a people file has an employee number column."""
    people = match_columns(headers, PEOPLE_COLUMNS)
    return "people" if "employee_number" in people else "units"
