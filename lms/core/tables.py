"""Reading a table from an uploaded file: the bytes of a CSV (UTF-8 or Windows-1252, any of Excel's
separators) or XLSX export as text rows, and its headings matched to known columns.

Shared by every import that reads a spreadsheet: the HR import (lms.imports.kinds) and its
kinds (lms.politics), the democracy plan's figures (lms.plans). Nothing here knows a model. A file
that cannot be read as a whole raises ``ImportFileError``, with a code and parameters kept as such
and translated when shown, so a report made by a worker reads right in the language of whoever opens it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy

# What can be wrong with a file as a whole. An import adds its own (register_file_errors).
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
}

# Readable names of columns (by key), for messages naming them; the imports add theirs.
FIELD_LABELS: dict[str, object] = {}


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


def norm_heading(text: str) -> str:
    """A heading as a comparable key: lower case, no BOM, punctuation and spacing folded."""
    text = text.replace("\ufeff", "").strip().lower()
    text = re.sub(r"['’´`.]", "", text)
    return re.sub(r"[\s_\-]+", " ", text).strip()


def match_columns(headers: list[str], columns: dict[str, list[str]]) -> dict[str, int]:
    """Which position each known column has; unknown headings are ignored."""
    positions: dict[str, int] = {}
    for index, heading in enumerate(headers):
        key = norm_heading(heading)
        for name, aliases in columns.items():
            if name not in positions and key in aliases:
                positions[name] = index
                break
    return positions


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
