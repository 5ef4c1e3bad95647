"""Planning a people file of the HR import: who would be created, changed, moved, reactivated and
deactivated, and every bad row with its reason. Reads only; ``services.people_import`` applies a
valid plan. ``plan_people`` is a list of steps, one check each, run in order."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from lms.core.table_plans import (
    BadRow,
    Plan,
    bad_row,
    find_cycles,
    shown_lines,
    unreadable_bad_rows,
    unstorable,
    valid_email,
)
from lms.core.tables import ImportFileError, Table, match_columns, norm_heading
from lms.languages.content import Language, content_languages, folded_name, language_names
from lms.organisation.models import Audience, OrgUnit, OrgUnitKind, Person

from .kinds import PEOPLE_COLUMNS, PEOPLE_REQUIRED, UNIT_COLUMNS

logger = logging.getLogger(__name__)

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
    content_language: str | None = None  # a configured code, "" (an empty cell), None (no such column)


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
    hr_content_language: str


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


@dataclass
class PeoplePlan(Plan):
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
        "hr_content_language",
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
    ``lms.organisation.selectors.protected_user_ids``). A row that would change such a person, and a full
    export that would deactivate one, is a bad row. ``sign_in_locked_user_ids``: staff accounts
    whose e-mail address the importing user may not change (``roles.may_change_sign_in``); a row
    that would is a bad row. ``None``: the nightly job, which may change anyone.

    Each check is one step below, run in this order; a row keeps the first reason found.
    """
    check = _PeopleCheck.start(table, full=full, positions=_people_columns(table))
    check.protected = protected_user_ids or set()
    check.sign_in_locked = sign_in_locked_user_ids or set()
    _read_rows(check)
    _reject_duplicate_employee_numbers(check)
    _reject_duplicate_emails(check)
    _reject_taken_emails(check)
    _reject_unknown_managers(check)
    _reject_manager_cycles(check)
    _reject_changes_to_protected_people(check)
    _reject_staff_sign_in_changes(check)
    _reject_rows_whose_manager_is_bad(check)
    check.plan.bad_rows = sorted(check.bad.values(), key=lambda b: b.line)
    _plan_creates_and_changes(check)
    if full:
        _plan_deactivations(check)
    return check.plan


def _people_columns(table: Table) -> dict[str, int]:
    """Where each known column is; a units file, or missing required columns, is an ``ImportFileError``."""
    positions = match_columns(table.headers, PEOPLE_COLUMNS)
    if "employee_number" not in positions and match_columns(table.headers, UNIT_COLUMNS).keys() >= {"code", "kind"}:
        raise ImportFileError("not_people_file")
    missing = [name for name in PEOPLE_REQUIRED if name not in positions]
    if "org_unit" not in positions and "committee" not in positions:
        missing.append("org_unit")
    if missing:
        raise ImportFileError("missing_columns", columns=missing)
    return positions


