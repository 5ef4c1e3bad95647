"""The admin reports: overview, drill-down, per course, overdue, their exports (CSV and XLSX parsed),
the dashboard panel, targets, and who may see what."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from lms.reports.models import CourseTarget

from .conftest import EXPECTED

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def read_xlsx(response) -> list[tuple]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def hr(client, hr_user, refreshed):
    client.force_login(hr_user)
    return client


def test_overview_shows_each_administration_and_company_per_course(hr, refreshed):
    response = hr.get(reverse("reports_overview"))
    assert response.status_code == 200
    html = response.content.decode()
    breakdown = response.context["breakdown"]
    assert [r.unit.name for r in breakdown.rows] == ["Förvaltning", "Bolaget"]
    c1 = refreshed["courses"]["c1"]
    assert breakdown.course_totals[c1.pk].required == EXPECTED["K"]["c1"][0]
    assert "<caption id=" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "<svg" in html and "<title" in html and "<desc" in html  # the chart, with its table beside it
    assert reverse("reports_unit", args=[refreshed["units"]["F"].pk]) in html


def test_overview_filters_by_course_and_audience(hr, refreshed):
    c2 = refreshed["courses"]["c2"]
    response = hr.get(reverse("reports_overview"), {"course": c2.pk, "audience": "staff"})
    assert response.status_code == 200
    total = response.context["breakdown"].total
    assert (total.required, total.completed, total.overdue) == (2, 0, 2)


def test_overview_exports_csv_and_xlsx_with_the_same_figures(hr, refreshed):
    rows = read_csv(hr.get(reverse("reports_overview"), {"export": "csv"}))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["Enhet", "Typ", "Kurs", "Obligatoriska", "Genomförda"]
    by_unit_course = {(r[0], r[2]): r for r in body}
    assert by_unit_course[("Förvaltning", "Demokrati")][3:9] == ["6", "3", "50", "1", "2", "1"]
    assert by_unit_course[("Totalt", "Demokrati")][3:5] == ["7", "3"]
    xlsx = read_xlsx(hr.get(reverse("reports_overview"), {"export": "xlsx"}))
    assert xlsx[0][:3] == ("Enhet", "Typ", "Kurs")
    assert {(r[0], r[2]): r[3:5] for r in xlsx[1:]}[("Förvaltning", "Demokrati")] == (6, 3)


def test_drill_down_from_municipality_to_people(hr, refreshed):
    units = refreshed["units"]
    response = hr.get(reverse("reports_unit", args=[units["F"].pk]))
    assert response.status_code == 200
    assert [r.unit.name for r in response.context["child_rows"]] == ["Avdelning"]
    response = hr.get(reverse("reports_unit", args=[units["A"].pk]))
    html = response.content.decode()
    assert "Test Ahlberg" in html and "Test Dahl" not in html  # Dahl has left
    assert [p.name for p in response.context["object_list"]] == ["Test Ahlberg", "Test Berg", "Test Carlsson"]
    rows = read_xlsx(hr.get(reverse("reports_unit", args=[units["A"].pk]), {"export": "xlsx"}))
    people = {r[1]: r for r in rows[1:] if r[0] == "Person"}
    assert people["Test Ahlberg"][4:7] == (2, 1, 50)


def test_per_course_report_lists_current_enrolments_and_streams_csv(hr, refreshed):
    c1 = refreshed["courses"]["c1"]
    response = hr.get(reverse("reports_enrolments"), {"course": c1.pk})
    assert response.status_code == 200
    assert response.context["items_count"] == 7
    assert response.context["figures"].required == 7
    assert "<polyline" in response.content.decode()
    csv_response = hr.get(reverse("reports_enrolments"), {"course": c1.pk, "export": "csv"})
    assert csv_response.streaming
    rows = read_csv(csv_response)
    assert rows[0][0] == "Efternamn" and len(rows) == 8
    ahlberg = next(r for r in rows if r[0] == "Ahlberg")
    assert ahlberg[6] == "Genomförd" and ahlberg[8] == (timezone.localdate() - timedelta(days=1)).isoformat()


def test_overdue_report_and_its_xlsx(hr, refreshed):
    response = hr.get(reverse("reports_overdue"))
    assert response.status_code == 200
    assert response.context["items_count"] == 3
    rows = read_xlsx(hr.get(reverse("reports_overdue"), {"export": "xlsx"}))
    assert sorted(r[0] for r in rows[1:]) == ["Ahlberg", "Berg", "Carlsson"]
    assert all(r[7] == "ja" for r in rows[1:])


def test_large_xlsx_goes_to_a_background_job_downloaded_only_by_its_owner(
    hr, refreshed, django_capture_on_commit_callbacks
):
    from django.test import Client

    from lms.reports import views
    from lms.reports.models import ExportJob

    views_max, views.INLINE_XLSX_MAX = views.INLINE_XLSX_MAX, 3
    try:
        offer = hr.get(reverse("reports_enrolments"), {"export": "xlsx"})
        assert not ExportJob.objects.exists()  # a GET only offers the background export
        assert offer.status_code == 200 and "Listan har fler än 3 rader" in offer.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = hr.post(offer.context["start_url"], {"export": "xlsx"})
    finally:
        views.INLINE_XLSX_MAX = views_max
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports_export_job", args=[job.pk])
    assert job.status == "done" and job.rows_done == 9  # eager Celery in tests
    assert "reports/exports/" in job.file.name and len(job.file.name.split("/")[2]) >= 30
    page = hr.get(response["Location"])
    assert reverse("reports_export_download", args=[job.pk]) in page.content.decode()
    rows = read_xlsx(hr.get(reverse("reports_export_download", args=[job.pk])))
    assert len(rows) == 10

    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    other = UserFactory(username="other-hr")
    other.groups.add(Group.objects.get(name="HR"))
    intruder = Client()
    intruder.force_login(other)
    assert intruder.get(reverse("reports_export_download", args=[job.pk])).status_code == 404
    assert intruder.get(reverse("reports_export_job", args=[job.pk])).status_code == 404


def test_background_csv_job(hr, refreshed, django_capture_on_commit_callbacks):
    from lms.reports.models import ExportJob

    with django_capture_on_commit_callbacks(execute=True):
        response = hr.post(reverse("reports_overdue"), {"export": "csv"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.report == "overdue"
    rows = read_csv(hr.get(reverse("reports_export_download", args=[job.pk])))
    assert len(rows) == 4


def test_dashboard_panel_for_hr_only(client, hr, refreshed):
    html = hr.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="reports-completion-section"' in html
    from tests.factories import UserFactory

    editor = UserFactory(username="editor")
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Editors"))
    from wagtail.models import GroupPagePermission  # noqa: F401 - editors reach the admin via their group

    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert 'id="reports-completion-section"' not in response.content.decode()


def test_reports_refuse_users_without_the_permission(client, refreshed):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    editor = UserFactory(username="ed")
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    for name, args in [
        ("reports_overview", []),
        ("reports_enrolments", []),
        ("reports_overdue", []),
        ("reports_unit", [refreshed["units"]["A"].pk]),
    ]:
        for params in ({}, {"export": "csv"}):
            response = client.get(reverse(name, args=args), params)
            # Wagtail answers PermissionDenied in the admin by sending the user home with a message.
            assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"), name


def test_targets_are_shown_against_progress(hr, refreshed):
    c1 = refreshed["courses"]["c1"]
    CourseTarget.objects.create(course=c1, percent=90, by_date=timezone.localdate() + timedelta(days=60))
    response = hr.get(reverse("reports_overview"))
    (progress,) = response.context["targets"]
    assert progress.needed == 4  # 90 % of 7 is 6.3: 7 needed, 3 done
    assert "4 genomföranden till behövs" in response.content.decode()
    assert hr.get(reverse("reports_coursetarget:index")).status_code == 200
    add = hr.post(
        reverse("reports_coursetarget:add"),
        {"course": c1.pk, "audience": "staff", "percent": 80, "by_date": "2030-01-01", "org_unit": "", "note": ""},
    )
    assert add.status_code == 302
    assert CourseTarget.objects.count() == 2


def test_large_csv_goes_to_a_background_job_not_a_long_stream(hr, refreshed, django_capture_on_commit_callbacks):
    """A CSV above INLINE_CSV_MAX rows would stream past gunicorn's timeout: the worker writes it."""
    from lms.reports import views
    from lms.reports.models import ExportJob

    c1 = refreshed["courses"]["c1"]
    views_max, views.INLINE_CSV_MAX = views.INLINE_CSV_MAX, 8
    try:
        small = hr.get(reverse("reports_overdue"), {"export": "csv"})  # 3 rows: streamed
        large = hr.get(reverse("reports_enrolments"), {"export": "csv"})  # 9 rows: offered in the background
        filtered = hr.get(reverse("reports_enrolments"), {"export": "csv", "course": c1.pk})  # 7 rows: streamed
        with django_capture_on_commit_callbacks(execute=True):
            started = hr.post(large.context["start_url"], {"export": "csv"})
    finally:
        views.INLINE_CSV_MAX = views_max
    assert small.streaming and len(read_csv(small)) == 4
    assert filtered.streaming and len(read_csv(filtered)) == 8
    assert large.status_code == 200 and not large.streaming
    job = ExportJob.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse("reports_export_job", args=[job.pk])
    assert (job.report, job.export_format, job.status, job.rows_total) == ("enrolments", "csv", "done", 9)
    assert len(read_csv(hr.get(reverse("reports_export_download", args=[job.pk])))) == 10


