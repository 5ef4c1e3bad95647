"""Reading the HR system's export and planning what an import would change.

Nothing here writes to the database: ``read_table`` turns the bytes of a CSV or
XLSX file into rows, ``plan_people`` / ``plan_units`` compare them with what is
stored and return a plan (what would be created, changed, moved and
deactivated, and every bad row with its reason). ``services.people_import``
and ``services.units_import`` apply a plan in one transaction, and only a plan
without bad rows.

Messages are kept as codes with parameters in the plan and its JSON report, and
translated when shown, so a report made by the worker reads right in the
language of whoever opens it.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy

from .models import Audience, OrgUnit, OrgUnitKind, Person

logger = logging.getLogger(__name__)

# --- Messages -------------------------------------------------------------------

FILE_ERRORS = {
    "too_large": gettext_lazy(
        "The file is %(size)s MB; the limit is %(limit)s MB. It was not read and nothing was changed."
    ),
    "empty": gettext_lazy("The file is empty."),
    "no_rows": gettext_lazy("The file has column headings but no rows."),
    "encoding": gettext_lazy(
        "The file is neither UTF-8 nor Windows-1252 text. Export it as CSV (UTF-8) or XLSX and try again."
    ),
    "bad_xlsx": gettext_lazy("The file could not be read as an Excel workbook (.xlsx)."),
    "bad_header": gettext_lazy("The first line of the file (the column headings) could not be read."),
    "missing_columns": gettext_lazy("Missing columns: %(columns)s."),
    "not_people_file": gettext_lazy("This is a units file, not a people file."),
    "not_units_file": gettext_lazy("This is a people file, not a units file."),
    "internal": gettext_lazy(
        "The import stopped because of an unexpected error and changed nothing. Try again, or ask the "
        "administrator to look in the log."
    ),
}

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

FIELD_LABELS = {
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


def message(catalogue: dict, code: str, params: dict) -> str:
    """A stored code and its parameters as a sentence in the active language."""
    params = dict(params)
    for key in ("fields", "columns"):
        if key in params:
            params[key] = ", ".join(str(FIELD_LABELS.get(f, f)) for f in params[key])
    if "field" in params:
        params["field"] = str(FIELD_LABELS.get(params["field"], params["field"]))
    return str(catalogue[code]) % params


class ImportFileError(Exception):
    """The file as a whole cannot be imported: empty, too large, unreadable, missing columns."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        return message(FILE_ERRORS, self.code, self.params)


# --- Columns --------------------------------------------------------------------


def _norm(text: str) -> str:
    """A heading as a comparable key: lower case, no BOM, punctuation and spacing folded."""
    text = text.replace("\ufeff", "").strip().lower()
    text = re.sub(r"['’´`.]", "", text)
    return re.sub(r"[\s_\-]+", " ", text).strip()


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

AUDIENCE_VALUES = {
    "staff": Audience.STAFF,
    "medarbetare": Audience.STAFF,
    "employee": Audience.STAFF,
    "anställd": Audience.STAFF,
    "manager": Audience.MANAGER,
    "chef": Audience.MANAGER,
    "politician": Audience.POLITICIAN,
    "elected politician": Audience.POLITICIAN,
    "förtroendevald": Audience.POLITICIAN,
    "politiker": Audience.POLITICIAN,
}

KIND_VALUES = {value: value for value in OrgUnitKind.values} | {
    "kommun": OrgUnitKind.MUNICIPALITY,
    "förvaltning": OrgUnitKind.ADMINISTRATION,
    "nämnd": OrgUnitKind.COMMITTEE,
    "bolag": OrgUnitKind.COMPANY,
    "avdelning": OrgUnitKind.DEPARTMENT,
    "enhet": OrgUnitKind.UNIT,
}


def _match_columns(headers: list[str], columns: dict[str, list[str]]) -> dict[str, int]:
    """Which position each known column has; unknown headings are ignored."""
    positions: dict[str, int] = {}
    for index, heading in enumerate(headers):
        key = _norm(heading)
        for name, aliases in columns.items():
            if name not in positions and key in aliases:
                positions[name] = index
                break
    return positions


def detect_kind(headers: list[str]) -> str:
    """ "people" or "units", from the headings: a people file has an employee number column."""
    people = _match_columns(headers, PEOPLE_COLUMNS)
    return "people" if "employee_number" in people else "units"


# --- Reading the file ---------------------------------------------------------