@dataclass
class _PeopleCheck:
    """What the steps of ``plan_people`` share: the file, what is stored (read once), the rows read so
    far and the bad rows found so far (one reason per row: the first found)."""

    table: Table
    full: bool
    positions: dict[str, int]
    plan: PeoplePlan
    units: dict[str, tuple[int, str]]  # code -> (pk, kind)
    existing: dict[str, Existing]  # by employee number
    email_owner: dict[str, int]  # lower-case e-mail -> user id
    usernames: set[str]  # lower case
    protected: set[int] = field(default_factory=set)
    sign_in_locked: set[int] = field(default_factory=set)
    languages: dict[str, Language] = field(default_factory=language_names)  # every name of each, folded
    rows: list[PersonRow] = field(default_factory=list)
    bad: dict[int, BadRow] = field(default_factory=dict)

    @classmethod
    def start(cls, table: Table, *, full: bool, positions: dict[str, int]) -> _PeopleCheck:
        units = {code: (pk, kind) for pk, code, kind in OrgUnit.objects.values_list("pk", "code", "kind")}
        existing = _load_existing_people()
        email_owner: dict[str, int] = {}
        usernames: set[str] = set()
        users = get_user_model().objects.values_list("pk", "username", "email")
        for pk, username, email in users.iterator(chunk_size=5000):
            usernames.add(username.lower())
            if email:
                email_owner.setdefault(email.lower(), pk)
        plan = PeoplePlan(full=full, table=table)
        plan.unit_ids = {code: pk for code, (pk, _kind) in units.items()}
        plan.person_ids = {number: e.person_id for number, e in existing.items()}
        return cls(
            table=table,
            full=full,
            positions=positions,
            plan=plan,
            units=units,
            existing=existing,
            email_owner=email_owner,
            usernames=usernames,
            bad=unreadable_bad_rows(table),
        )

    @cached_property
    def number_by_person_id(self) -> dict[int, str]:
        return {e.person_id: number for number, e in self.existing.items()}

    @cached_property
    def unit_code_by_id(self) -> dict[int, str]:
        return {pk: code for code, (pk, _kind) in self.units.items()}

    def get(self, values: list[str], name: str) -> str:
        index = self.positions.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    def reject(self, line: int, key: str, code: str, **params) -> None:
        if line not in self.bad:
            self.bad[line] = bad_row(line, key, code, params)

    def good_rows_of_stored_people(self, user_ids: set[int]):
        """(row, stored person) for rows not yet bad whose stored account is one of ``user_ids``."""
        for row in self.rows:
            current = self.existing.get(row.employee_number)
            if row.line not in self.bad and current is not None and current.user_id in user_ids:
                yield row, current


def _stored_in() -> dict[str, tuple]:
    """Where each column is stored: its values must fit there (SQLite would not say, PostgreSQL would refuse)."""
    User = get_user_model()
    return {
        "employee_number": (Person, "employee_number"),
        "first_name": (User, "first_name"),
        "last_name": (User, "last_name"),
        "email": (User, "email"),
        "org_unit": (OrgUnit, "code"),
        "committee": (OrgUnit, "code"),
        "manager": (Person, "employee_number"),
    }


def _read_rows(check: _PeopleCheck) -> None:
    """Every row of the file as a ``PersonRow``, each checked on its own (``_row_problem``)."""
    stored_in = _stored_in()
    for line, values in check.table.rows:
        try:
            row, problem = _read_row(check, line, values, stored_in)
        except (ValueError, ValidationError):  # a value nothing above foresaw: a bad row, not a failed run
            logger.warning("HR import: line %s could not be interpreted", line, exc_info=True)
            check.reject(line, check.get(values, "employee_number"), "unreadable_row")
            continue
        check.rows.append(row)
        if problem is not None:
            check.reject(line, row.employee_number, problem[0], **problem[1])


def _read_row(check: _PeopleCheck, line: int, values: list[str], stored_in: dict) -> tuple[PersonRow, tuple | None]:
    """The row's values, normalised (a politician sits in their committee), and what is wrong with it alone."""
    committee = check.get(values, "committee")
    audience_raw = check.get(values, "audience")
    audience = AUDIENCE_VALUES.get(norm_heading(audience_raw)) if audience_raw else None
    unit_code = check.get(values, "org_unit")
    if audience == Audience.POLITICIAN and committee:
        unit_code = committee
    row = PersonRow(
        line=line,
        employee_number=check.get(values, "employee_number"),
        first_name=check.get(values, "first_name"),
        last_name=check.get(values, "last_name"),
        email=check.get(values, "email"),
        unit_code=unit_code,
        audience=audience or "",
        manager_number=check.get(values, "manager"),
    )
    language_raw = check.get(values, "content_language")
    if "content_language" in check.positions:
        found = check.languages.get(folded_name(language_raw))
        row.content_language = found.code if found else ""
    refusal = unstorable({name: check.get(values, name) for name in PEOPLE_COLUMNS}, stored_in)
    return row, refusal or _row_problem(
        check, row, audience_raw=audience_raw, committee=committee, language_raw=language_raw
    )


