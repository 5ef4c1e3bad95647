"""What every kind of the HR import registered by an app above (``kinds.register_import_kind``: the
historical completions of lms.completions, the assignments of lms.politics) does with each row before
its own checks: read a cell by column, refuse a row once with its first problem, and refuse values the
database could not store or required cells left empty, in that order. One ``RowChecks`` per plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lms.core import table_plans
from lms.core.tables import Table


@dataclass
class RowChecks:
    table: Table
    columns: dict  # name -> the headings it may have (``lms.core.tables.match_columns``)
    required: list[str]
    stored_in: dict  # name -> (model, field) whose length its values must fit
    positions: dict[str, int] = field(default_factory=dict)
    bad: dict[int, table_plans.BadRow] = field(default_factory=dict)

    @classmethod
    def of(cls, table: Table, *, columns: dict, required: list[str], stored_in: dict) -> RowChecks:
        """The checks of a table, its columns found (``ImportFileError`` when a required one is
        missing) and its unreadable lines bad already."""
        positions = table_plans.columns_or_error(table, columns, required)
        return cls(table, columns, required, stored_in, positions, table_plans.unreadable_bad_rows(table))

    def get(self, values: list[str], name: str) -> str:
        """The row's cell of the column ``name``, stripped; empty when the file has no such column."""
        index = self.positions.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    def reject(self, line: int, key: str, code: str, **params) -> None:
        """The row is bad for ``code`` (its first problem is kept: a row is named once)."""
        if line not in self.bad:
            self.bad[line] = table_plans.bad_row(line, key, code, params)

    def refused(self, line: int, key: str, values: list[str]) -> bool:
        """Reject the row if a value would not fit where it is stored, or a required cell is empty."""
        found = {name: self.get(values, name) for name in self.columns if name in self.positions}
        unstorable = table_plans.unstorable(found, self.stored_in)
        if unstorable:
            self.reject(line, key, unstorable[0], **unstorable[1])
            return True
        missing = [name for name in self.required if not found.get(name)]
        if missing:
            self.reject(line, key, "missing_value", fields=missing)
            return True
        return False

    def bad_rows(self) -> list[table_plans.BadRow]:
        return sorted(self.bad.values(), key=lambda b: b.line)


def read_date(text: str) -> date | None:
    """A day written YYYY-MM-DD, or a workbook's date cell ("2025-10-15 00:00:00"); None otherwise."""
    text = text.strip()
    if len(text) > 10 and text[10] in " T":
        text = text[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
