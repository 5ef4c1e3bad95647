"""The register of elected representatives through the HR import's machinery: dry run, one
transaction, bad rows with messages and nothing written; people who are not employees get
accounts without employee numbers."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lms.imports import services
from lms.imports.models import ImportRun, ImportRunStatus
from lms.organisation.models import Audience, OrgUnitKind, Person
from lms.politics.models import Assignment, AssignmentRole, BodyKind
from tests.factories import OrgUnitFactory, PersonFactory, hr_user

from .factories import AssignmentFactory, BodyFactory, TermFactory

pytestmark = pytest.mark.django_db

HEADER = "Förnamn;Efternamn;E-post;Anställningsnummer;Organ;Roll;Från;Till"


@pytest.fixture
def register():
    root = OrgUnitFactory(code="K", kind=OrgUnitKind.MUNICIPALITY)
    council = TermFactory(body=BodyFactory(name="Kommunfullmäktige", code="KF", kind=BodyKind.COUNCIL, org_unit=root))
    committee = TermFactory(body=BodyFactory(name="Socialnämnden", code="SN", org_unit=root))
    employee = PersonFactory(employee_number="1001", org_unit=root, user__email="eva@example.se")
    return {"root": root, "council": council, "committee": committee, "employee": employee}


def run(content: str, dry_run=True):
    return services.people_import(data=content.encode(), filename="uppdrag.csv", kind="assignment", dry_run=dry_run)


def messages(result):
    with translation.override("en"):
        return {b.line: b.message for b in result.plan.bad_rows}


def test_dry_run_then_apply(register, django_capture_on_commit_callbacks):
    content = (
        f"{HEADER}\n"
        "Eva;Ek;eva@example.se;1001;KF;ledamot;2026-10-15;\n"
        "Eva;Ek;eva@example.se;1001;Socialnämnden;Ordförande;2027-01-01;2028-06-30\n"
        "Per;Persson;per@example.se;;KF;ersättare;2026-10-15;\n"
    )
    dry = run(content)
    assert dry.plan.is_valid and dry.counts["created"] == 3 and dry.counts["new_people"] == 1
    assert not Assignment.objects.exists() and not Person.objects.filter(user__email="per@example.se").exists()
    with django_capture_on_commit_callbacks(execute=True):
        result = run(content, dry_run=False)
    assert result.applied
    per = Person.objects.get(user__email="per@example.se")
    assert per.employee_number is None and per.audience == Audience.POLITICIAN and per.org_unit == register["root"]
    eva = register["employee"]
    assert set(Assignment.objects.filter(person=eva).values_list("role", "ends_on")) == {
        (AssignmentRole.MEMBER, date(2030, 10, 14)),
        (AssignmentRole.CHAIR, date(2028, 6, 30)),
    }
    again = run(content)  # the same file again: nothing to do
    assert again.counts["created"] == 0 and again.counts["unchanged"] == 3


def test_a_changed_end_date_is_a_change(register):
    AssignmentFactory(person=register["employee"], term=register["council"])
    result = run(f"{HEADER}\nEva;Ek;eva@example.se;1001;KF;ledamot;2026-10-15;2027-05-31\n", dry_run=False)
    assert result.counts["changed"] == 1
    assert Assignment.objects.get().ends_on == date(2027, 5, 31)


def test_bad_rows_are_named_and_nothing_is_written(register):
    AssignmentFactory(person=register["employee"], term=register["committee"])
    content = (
        f"{HEADER}\n"
        "Ny;Nysson;ny@example.se;;KF;ledamot;2026-10-15;\n"  # good, but the file has bad rows
        "Ann;Al;ann@example.se;;Byggnämnden;ledamot;2027-01-01;\n"
        "Bo;Bo;bo@example.se;;KF;kassör;2026-10-15;\n"
        "Cy;Cy;cy@example.se;;KF;ledamot;15/10/2026;\n"
        "Di;Di;di@example.se;;KF;ledamot;2026-09-01;\n"
        "Eva;Ek;eva@example.se;1001;SN;ledamot;2028-01-01;\n"
        "Fa;Fa;fa@example.se;;SN;ersättare;2027-01-01;2028-12-31\n"
        "Fa;Fa;fa@example.se;;SN;ersättare;2028-06-01;\n"
        "Gu;Gu;gu@example.se;9999;SN;ersättare;2027-01-01;\n"
    )
    with pytest.raises(services.ImportRefused) as refused:
        run(content, dry_run=False)
    assert messages(refused.value.result) == {
        3: "Unknown political body “Byggnämnden”.",
        4: "Unknown role “kassör” (use ledamot, ersättare, ordförande, 1:e vice ordförande or 2:e vice ordförande).",
        5: "“15/10/2026” is not a date (write it as YYYY-MM-DD).",
        6: "Kommunfullmäktige has no term of office that holds 2026-09-01 to –.",
        7: "Already has this role in Socialnämnden from 2027-01-01 to 2030-12-31: the dates overlap.",
        8: "Overlaps line 9: the same person, body and role at the same time.",
        9: "Overlaps line 8: the same person, body and role at the same time.",
        10: "Unknown employee number 9999: employees come from the HR import.",
    }
    assert Assignment.objects.count() == 1 and not Person.objects.filter(user__email="ny@example.se").exists()


def test_missing_columns_is_a_file_error(register):
    from lms.core.tables import ImportFileError

    with pytest.raises(ImportFileError):
        run("Förnamn;Efternamn\nA;B\n")


def test_an_xlsx_with_date_cells(register):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(["Per", "Persson", "per@example.se", None, "KF", "Ledamot", date(2026, 10, 15), None])
    buffer = io.BytesIO()
    book.save(buffer)
    result = services.people_import(data=buffer.getvalue(), filename="uppdrag.xlsx", kind="assignment", dry_run=False)
    assert result.applied and Assignment.objects.get().starts_on == date(2026, 10, 15)


def test_in_the_admin_upload_dry_run_and_confirm(client, register, django_capture_on_commit_callbacks):
    client.force_login(hr_user(username="hr"))
    content = f"{HEADER}\nPer;Persson;per@example.se;;KF;ersättare;2026-10-15;\n"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/organisation/imports/",
            {"file": SimpleUploadedFile("uppdrag.csv", content.encode(), "text/csv"), "kind": "assignment"},
        )
    import_run = ImportRun.objects.get()
    assert import_run.status == ImportRunStatus.CHECKED, import_run.report
    assert "Per Persson" in client.get(f"/admin/organisation/imports/{import_run.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/organisation/imports/{import_run.pk}/confirm/")
    import_run.refresh_from_db()
    assert import_run.status == ImportRunStatus.DONE
    assert Assignment.objects.get().person.user.email == "per@example.se"