def _row_problem(
    check: _PeopleCheck, row: PersonRow, *, audience_raw: str, committee: str, language_raw: str = ""
) -> tuple | None:
    """The first thing wrong with a row by itself, as (row error code, params), or None."""
    politician = row.audience == Audience.POLITICIAN
    unit_column = "committee" if politician and "committee" in check.positions else "org_unit"
    missing = [
        name
        for name, value in (
            ("employee_number", row.employee_number),
            ("first_name", row.first_name),
            ("last_name", row.last_name),
            ("email", row.email),
            ("audience", audience_raw),
            (unit_column, row.unit_code),
        )
        if not value
    ]
    if missing:
        return "missing_value", {"fields": missing}
    if not row.audience:
        return "unknown_audience", {"value": audience_raw}
    if not valid_email(row.email):
        return "bad_email", {"value": row.email}
    if row.unit_code not in check.units:
        return "unknown_unit", {"value": row.unit_code}
    if committee and politician and check.units[row.unit_code][1] != OrgUnitKind.COMMITTEE:
        return "not_a_committee", {"value": row.unit_code}
    if language_raw and not row.content_language:
        known = ", ".join(f"{item.code} ({item.name})" for item in content_languages())
        return "unknown_content_language", {"value": language_raw, "known": known}
    return None


def _lines_by(rows: list[PersonRow], key) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if key(row):
            lines[key(row)].append(row.line)
    return lines


def _reject_duplicate_employee_numbers(check: _PeopleCheck) -> None:
    """An employee number twice in the file: every occurrence is bad, since none can be chosen over the others."""
    lines_by_number = _lines_by(check.rows, lambda row: row.employee_number)
    for row in check.rows:
        lines = lines_by_number.get(row.employee_number, [])
        if len(lines) > 1:
            check.reject(
                row.line,
                row.employee_number,
                "duplicate_employee_number",
                value=row.employee_number,
                lines=shown_lines(lines),
            )


def _reject_duplicate_emails(check: _PeopleCheck) -> None:
    """An e-mail address twice in the file (in any case): every occurrence is bad."""
    lines_by_email = _lines_by(check.rows, lambda row: row.email.lower())
    for row in check.rows:
        lines = lines_by_email.get(row.email.lower(), [])
        if len(lines) > 1:
            check.reject(row.line, row.employee_number, "duplicate_email", value=row.email, lines=shown_lines(lines))


def _reject_taken_emails(check: _PeopleCheck) -> None:
    """An e-mail address that belongs to another account than the row's person's."""
    for row in check.rows:
        owner = check.email_owner.get(row.email.lower())
        current = check.existing.get(row.employee_number)
        if owner is not None and (current is None or owner != current.user_id):
            check.reject(row.line, row.employee_number, "email_taken", value=row.email)


def _reject_unknown_managers(check: _PeopleCheck) -> None:
    """Managers: in the file, or stored (a partial import); a full export must list them."""
    in_file = {row.employee_number for row in check.rows if row.employee_number}
    for row in check.rows:
        manager = row.manager_number
        if not manager or manager in in_file:
            continue
        if manager not in check.existing:
            check.reject(row.line, row.employee_number, "unknown_manager", value=manager)
        elif check.full:
            check.reject(row.line, row.employee_number, "manager_leaving", value=manager)


def _reject_manager_cycles(check: _PeopleCheck) -> None:
    """Cycles over the hierarchy as it would be after the import."""
    edges: dict[str, str] = {}
    if not check.full:
        number_by_person_id = check.number_by_person_id
        for number, e in check.existing.items():
            if e.manager_id is not None and e.manager_id in number_by_person_id:
                edges[number] = number_by_person_id[e.manager_id]
    for row in check.rows:
        if not row.employee_number:
            continue
        edges.pop(row.employee_number, None)
        if row.manager_number:
            edges[row.employee_number] = row.manager_number
    starts = [row.employee_number for row in check.rows if row.manager_number and row.employee_number]
    cycles = find_cycles(edges, starts)
    for row in check.rows:
        if row.employee_number in cycles:
            cycle = cycles[row.employee_number]
            check.reject(row.line, row.employee_number, "manager_cycle", chain=" → ".join(cycle + cycle[:1]))


