"""Public-document requests: HR hands out a completion list without the withheld fields, as CSV, XLSX
or PDF, within their scope, and every list handed out is logged; bad input changes nothing."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from lms.access import privacy
from lms.courses import services as course_services
from lms.organisation import services as organisation_services
from lms.public_documents.models import PublicDocumentRequest
from lms.records.models import PeriodUnit
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.helpers import pdf_facts, status_and_location
from tests.records.factories import RetentionDecisionFactory

pytestmark = pytest.mark.django_db

URL = "/admin/reports/public-documents/new/"


@pytest.fixture
def group():
    root = OrgUnitFactory(name="Ekby kommun", code="EK")
    a = OrgUnitFactory(name="Skolförvaltningen", code="SK", parent=root)
    b = OrgUnitFactory(name="Miljöförvaltningen", code="MI", parent=root)
    course, lessons = make_course(title="Demokrati i vardagen", lessons=1)
    people = {}
    for unit, first, email, number in (
        (a, "Alva", "alva@ekby.se", "E-1001"),
        (b, "Bengt", "bengt@ekby.se", "E-2002"),
    ):
        person = PersonFactory(
            org_unit=unit, user__first_name=first, user__last_name="Ek", user__email=email, employee_number=number
        )
        course_services.enrolment_assign(person=person, course=course, due_date=None)
        course_services.lesson_mark_done(person=person, lesson=lessons[0])
        people[first] = person
    return {"a": a, "b": b, "course": course, "people": people}


def hr(client, *, scope=None):
    user = hr_user(username="hr", scope=scope)
    client.force_login(user)
    return user


def post(client, **fields):
    data = {"reference": "KS 2026/555", "requested_by": "", "export_format": "csv", **fields}
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def test_the_form_is_shown_with_the_configured_fields_ticked(client, group, settings):
    settings.LMS_PUBLIC_DOCUMENT_WITHHOLD = ["email", "employee_number"]
    hr(client)
    form = client.get(URL).context["form"]
    assert form["withheld"].value() == ["email", "employee_number"]


def test_a_csv_list_leaves_out_the_withheld_fields_and_is_logged(client, group):
    user = hr(client)
    response = post(
        client, course=group["course"].pk, requested_by="Tidningen Ekby", withheld=["email", "employee_number"]
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert "alva@ekby.se" not in text and "E-1001" not in text
    assert {row[1] for row in rows[1:]} == {"Alva", "Bengt"}
    (entry,) = PublicDocumentRequest.objects.all()
    assert (entry.reference, entry.requested_by, entry.rows, entry.export_format) == (
        "KS 2026/555",
        "Tidningen Ekby",
        2,
        "csv",
    )
    assert entry.withheld == ["email", "employee_number"] and entry.handed_out_by == user
    assert entry.course == group["course"] and entry.org_unit is None  # the whole group's list


def test_nothing_withheld_hands_out_every_column(client, group):
    hr(client)
    response = post(client, unit=group["a"].pk, withheld=None)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "alva@ekby.se" in text and "E-1001" in text and "Bengt" not in text
    assert PublicDocumentRequest.objects.get().org_unit == group["a"]


def test_xlsx_and_pdf(client, group):
    hr(client)
    xlsx = post(client, course=group["course"].pk, export_format="xlsx", withheld=["name"])
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row}
    assert "Alva" not in cells and "alva@ekby.se" in cells
    pdf = post(client, course=group["course"].pk, export_format="pdf", withheld=["email", "employee_number"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    facts = pdf_facts(pdf.content)
    assert facts["tagged"] and "Demokrati i vardagen" in facts["title"]
    assert PublicDocumentRequest.objects.count() == 2


def test_hr_with_a_scope_lists_only_their_part_and_cannot_choose_another_unit(client, group):
    hr(client, scope=group["a"])
    refused = post(client, unit=group["b"].pk)
    assert refused.status_code == 200 and refused.context["form"].errors["unit"]
    assert not PublicDocumentRequest.objects.exists()
    response = post(client, course=group["course"].pk, withheld=None)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Alva" in text and "Bengt" not in text
    entry = PublicDocumentRequest.objects.get()
    assert entry.rows == 1 and entry.org_unit == group["a"]  # logged as covering their scope


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reference": ""}, "obligatoriskt"),
        ({}, "Välj en kurs eller en enhet"),
        ({"export_format": "docx"}, "Välj ett giltigt alternativ"),
        ({"withheld": ["personnummer"]}, "Välj ett giltigt alternativ"),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_logged(client, group, fields, message):
    hr(client)
    response = post(client, **fields)
    assert response.status_code == 200
    errors = " ".join(str(e) for errs in response.context["form"].errors.values() for e in errs)
    assert message in errors
    assert not PublicDocumentRequest.objects.exists()


def test_without_the_reports_permission_nothing(client, group):
    client.force_login(UserFactory())
    # No admin access at all: Wagtail's sign-in page.
    assert status_and_location(client.get(URL)) == (302, "/admin/login/")
    assert status_and_location(post(client, course=group["course"].pk)) == (302, "/admin/login/")
    assert not PublicDocumentRequest.objects.exists()


def test_the_log_lists_only_entries_in_scope(client, group):
    PublicDocumentRequest.objects.create(
        reference="B-list", org_unit=group["b"], contents="Miljö", export_format="csv", rows=1
    )
    PublicDocumentRequest.objects.create(
        reference="A-list", org_unit=group["a"], contents="Skola", export_format="csv", rows=1
    )
    hr(client, scope=group["a"])
    html = client.get("/admin/reports/public-documents/log/").content.decode()
    assert "A-list" in html and "B-list" not in html


def test_the_hr_users_entries_are_in_their_extract_and_erasure_unlinks_them_under_a_decision(client, group):
    user = hr(client)
    post(client, course=group["course"].pk)
    person = PersonFactory(user=user, org_unit=group["a"])
    extract = privacy.person_extract(person)
    section = next(s for s in extract["sections"] if s["key"] == "public_documents")
    assert section["data"]["requests_handed_out"][0]["reference"] == "KS 2026/555"
    # Without a decision for the log the entry is a public document kept as it is.
    organisation_services.person_erase(person=person, reason="Begäran")
    assert PublicDocumentRequest.objects.get().handed_out_by_id == user.pk
    # Under one whose period has run out, erasure (again: the name was kept) removes the link.
    RetentionDecisionFactory(record_type="public_document_requests", keep_for=30, keep_unit=PeriodUnit.DAYS)
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        organisation_services.person_erase(person=person, reason="Begäran")
    entry = PublicDocumentRequest.objects.get()
    assert entry.handed_out_by is None and entry.reference == "KS 2026/555"
