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
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy

from lms.core.tables import FIELD_LABELS, FILE_ERRORS, ImportFileError, Table, match_columns, message

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

ROW_ERRORS = {
    "missing_value": gettext_lazy("Missing required value: %(fields)s."),
    "unknown_audience": gettext_lazy(
        "Unknown audience “%(value)s” (use medarbetare/staff, chef/manager or förtroendevald/politician)."
    ),
    "bad_email": gettext_lazy("“%(value)s” is not a valid e-mail address."),
    "duplicate_employee_number": gettext_lazy(
        "Employee number %(value)s appears more than once in the file (lines %(lines)s)."
    ),
    "duplicate_email": gettext_lazy(
        "The e-mail address %(value)s appears more than once in the file (lines %(lines)s)."
    ),
    "email_taken": gettext_lazy("The e-mail address %(value)s already belongs to another account."),
    "unknown_unit": gettext_lazy("Unknown org unit code “%(value)s”."),
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
    # What the database would refuse, and lines that cannot be read at all.
    "too_long": gettext_lazy("The value of “%(field)s” has %(length)s characters; at most %(limit)s fit."),
    "nul_character": gettext_lazy(
        "The value of “%(field)s” contains a NUL character (code 0), which cannot be stored."
    ),
    "line_too_long": gettext_lazy("The line has a value longer than %(limit)s characters and could not be read."),
    "unreadable_line": gettext_lazy("The line could not be read as CSV."),
    "unreadable_row": gettext_lazy("A value on this row could not be interpreted."),
}

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


def _columns_or_error(table: Table, columns: dict, required: list[str]) -> dict[str, int]:
    positions = match_columns(table.headers, columns)
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportFileError("missing_columns", columns=missing)
    return positions


# --- Plans ----------------------------------------------------------------------


@dataclass
class BadRow:
    line: int
    key: str  # the employee number or unit code, as written in the file
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return message(ROW_ERRORS, self.code, self.params)

    def as_dict(self) -> dict:
        return {"line": self.line, "key": self.key, "code": self.code, "params": self.params}


def _shown(text: str, limit: int = 60) -> str:
    """A value from the file as a bad row names it: short, and storable (no NUL, which PostgreSQL
    refuses in text and JSON)."""
    text = text.replace("\x00", "\u2400")  # ␀
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bad_row(line: int, key: str, code: str, params: dict) -> BadRow:
    if isinstance(params.get("value"), str):
        params = {**params, "value": _shown(params["value"])}
    return BadRow(line=line, key=_shown(key), code=code, params=params)


def _unreadable_bad_rows(table: Table) -> dict[int, BadRow]:
    return {line: BadRow(line=line, key="", code=code, params=params) for line, code, params in table.unreadable}


def _unstorable(values: dict[str, str], stored_in: dict[str, tuple]) -> tuple[str, dict] | None:
    """Why the database would refuse a row's values, as (row error code, params): a NUL character,
    or a value longer than the model field it is stored in (``stored_in``: column -> (model, field))."""
    for name, value in values.items():
        if "\x00" in value:
            return "nul_character", {"field": name}
    for name, (model, field_name) in stored_in.items():
        limit = model._meta.get_field(field_name).max_length
        if len(values.get(name, "")) > limit:
            return "too_long", {"field": name, "length": len(values[name]), "limit": limit}
    return None


REPORT_SAMPLE = 200  # rows of each list kept in a stored report; the counts are always complete


@dataclass
class _Plan:
    """What a plan of either kind of file holds beside its rows, and the frame of its report."""

    kind = ""
    full: bool
    table: Table
    bad_rows: list[BadRow] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.bad_rows

    @property
    def counts(self) -> dict:
        return {
            "rows": len(self.table.rows) + len(self.table.unreadable),
            "created": len(self.creates),
            "changed": len(self.changes),
            **self._kind_counts(),
            "unchanged": self.unchanged,
            "bad": len(self.bad_rows),
        }

    def report(self, sample: int = REPORT_SAMPLE) -> dict:
        """A JSON-able report: complete counts, the first ``sample`` rows of each list, up to 1000 bad rows."""
        return {
            "kind": self.kind,
            "full": self.full,
            "format": self.table.format,
            "encoding": self.table.encoding,
            "delimiter": self.table.delimiter,
            "counts": self.counts,
            "bad_rows": [b.as_dict() for b in self.bad_rows[:1000]],
            **self._report_rows(sample),
        }

    def _kind_counts(self) -> dict:  # moved, reactivated, deactivated
        raise NotImplementedError

    def _report_rows(self, sample: int) -> dict:  # created, changed, deactivated
        raise NotImplementedError


_email_validator = EmailValidator()


def _valid_email(value: str) -> bool:
    try:
        _email_validator(value)
    except ValidationError:
        return False
    return True


def find_cycles(edges: dict, starts) -> dict:
    """Nodes of ``starts`` that lie on a cycle of ``edges`` (child -> parent), each with its cycle.

    Any hashable keys: employee numbers and unit codes here, person ids in ``selectors.manager_cycle``.
    """
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    on_cycle: dict[str, list[str]] = {}
    for start in starts:
        walk: list[str] = []
        node = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = edges.get(node)
        if node is not None and state.get(node) == 1:  # came back onto this walk: a cycle
            cycle = walk[walk.index(node) :]
            for member in cycle:
                on_cycle[member] = cycle
        for member in walk:
            state[member] = 2
    return on_cycle


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:10])
    return shown + (" …" if len(lines) > 10 else "")


def describe_report_row_change(changes: dict) -> str:
    """ "field: old → new; …" for the report page."""
    return "; ".join(
        f"{FIELD_LABELS.get(name, name)}: {old or '–'} → {new or '–'}" for name, (old, new) in changes.items()
    )