def _reject_changes_to_protected_people(check: _PeopleCheck) -> None:
    """People whose accounts can do more than the importing user's are read-only for them."""
    for row, current in check.good_rows_of_stored_people(check.protected):
        if _row_changes(check, row, current):
            check.reject(row.line, row.employee_number, "protected_account", name=_stored_name(current))


def _reject_staff_sign_in_changes(check: _PeopleCheck) -> None:
    """A staff account's e-mail address is where its password can be reset: only a superuser changes it."""
    for row, current in check.good_rows_of_stored_people(check.sign_in_locked):
        if current.email != row.email:
            check.reject(
                row.line,
                row.employee_number,
                "staff_sign_in",
                name=_stored_name(current),
                stored=current.email or "–",
                person_id=current.person_id,
            )


def _reject_rows_whose_manager_is_bad(check: _PeopleCheck) -> None:
    """A row whose manager is on a bad row cannot be planned either (so this step comes last)."""
    bad_numbers = {row.employee_number for row in check.rows if row.line in check.bad}
    for row in check.rows:
        manager = row.manager_number
        if row.line not in check.bad and manager in bad_numbers and manager != row.employee_number:
            check.reject(row.line, row.employee_number, "manager_is_bad", value=manager)


def _row_changes(check: _PeopleCheck, row: PersonRow, current: Existing) -> dict:
    """What the row would change about a stored person: field -> [old, new]."""
    changes: dict = {}
    for name, old in (("first_name", current.first_name), ("last_name", current.last_name), ("email", current.email)):
        new = getattr(row, name)
        if old != new:
            changes[name] = [old, new]
    if current.org_unit_id != check.units[row.unit_code][0]:
        changes["org_unit"] = [check.unit_code_by_id.get(current.org_unit_id, ""), row.unit_code]
    if current.audience != row.audience:
        changes["audience"] = [current.audience, row.audience]
    old_manager = check.number_by_person_id.get(current.manager_id, "") if current.manager_id else ""
    if old_manager != row.manager_number:
        changes["manager"] = [old_manager, row.manager_number]
    if row.content_language is not None and row.content_language != current.hr_content_language:
        changes["content_language"] = [current.hr_content_language, row.content_language]
    if not current.is_active:
        changes["is_active"] = [False, True]
    return changes


def _plan_creates_and_changes(check: _PeopleCheck) -> None:
    """What would change, for the good rows: a new person (with a username), a change, or nothing."""
    plan = check.plan
    taken = set(check.usernames)
    for row in check.rows:
        if row.line in check.bad:
            continue
        current = check.existing.get(row.employee_number)
        if current is None:
            plan.creates.append(row)
            plan.usernames[row.employee_number] = _username(row, taken)
            continue
        changes = _row_changes(check, row, current)
        if changes:
            unit_id = check.units[row.unit_code][0]
            plan.changes.append(
                PersonChange(
                    row=row, existing=current, changes=changes, org_unit_id=unit_id, reactivate=not current.is_active
                )
            )
        else:
            plan.unchanged += 1


def _plan_deactivations(check: _PeopleCheck) -> None:
    """A full export: the active people missing from it are deactivated, unless protected from the importer."""
    plan = check.plan
    listed = {row.employee_number for row in check.rows if row.employee_number}
    plan.deactivations = [e for number, e in check.existing.items() if e.is_active and number not in listed]
    # A protected person missing from the file: no line to point at, so line 0 (shown as "–").
    plan.bad_rows += [
        BadRow(line=0, key=e.employee_number, code="protected_leaving", params={"name": _stored_name(e)})
        for e in plan.deactivations
        if e.user_id in check.protected
    ]


def _stored_name(existing: Existing) -> str:
    return f"{existing.first_name} {existing.last_name}".strip() or existing.employee_number


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
