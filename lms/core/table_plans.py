"""What a plan made from a table holds, for every import that reads one (the HR import's people and
units, lms.politics' assignments): bad rows with a code and parameters (``BadRow``), the frame of a plan
and its JSON report (``Plan``), and the checks every kind makes (values the database would refuse, an
e-mail address, cycles in a hierarchy). Codes are translated when shown (``lms.core.tables.message``)
from ``ROW_ERRORS``, which each import extends with its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy

from .tables import FIELD_LABELS, ImportFileError, Table, match_columns, message

# Why a row cannot be imported, by code; each import adds its own (``ROW_ERRORS.update``).
ROW_ERRORS = {
    "missing_value": gettext_lazy("Missing required value: %(fields)s."),
    "bad_email": gettext_lazy("“%(value)s” is not a valid e-mail address."),
    # What the database would refuse, and lines that cannot be read at all.
    "too_long": gettext_lazy("The value of “%(field)s” has %(length)s characters; at most %(limit)s fit."),
    "nul_character": gettext_lazy(
        "The value of “%(field)s” contains a NUL character (code 0), which cannot be stored."
    ),
    "line_too_long": gettext_lazy("The line has a value longer than %(limit)s characters and could not be read."),
    "unreadable_line": gettext_lazy("The line could not be read as CSV."),
    "unreadable_row": gettext_lazy("A value on this row could not be interpreted."),
}


def columns_or_error(table: Table, columns: dict, required: list[str]) -> dict[str, int]:
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


def bad_row(line: int, key: str, code: str, params: dict) -> BadRow:
    if isinstance(params.get("value"), str):
        params = {**params, "value": _shown(params["value"])}
    return BadRow(line=line, key=_shown(key), code=code, params=params)


def unreadable_bad_rows(table: Table) -> dict[int, BadRow]:
    return {line: BadRow(line=line, key="", code=code, params=params) for line, code, params in table.unreadable}


def unstorable(values: dict[str, str], stored_in: dict[str, tuple]) -> tuple[str, dict] | None:
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
class Plan:
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


def valid_email(value: str) -> bool:
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


def shown_lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:10])
    return shown + (" …" if len(lines) > 10 else "")


def describe_report_row_change(changes: dict) -> str:
    """ "field: old → new; …" for the report page."""
    return "; ".join(
        f"{FIELD_LABELS.get(name, name)}: {old or '–'} → {new or '–'}" for name, (old, new) in changes.items()
    )
