"""Reading an entered indicator's figures from a CSV or XLSX file, e.g. turnout per voting district
from the election authority's published results. The HR import's approach and reader
(``lms.core.tables``): the file is read into a table, compared and turned into a plan
with every bad row and its reason; nothing is written here. ``services.indicator_values_import``
stores a plan, and only one without bad rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy

from lms.core.tables import ImportFileError, Table, match_columns, message, read_table

COLUMNS = {
    "part": ["valdistrikt", "district", "voting district", "del", "part"],
    "value": ["valdeltagande", "turnout", "värde", "varde", "value", "andel"],
    "measured_on": ["datum", "date", "valdag"],
    "source": ["källa", "kalla", "source"],
}
REQUIRED = ["value", "measured_on"]

ROW_ERRORS = {
    "missing_value": gettext_lazy("Missing value: %(names)s."),
    "not_a_number": gettext_lazy("“%(value)s” is not a number."),
    "out_of_range": gettext_lazy("%(value)s is not between 0 and 100."),
    "not_a_date": gettext_lazy("“%(value)s” is not a date (write ÅÅÅÅ-MM-DD)."),
    "duplicate": gettext_lazy("%(value)s appears more than once for that date (lines %(lines)s)."),
    "too_long": gettext_lazy("“%(value)s” is longer than %(limit)s characters."),
    "unreadable_line": gettext_lazy("The line could not be read as CSV."),
    "line_too_long": gettext_lazy("The line is longer than %(limit)s characters."),
}
FIELD_NAMES = {
    "part": gettext_lazy("voting district"),
    "value": gettext_lazy("value"),
    "measured_on": gettext_lazy("date"),
}


@dataclass
class ValueRow:
    line: int
    part: str
    value: Decimal
    measured_on: date
    source: str


@dataclass
class BadValueRow:
    line: int
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        params = dict(self.params)
        if "names" in params:
            params["names"] = ", ".join(str(FIELD_NAMES[f]) for f in params["names"])
        return message(ROW_ERRORS, self.code, params)


@dataclass
class ValuesPlan:
    rows: list[ValueRow] = field(default_factory=list)
    bad_rows: list[BadValueRow] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.bad_rows


def _columns(table: Table) -> dict[str, int]:
    positions = match_columns(table.headers, COLUMNS)
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        raise ImportFileError("missing_columns", columns=[FIELD_NAMES[m] for m in missing])  # named when shown
    return positions


def _number(text: str) -> Decimal | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def plan_values(data: bytes, *, filename: str = "", percent: bool = True, default_source: str = "") -> ValuesPlan:
    """The figures a file would store, or its bad rows. Raises ``ImportFileError`` for a file that
    cannot be read at all (empty, too large, not CSV/XLSX, missing columns)."""
    table = read_table(data, filename=filename)
    positions = _columns(table)
    plan = ValuesPlan()
    for line, code, params in table.unreadable:
        plan.bad_rows.append(BadValueRow(line=line, code=code, params=params))
    seen: dict[tuple[str, date], list[int]] = {}

    def get(values: list[str], name: str) -> str:
        index = positions.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    for line, values in table.rows:
        part, raw_value, raw_date = get(values, "part"), get(values, "value"), get(values, "measured_on")
        source = get(values, "source") or default_source
        missing = [name for name, text in (("value", raw_value), ("measured_on", raw_date)) if not text]
        if missing:
            plan.bad_rows.append(BadValueRow(line=line, code="missing_value", params={"names": missing}))
            continue
        value = _number(raw_value)
        if value is None or abs(value) >= Decimal("10000000"):
            plan.bad_rows.append(BadValueRow(line=line, code="not_a_number", params={"value": raw_value[:40]}))
            continue
        if percent and not Decimal(0) <= value <= Decimal(100):
            plan.bad_rows.append(BadValueRow(line=line, code="out_of_range", params={"value": raw_value[:40]}))
            continue
        try:
            measured_on = date.fromisoformat(raw_date)
        except ValueError:
            plan.bad_rows.append(BadValueRow(line=line, code="not_a_date", params={"value": raw_date[:40]}))
            continue
        too_long = next(((text, limit) for text, limit in ((part, 100), (source, 200)) if len(text) > limit), None)
        if too_long:
            plan.bad_rows.append(
                BadValueRow(line=line, code="too_long", params={"value": too_long[0][:40] + "…", "limit": too_long[1]})
            )
            continue
        seen.setdefault((part, measured_on), []).append(line)
        plan.rows.append(
            ValueRow(
                line=line, part=part, value=value.quantize(Decimal("0.01")), measured_on=measured_on, source=source
            )
        )
    for (part, _measured_on), lines in seen.items():
        if len(lines) > 1:
            plan.bad_rows.append(
                BadValueRow(
                    line=lines[1], code="duplicate", params={"value": part or "–", "lines": ", ".join(map(str, lines))}
                )
            )
    plan.bad_rows.sort(key=lambda bad: bad.line)
    return plan