@dataclass
class Table:
    """The file as text rows: headings, and each data row with its line (CSV) or row number (XLSX);
    lines that could not be read as CSV at all are kept as (line, row error code, params)."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    format: str  # "csv" or "xlsx"
    encoding: str = ""  # "UTF-8", "UTF-8 with BOM", "Windows-1252"; empty for XLSX
    delimiter: str = ""
    unreadable: list[tuple[int, str, dict]] = field(default_factory=list)


def check_size(size: int) -> None:
    limit = settings.LMS_IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFileError("too_large", size=f"{size / 1024 / 1024:.1f}", limit=f"{limit / 1024 / 1024:.0f}")


def read_table(data: bytes, *, filename: str = "", fmt: str = "auto") -> Table:
    """Bytes of a CSV or XLSX export as a Table. The size is checked before anything is parsed."""
    check_size(len(data))
    if not data.strip():
        raise ImportFileError("empty")
    if fmt == "auto":
        is_zip = data[:4] == b"PK\x03\x04"
        fmt = "xlsx" if is_zip or filename.lower().endswith((".xlsx", ".xlsm")) else "csv"
    table = _read_xlsx(data) if fmt == "xlsx" else _read_csv(data)
    if not table.headers or not any(h.strip() for h in table.headers):
        raise ImportFileError("empty")
    if not table.rows and not table.unreadable:
        raise ImportFileError("no_rows")
    return table


def _decode(data: bytes) -> tuple[str, str]:
    """HR systems export UTF-8 (often with a BOM from Excel) or Windows-1252: try them in that order."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError:
            raise ImportFileError("encoding") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError("encoding") from None
    return text, "Windows-1252"


