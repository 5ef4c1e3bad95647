"""Planning a units file of the HR import (code, name, kind, parent code) against the stored tree:
what would be created, renamed, moved, and every bad row. Units are never removed. Reads only;
``services.people_import`` (``kind="units"``) applies a valid plan."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from lms.core.table_plans import (
    BadRow,
    Plan,
    bad_row,
    columns_or_error,
    find_cycles,
    shown_lines,
    unreadable_bad_rows,
    unstorable,
)
from lms.core.tables import ImportFileError, Table, match_columns, norm_heading
from lms.organisation.models import OrgUnit, OrgUnitKind

from .kinds import PEOPLE_COLUMNS, UNIT_COLUMNS, UNIT_REQUIRED

logger = logging.getLogger(__name__)

KIND_VALUES = {value: value for value in OrgUnitKind.values} | {
    "kommun": OrgUnitKind.MUNICIPALITY,
    "förvaltning": OrgUnitKind.ADMINISTRATION,
    "nämnd": OrgUnitKind.COMMITTEE,
    "bolag": OrgUnitKind.COMPANY,
    "avdelning": OrgUnitKind.DEPARTMENT,
    "enhet": OrgUnitKind.UNIT,
}


@dataclass
class UnitRow:
    line: int
    code: str
    name: str
    kind: str
    parent_code: str


@dataclass
class UnitsPlan(Plan):
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
    if "employee_number" in match_columns(table.headers, PEOPLE_COLUMNS):
        raise ImportFileError("not_units_file")
    positions = columns_or_error(table, UNIT_COLUMNS, UNIT_REQUIRED)
    plan = UnitsPlan(full=full, table=table)
    stored = list(OrgUnit.objects.values_list("code", "name", "kind", "path"))
    code_by_path = {path: code for code, _n, _k, path in stored}
    current = {code: (name, kind, code_by_path.get(path[: -OrgUnit.steplen], "")) for code, name, kind, path in stored}

    def get(values, name):
        index = positions[name]
        return values[index].strip() if index < len(values) else ""

    rows = []
    bad: dict[int, BadRow] = unreadable_bad_rows(table)
    stored_in = {"code": (OrgUnit, "code"), "name": (OrgUnit, "name"), "parent": (OrgUnit, "code")}

    def reject(row_line, key, code, **params):
        if row_line not in bad:
            bad[row_line] = bad_row(row_line, key, code, params)

    def read_row(line: int, values: list[str]) -> UnitRow:
        kind_raw = get(values, "kind")
        row = UnitRow(
            line=line,
            code=get(values, "code"),
            name=get(values, "name"),
            kind=KIND_VALUES.get(norm_heading(kind_raw), ""),
            parent_code=get(values, "parent"),
        )
        missing = [n for n, v in (("code", row.code), ("name", row.name), ("kind", kind_raw)) if not v]
        refusal = unstorable({name: get(values, name) for name in UNIT_COLUMNS}, stored_in)
        if refusal:
            reject(line, row.code, refusal[0], **refusal[1])
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
            reject(row.line, row.code, "duplicate_code", value=row.code, lines=shown_lines(lines))
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