def test_long_lists_say_when_exports_go_to_the_background(hr, refreshed):
    html = hr.get(reverse("reports_enrolments")).content.decode()
    assert "100\xa0000 rader (CSV)" in html and "20\xa0000 rader (XLSX)" in html
    # A download that may answer with the page offering a background export must not be saved as a file.
    assert 'href="?export=csv" download' not in html and "?export=csv" in html
    unit = hr.get(reverse("reports_unit", args=[refreshed["units"]["A"].pk])).content.decode()
    assert '?export=xlsx" download' in unit and "rader (CSV)" not in unit


def test_drill_down_pages_through_people_counting_only_the_page(hr, refreshed, monkeypatch):
    from lms.reports.views import UnitDrillDownView

    monkeypatch.setattr(UnitDrillDownView, "paginate_by", 2)
    url = reverse("reports_unit", args=[refreshed["units"]["A"].pk])
    first, second = hr.get(url), hr.get(url, {"p": 2})
    assert [(p.name, p.figures.required) for p in first.context["object_list"]] == [
        ("Test Ahlberg", 2),
        ("Test Berg", 2),
    ]
    assert [(p.name, p.figures.required) for p in second.context["object_list"]] == [("Test Carlsson", 1)]
    assert first.context["people_total"] == 3 and "3 aktiva personer" in first.content.decode()
    assert "Sida 1 av 2" in first.content.decode()