def _sniff_delimiter(header_line: str) -> str:
    """Swedish Excel saves CSV with semicolons: the header's most frequent separator wins."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    if "\x00" in first_line:  # UTF-16 and binary files decode too, full of NULs; one in a row is that row's
        raise ImportFileError("encoding")
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    rows = []
    unreadable = []
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader goes on with the next line
            if headers is None:
                raise ImportFileError("bad_header") from None
            unreadable.append(_unreadable_line(reader.line_num, exc))
            continue
        if not any(v.strip() for v in values):
            continue  # blank lines, including trailing ones
        if headers is None:
            headers = [v.strip() for v in values]
            continue
        rows.append((reader.line_num, [v.strip() for v in values]))
    return Table(
        headers=headers or [],
        rows=rows,
        format="csv",
        encoding=encoding,
        delimiter=delimiter,
        unreadable=unreadable,
    )


def _unreadable_line(line: int, exc: csv.Error) -> tuple[int, str, dict]:
    """A line the CSV reader gave up on: almost always a value over its field size limit."""
    if "field larger than field limit" in str(exc):
        return line, "line_too_long", {"limit": csv.field_size_limit()}
    return line, "unreadable_line", {}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # employee numbers typed as numbers in Excel
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError("bad_xlsx") from None
    try:
        sheet = workbook.worksheets[0]
        headers: list[str] | None = None
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if not any(cells):
                continue
            if headers is None:
                headers = cells
                continue
            rows.append((number, cells))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError):  # the sheet is read lazily: its XML
        raise ImportFileError("bad_xlsx") from None
    finally:
        workbook.close()
    return Table(headers=headers or [], rows=rows, format="xlsx")


def _columns_or_error(table: Table, columns: dict, required: list[str]) -> dict[str, int]:
    positions = _match_columns(table.headers, columns)
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


@dataclass
class PersonRow:
    """One valid-looking row of a people file, with values normalised."""

    line: int
    employee_number: str
    first_name: str
    last_name: str
    email: str
    unit_code: str
    audience: str
    manager_number: str


@dataclass
class Existing:
    """What is stored about a person, read once for the whole file."""

    person_id: int
    user_id: int
    employee_number: str
    first_name: str
    last_name: str
    email: str
    org_unit_id: int
    audience: str
    manager_id: int | None
    is_active: bool
    deactivated_at: object


@dataclass
class PersonChange:
    row: PersonRow
    existing: Existing
    changes: dict  # field -> [old, new], as shown in the report
    org_unit_id: int
    reactivate: bool = False

    @property
    def moved(self) -> bool:
        return "org_unit" in self.changes

    @property
    def user_changed(self) -> bool:
        return bool({"first_name", "last_name", "email"} & set(self.changes))


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


@dataclass
class PeoplePlan(_Plan):
    kind = "people"
    creates: list[PersonRow] = field(default_factory=list)
    changes: list[PersonChange] = field(default_factory=list)
    deactivations: list[Existing] = field(default_factory=list)
    # Resolved for the writes: unit code -> id, employee number -> person id (existing people).
    unit_ids: dict[str, int] = field(default_factory=dict)
    person_ids: dict[str, int] = field(default_factory=dict)
    usernames: dict[str, str] = field(default_factory=dict)  # employee number -> username, for creates

    def _kind_counts(self) -> dict:
        return {
            "moved": sum(1 for c in self.changes if c.moved),
            "reactivated": sum(1 for c in self.changes if c.reactivate),
            "deactivated": len(self.deactivations),
        }

    def _report_rows(self, sample: int) -> dict:
        return {
            "created": [
                {
                    "line": r.line,
                    "key": r.employee_number,
                    "name": f"{r.first_name} {r.last_name}",
                    "unit": r.unit_code,
                    "audience": r.audience,
                }
                for r in self.creates[:sample]
            ],
            "changed": [
                {
                    "line": c.row.line,
                    "key": c.row.employee_number,
                    "name": f"{c.row.first_name} {c.row.last_name}",
                    "changes": c.changes,
                }
                for c in self.changes[:sample]
            ],
            "deactivated": [
                {"key": e.employee_number, "name": f"{e.first_name} {e.last_name}"} for e in self.deactivations[:sample]
            ],
        }


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


def _load_existing_people() -> dict[str, Existing]:
    """Everyone with an employee number, by it, in one query."""
    rows = Person.objects.filter(employee_number__isnull=False).values_list(
        "pk",
        "user_id",
        "employee_number",
        "user__first_name",
        "user__last_name",
        "user__email",
        "org_unit_id",
        "audience",
        "manager_id",
        "is_active",
        "deactivated_at",
    )
    return {row[2]: Existing(*row) for row in rows.iterator(chunk_size=5000)}


def plan_people(
    table: Table,
    *,
    full: bool = False,
    protected_user_ids: set[int] | None = None,
    sign_in_locked_user_ids: set[int] | None = None,
) -> PeoplePlan:
    """Compare a people file with what is stored. Reads only; a constant number of queries.

    ``protected_user_ids``: accounts the importing user may not change (the rule is in
    ``selectors.protected_user_ids``). A row that would change such a person, and a full
    export that would deactivate one, is a bad row. ``sign_in_locked_user_ids``: staff accounts
    whose e-mail address the importing user may not change (``roles.may_change_sign_in``); a row
    that would is a bad row. ``None``: the nightly job, which may change anyone.
    """
    protected = protected_user_ids or set()
    sign_in_locked = sign_in_locked_user_ids or set()
    positions = _match_columns(table.headers, PEOPLE_COLUMNS)
    if "employee_number" not in positions and _match_columns(table.headers, UNIT_COLUMNS).keys() >= {"code", "kind"}:
        raise ImportFileError("not_people_file")
    missing = [name for name in PEOPLE_REQUIRED if name not in positions]
    if "org_unit" not in positions and "committee" not in positions:
        missing.append("org_unit")
    if missing:
        raise ImportFileError("missing_columns", columns=missing)

    plan = PeoplePlan(full=full, table=table)
    units = {code: (pk, kind) for pk, code, kind in OrgUnit.objects.values_list("pk", "code", "kind")}
    plan.unit_ids = {code: pk for code, (pk, _kind) in units.items()}
    existing = _load_existing_people()
    plan.person_ids = {number: e.person_id for number, e in existing.items()}
    number_by_person_id = {e.person_id: number for number, e in existing.items()}
    unit_code_by_id = {pk: code for code, (pk, _kind) in units.items()}
    User = get_user_model()
    email_owner: dict[str, int] = {}
    usernames: set[str] = set()
    for pk, username, email in User.objects.values_list("pk", "username", "email").iterator(chunk_size=5000):
        usernames.add(username.lower())
        if email:
            email_owner.setdefault(email.lower(), pk)

    def get(values: list[str], name: str) -> str:
        index = positions.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    rows: list[PersonRow] = []
    bad: dict[int, BadRow] = _unreadable_bad_rows(table)  # one reason per row: the first found
    # Where each column is stored: its values must fit there (SQLite would not say, PostgreSQL would refuse).
    stored_in = {
        "employee_number": (Person, "employee_number"),
        "first_name": (User, "first_name"),
        "last_name": (User, "last_name"),
        "email": (User, "email"),
        "org_unit": (OrgUnit, "code"),
        "committee": (OrgUnit, "code"),
        "manager": (Person, "employee_number"),
    }

    def reject(row_line: int, key: str, code: str, **params) -> None:
        if row_line not in bad:
            bad[row_line] = _bad_row(row_line, key, code, params)

    def read_row(line: int, values: list[str]) -> PersonRow:
        number = get(values, "employee_number")
        committee = get(values, "committee")
        audience_raw = get(values, "audience")
        audience = AUDIENCE_VALUES.get(_norm(audience_raw)) if audience_raw else None
        unit_code = get(values, "org_unit")
        if audience == Audience.POLITICIAN and committee:
            unit_code = committee  # a politician sits in their committee
        row = PersonRow(
            line=line,
            employee_number=number,
            first_name=get(values, "first_name"),
            last_name=get(values, "last_name"),
            email=get(values, "email"),
            unit_code=unit_code,
            audience=audience or "",
            manager_number=get(values, "manager"),
        )
        missing_values = [
            name
            for name, value in (
                ("employee_number", number),
                ("first_name", row.first_name),
                ("last_name", row.last_name),
                ("email", row.email),
                ("audience", audience_raw),
                (
                    "committee" if audience == Audience.POLITICIAN and "committee" in positions else "org_unit",
                    unit_code,
                ),
            )
            if not value
        ]
        unstorable = _unstorable({name: get(values, name) for name in PEOPLE_COLUMNS}, stored_in)
        if unstorable:
            reject(line, number, unstorable[0], **unstorable[1])
        elif missing_values:
            reject(line, number, "missing_value", fields=missing_values)
        elif audience is None:
            reject(line, number, "unknown_audience", value=audience_raw)
        elif not _valid_email(row.email):
            reject(line, number, "bad_email", value=row.email)
        elif unit_code not in units:
            reject(line, number, "unknown_unit", value=unit_code)
        elif committee and audience == Audience.POLITICIAN and units[unit_code][1] != OrgUnitKind.COMMITTEE:
            reject(line, number, "not_a_committee", value=unit_code)
        return row

    for line, values in table.rows:
        try:
            rows.append(read_row(line, values))
        except (ValueError, ValidationError):  # a value nothing above foresaw: a bad row, not a failed run
            logger.warning("HR import: line %s could not be interpreted", line, exc_info=True)
            reject(line, get(values, "employee_number"), "unreadable_row")

    # Duplicates in the file: every occurrence is bad, since none can be chosen over the others.
    lines_by_number: dict[str, list[int]] = defaultdict(list)
    lines_by_email: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.employee_number:
            lines_by_number[row.employee_number].append(row.line)
        if row.email:
            lines_by_email[row.email.lower()].append(row.line)
    for row in rows:
        dup_lines = lines_by_number.get(row.employee_number, [])
        if len(dup_lines) > 1:
            reject(
                row.line,
                row.employee_number,
                "duplicate_employee_number",
                value=row.employee_number,
                lines=_lines(dup_lines),
            )
            continue
        dup_lines = lines_by_email.get(row.email.lower(), [])
        if len(dup_lines) > 1:
            reject(row.line, row.employee_number, "duplicate_email", value=row.email, lines=_lines(dup_lines))
            continue
        owner = email_owner.get(row.email.lower())
        current = existing.get(row.employee_number)
        if owner is not None and (current is None or owner != current.user_id):
            reject(row.line, row.employee_number, "email_taken", value=row.email)

    # Managers: in the file, or stored (a partial import); a full export must list them.
    in_file = {row.employee_number: row for row in rows if row.employee_number}
    for row in rows:
        manager = row.manager_number
        if not manager or manager in in_file:
            continue
        if manager not in existing:
            reject(row.line, row.employee_number, "unknown_manager", value=manager)
        elif full:
            reject(row.line, row.employee_number, "manager_leaving", value=manager)

    # Cycles over the hierarchy as it would be after the import.
    edges: dict[str, str] = {}
    if not full:
        for number, e in existing.items():
            if e.manager_id is not None and e.manager_id in number_by_person_id:
                edges[number] = number_by_person_id[e.manager_id]
    for row in rows:
        if not row.employee_number:
            continue
        edges.pop(row.employee_number, None)
        if row.manager_number:
            edges[row.employee_number] = row.manager_number
    cycles = find_cycles(edges, [row.employee_number for row in rows if row.manager_number and row.employee_number])
    for row in rows:
        if row.employee_number in cycles:
            cycle = cycles[row.employee_number]
            reject(row.line, row.employee_number, "manager_cycle", chain=" → ".join(cycle + cycle[:1]))

    def row_changes(row: PersonRow, current: Existing) -> dict:
        """What the row would change about a stored person: field -> [old, new]."""
        changes: dict = {}
        for name, old in (
            ("first_name", current.first_name),
            ("last_name", current.last_name),
            ("email", current.email),
        ):
            new = getattr(row, name)
            if old != new:
                changes[name] = [old, new]
        if current.org_unit_id != units[row.unit_code][0]:
            changes["org_unit"] = [unit_code_by_id.get(current.org_unit_id, ""), row.unit_code]
        if current.audience != row.audience:
            changes["audience"] = [current.audience, row.audience]
        old_manager = number_by_person_id.get(current.manager_id, "") if current.manager_id else ""
        if old_manager != row.manager_number:
            changes["manager"] = [old_manager, row.manager_number]
        if not current.is_active:
            changes["is_active"] = [False, True]
        return changes

    # People whose accounts can do more than the importing user's are read-only for them.
    if protected:
        for row in rows:
            current = existing.get(row.employee_number)
            if row.line in bad or current is None or current.user_id not in protected:
                continue
            if row_changes(row, current):
                reject(row.line, row.employee_number, "protected_account", name=_stored_name(current))

    # A staff account's e-mail address is where its password can be reset: only a superuser changes it.
    for row in rows:
        current = existing.get(row.employee_number)
        if row.line in bad or current is None or current.user_id not in sign_in_locked:
            continue
        if current.email != row.email:
            reject(
                row.line,
                row.employee_number,
                "staff_sign_in",
                name=_stored_name(current),
                stored=current.email or "–",
                person_id=current.person_id,
            )

    # A row whose manager is on a bad row cannot be planned either.
    bad_numbers = {row.employee_number for row in rows if row.line in bad}
    for row in rows:
        if row.line not in bad and row.manager_number in bad_numbers and row.manager_number != row.employee_number:
            reject(row.line, row.employee_number, "manager_is_bad", value=row.manager_number)

    plan.bad_rows = sorted(bad.values(), key=lambda b: b.line)

    # What would change, for the good rows.
    taken = set(usernames)
    for row in rows:
        if row.line in bad:
            continue
        current = existing.get(row.employee_number)
        unit_id = units[row.unit_code][0]
        if current is None:
            plan.creates.append(row)
            plan.usernames[row.employee_number] = _username(row, taken)
            continue
        changes = row_changes(row, current)
        if changes:
            plan.changes.append(
                PersonChange(
                    row=row, existing=current, changes=changes, org_unit_id=unit_id, reactivate=not current.is_active
                )
            )
        else:
            plan.unchanged += 1

    if full:
        listed = set(in_file)
        plan.deactivations = [e for number, e in existing.items() if e.is_active and number not in listed]
        # A protected person missing from the file: no line to point at, so line 0 (shown as "–").
        plan.bad_rows += [
            BadRow(line=0, key=e.employee_number, code="protected_leaving", params={"name": _stored_name(e)})
            for e in plan.deactivations
            if e.user_id in protected
        ]
    return plan


def _stored_name(existing: Existing) -> str:
    return f"{existing.first_name} {existing.last_name}".strip() or existing.employee_number


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:10])
    return shown + (" …" if len(lines) > 10 else "")


def _username(row: PersonRow, taken: set[str]) -> str:
    """The e-mail address (lower case) as username, else one made from the employee number."""
    for candidate in (row.email.lower(), f"hr-{row.employee_number}".lower()):
        if len(candidate) <= 150 and candidate not in taken:
            taken.add(candidate)
            return candidate
    n = 2
    while f"hr-{row.employee_number}-{n}".lower() in taken:
        n += 1
    candidate = f"hr-{row.employee_number}-{n}".lower()
    taken.add(candidate)
    return candidate


# --- Units ----------------------------------------------------------------------


@dataclass
class UnitRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str


@dataclass
class UnitsPlan(_Plan):
    kind = "units"
    creates: list[UnitRow] = field(default_factory=list)  # parents before children
    changes: list[tuple[UnitRow, dict]] = field(default_factory=list)
    moves: list[UnitRow] = field(default_factory=list)  # parents before children

    def _kind_counts(self) -> dict:
        return {"moved": len(self.moves), "reactivated": 0, "deactivated": 0}  # units are never removed

    def _report_rows(self, sample: int) -> dict:
        return {
            "created": [
                {"line": r.line, "key": r.code, "name": r.name, "unit": r.parent_code, "audience": r.kind}
                for r in self.creates[:sample]
            ],
            "changed": [
                {"line": r.line, "key": r.code, "name": r.name, "changes": changes}
                for r, changes in self.changes[:sample]
            ],
            "deactivated": [],
        }


def plan_units(table: Table, *, full: bool = False) -> UnitsPlan:
    """Compare a units file (code, name, kind, parent code) with the stored tree. Units are never removed."""
    if "employee_number" in _match_columns(table.headers, PEOPLE_COLUMNS):
        raise ImportFileError("not_units_file")
    positions = _columns_or_error(table, UNIT_COLUMNS, UNIT_REQUIRED)
    plan = UnitsPlan(full=full, table=table)
    stored = list(OrgUnit.objects.values_list("code", "name", "kind", "path"))
    code_by_path = {path: code for code, _n, _k, path in stored}
    current = {code: (name, kind, code_by_path.get(path[: -OrgUnit.steplen], "")) for code, name, kind, path in stored}

    def get(values, name):
        index = positions[name]
        return values[index].strip() if index < len(values) else ""

    rows = []
    bad: dict[int, BadRow] = _unreadable_bad_rows(table)
    stored_in = {"code": (OrgUnit, "code"), "name": (OrgUnit, "name"), "parent": (OrgUnit, "code")}

    def reject(row_line, key, code, **params):
        if row_line not in bad:
            bad[row_line] = _bad_row(row_line, key, code, params)

    def read_row(line: int, values: list[str]) -> UnitRow:
        kind_raw = get(values, "kind")
        row = UnitRow(
            line=line,
            code=get(values, "code"),
            name=get(values, "name"),
            kind=KIND_VALUES.get(_norm(kind_raw), ""),
            parent_code=get(values, "parent"),
        )
        missing = [n for n, v in (("code", row.code), ("name", row.name), ("kind", kind_raw)) if not v]
        unstorable = _unstorable({name: get(values, name) for name in UNIT_COLUMNS}, stored_in)
        if unstorable:
            reject(line, row.code, unstorable[0], **unstorable[1])
        elif missing:
            reject(line, row.code, "missing_value", fields=missing)
        elif not row.kind:
            reject(line, row.code, "unknown_kind", value=kind_raw)
        return row

    for line, values in table.rows:
        try:
            rows.append(read_row(line, values))
        except (ValueError, ValidationError):  # as for people: a bad row, not a failed run
            logger.warning("HR import: line %s could not be interpreted", line, exc_info=True)
            reject(line, get(values, "code"), "unreadable_row")
    lines_by_code = Counter(r.code for r in rows if r.code)
    in_file = {r.code: r for r in rows if r.code}
    for row in rows:
        if lines_by_code[row.code] > 1:
            lines = [r.line for r in rows if r.code == row.code]
            reject(row.line, row.code, "duplicate_code", value=row.code, lines=_lines(lines))
        elif row.parent_code and row.parent_code not in in_file and row.parent_code not in current:
            reject(row.line, row.code, "unknown_parent", value=row.parent_code)
    edges = {code: parent for code, (_n, _k, parent) in current.items() if parent}
    for row in rows:
        edges.pop(row.code, None)
        if row.parent_code:
            edges[row.code] = row.parent_code
    cycles = find_cycles(edges, [r.code for r in rows if r.parent_code])
    for row in rows:
        if row.code in cycles:
            cycle = cycles[row.code]
            reject(row.line, row.code, "parent_cycle", chain=" → ".join(cycle + cycle[:1]))
    plan.bad_rows = sorted(bad.values(), key=lambda b: b.line)
    if plan.bad_rows:
        return plan

    def depth(code: str) -> int:
        n = 0
        while code:
            code = edges.get(code, "")
            n += 1
        return n

    for row in sorted(rows, key=lambda r: depth(r.code)):
        if row.code not in current:
            plan.creates.append(row)
            continue
        name, kind, parent = current[row.code]
        changes = {}
        if name != row.name:
            changes["name"] = [name, row.name]
        if kind != row.kind:
            changes["kind"] = [kind, row.kind]
        if parent != row.parent_code:
            changes["parent"] = [parent, row.parent_code]
            plan.moves.append(row)
        if changes:
            plan.changes.append((row, changes))
        else:
            plan.unchanged += 1
    return plan


def describe_report_row_change(changes: dict) -> str:
    """ "field: old → new; …" for the report page."""
    return "; ".join(
        f"{FIELD_LABELS.get(name, name)}: {old or '–'} → {new or '–'}" for name, (old, new) in changes.items()
    )
