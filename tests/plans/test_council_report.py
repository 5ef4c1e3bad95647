"""The yearly report to the council: asked for in the admin, made in Celery with its progress shown,
archived with its PDF, tagged and archivable like the certificates (issue 16, part 4)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lms.plans import services
from lms.plans.models import ActivityStatus, CouncilReport
from tests.helpers import pdf_facts

from .factories import ActivityFactory, IndicatorFactory, IndicatorValueFactory, UnitYearPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed_up(plan, group, areas):
    indicator = IndicatorFactory(commitment=plan.test_commitments[1], name="Valdeltagande per valdistrikt")
    IndicatorValueFactory(indicator=indicator, part="Norr", value=Decimal("74.5"), measured_on=date(2026, 9, 13))
    unit_plan = UnitYearPlanFactory(org_unit=group["A1"], year=2026, focus_area=areas[1])
    ActivityFactory(
        unit_plan=unit_plan, commitment=plan.test_commitments[1], status=ActivityStatus.DONE, evaluation="Bra."
    )
    return plan


def ask(client, plan, django_capture_on_commit_callbacks, **overrides):
    data = {"plan": plan.pk, "year": 2026, "introduction": "Året i korthet.", "conclusion": "Vi fortsätter."}
    data.update(overrides)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("plans_councilreport:add"), data)


def test_the_coordinator_asks_for_the_report_and_downloads_its_pdf(
    client, coordinator, followed_up, home_page, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = ask(client, followed_up, django_capture_on_commit_callbacks)
    report = CouncilReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("plans_council_report", args=[report.pk])
    assert (report.status, report.progress, report.created_by) == (CouncilReport.Status.DONE, 100, coordinator)
    status_page = client.get(response.url).content.decode()
    assert reverse("plans_council_report_download", args=[report.pk]) in status_page
    pdf = b"".join(client.get(reverse("plans_council_report_download", args=[report.pk])).streaming_content)
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Året i korthet." in text and "Vi fortsätter." in text
    assert "Valdeltagande per valdistrikt" in text.replace("\n", " ") and "74,5" in text, text
    assert "Enhet A1" in text and "Medborgardialog" in text
    # Tagged and archivable, as the certificates (tests/certificates/test_pdf_accessibility.py checks more).
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root and root["/Lang"] == "sv"
    # The plan by its name and period, the year of the follow-up after it (issue 34).
    assert reader.metadata.title == f"{followed_up}: uppföljning {report.year}"
    assert "–" in str(followed_up)
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="2"' in xmp or b"<pdfaid:part>2</pdfaid:part>" in xmp
    assert b"pdfuaid" in xmp
    assert pdf_facts(pdf)["tagged"] and not pdf_facts(pdf)["encrypted"]


def test_a_year_outside_the_plan_is_refused_and_nothing_is_made(
    client, coordinator, followed_up, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = ask(client, followed_up, django_capture_on_commit_callbacks, year=2040)
    assert response.status_code == 200
    assert not CouncilReport.objects.exists()


def test_a_failed_render_is_shown_as_failed(followed_up, monkeypatch):
    from lms.plans import rendering

    report = CouncilReport.objects.create(plan=followed_up, year=2026, introduction="A", conclusion="B")

    def broken(**kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr(rendering, "council_report_pdf", broken)
    with pytest.raises(OSError):
        services.council_report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == CouncilReport.Status.FAILED and not report.file


def test_only_those_who_see_the_whole_group_see_the_reports(client, manager_a, followed_up):
    report = CouncilReport.objects.create(plan=followed_up, year=2026, introduction="A", conclusion="B")
    client.force_login(manager_a)
    assert client.get(reverse("plans_council_report", args=[report.pk])).status_code == 404
    assert client.get(reverse("plans_council_report_download", args=[report.pk])).status_code == 404