def test_drill_down_queries_do_not_grow_with_the_people_in_the_unit(hr, refreshed, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PersonFactory, UserFactory

    unit = refreshed["units"]["A"]
    url = reverse("reports_unit", args=[unit.pk])
    hr.get(url)
    with CaptureQueriesContext(connection) as few:
        hr.get(url)
    for n in range(30):
        PersonFactory(user=UserFactory(last_name=f"Zeta {n:02d}"), org_unit=unit)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = hr.get(url)
    assert response.context["people_total"] == 33


def test_filter_selects_list_units_in_tree_order_escaped_with_the_chosen_one_selected(hr, refreshed):
    from tests.factories import OrgUnitFactory

    odd = OrgUnitFactory(name="<b>Enhet & co</b>", parent=refreshed["units"]["A"])
    html = hr.get(reverse("reports_overview"), {"unit": odd.pk}).content.decode()
    assert (
        f'<option value="{odd.pk}" selected>\u2003\u2003\u2003\u2003&lt;b&gt;Enhet &amp; co&lt;/b&gt;</option>' in html
    )
    assert '<option value="" selected>Alla kurser</option>' in html
    units, unit_select = refreshed["units"], html[html.index('<select name="unit"') :]
    positions = [unit_select.index(f'<option value="{units[k].pk}"') for k in ("K", "F", "D", "A", "B", "C")]
    assert positions == sorted(positions)
