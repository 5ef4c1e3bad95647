"""Importing people and units from the HR system's export: plan, dry run, real run, bad input."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from lms.core import tables
from lms.imports import services as import_services
from lms.imports.models import ImportRun
from lms.organisation import services
from lms.organisation.models import Audience, OrgUnit, OrgUnitKind, Person
from lms.organisation.signals import people_changed
from tests.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "employee number,first name,last name,e-mail,org unit code,audience,manager's employee number,committee"


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


@pytest.fixture
def tree():
    root = OrgUnitFactory(name="Kommun", code="ROOT", kind=OrgUnitKind.MUNICIPALITY)
    return {
        "root": root,
        "u1": OrgUnitFactory(name="Ekskolan", code="U1", parent=root),
        "u2": OrgUnitFactory(name="Björkskolan", code="U2", parent=root),
        "kom": OrgUnitFactory(name="Kommunstyrelsen", code="KS", kind=OrgUnitKind.COMMITTEE, parent=root),
    }


def run(data: bytes, **kwargs) -> import_services.ImportResult:
    kwargs.setdefault("dry_run", False)
    return import_services.people_import(data=data, filename="export.csv", **kwargs)


BASE_ROWS = (
    "1001,Karin,Berg,karin@example.se,U1,chef,,",
    "1002,Anna,Lind,anna@example.se,U1,medarbetare,1001,",
    "1003,Erik,Sand,erik@example.se,,förtroendevald,,KS",
)


def test_creates_people_with_accounts_managers_and_committees(tree):
    result = run(csv_bytes(*BASE_ROWS))
    assert result.counts["created"] == 3 and result.applied
    karin = Person.objects.get(employee_number="1001")
    anna = Person.objects.select_related("user").get(employee_number="1002")
    erik = Person.objects.get(employee_number="1003")
    assert karin.audience == Audience.MANAGER and karin.org_unit == tree["u1"]
    assert anna.manager == karin and anna.user.email == "anna@example.se" and anna.user.username == "anna@example.se"
    accounts = [p.user for p in Person.objects.select_related("user")]
    assert not any(user.has_usable_password() for user in accounts)
    assert len({user.password for user in accounts}) == 3  # each unusable in its own way, as Django makes them
    assert erik.audience == Audience.POLITICIAN and erik.org_unit == tree["kom"]
    assert ImportRun.objects.get().counts["created"] == 3
    assert ModelLogEntry.objects.filter(action="lms.import").count() == 1


def test_dry_run_writes_nothing_and_reports(tree):
    with CaptureQueriesContext(connection) as ctx:
        result = run(csv_bytes(*BASE_ROWS), dry_run=True)
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for q in ctx.captured_queries)
    assert result.counts["created"] == 3 and not result.applied
    assert Person.objects.count() == 0
    report = result.report()
    assert report["dry_run"] and report["created"][0]["key"] == "1001"


def test_update_move_reactivate_and_full_export_deactivates(tree, django_capture_on_commit_callbacks):
    run(csv_bytes(*BASE_ROWS, "1004,Lars,Ek,lars@example.se,U1,staff,1001,"))
    services.person_deactivate(person=Person.objects.get(employee_number="1003"))
    unmanaged = PersonFactory(employee_number=None)  # not from HR: never touched by an import
    received = []
    people_changed.connect(lambda sender, person_ids, **kw: received.extend(person_ids), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = run(
                csv_bytes(
                    "1001,Karin,Berg,karin.berg@example.se,U1,chef,,",  # new e-mail
                    "1002,Anna,Lind,anna@example.se,U2,manager,,",  # moved, new audience, no manager
                    "1003,Erik,Sand,erik@example.se,,politician,,KS",  # back again
                ),
                full=True,
            )
    finally:
        people_changed.disconnect(dispatch_uid="t")
    counts = result.counts
    assert counts["changed"] == 3 and counts["moved"] == 1 and counts["reactivated"] == 1
    assert counts["deactivated"] == 1 and counts["created"] == 0
    anna = Person.objects.get(employee_number="1002")
    assert anna.org_unit == tree["u2"] and anna.audience == Audience.MANAGER and anna.manager is None
    assert Person.objects.get(employee_number="1001").user.email == "karin.berg@example.se"
    erik = Person.objects.get(employee_number="1003")
    assert erik.is_active and erik.deactivated_at is None and erik.user.is_active
    lars = Person.objects.get(employee_number="1004")  # missing from the full export
    assert not lars.is_active and lars.deactivated_at is not None and not lars.user.is_active
    unmanaged.refresh_from_db()
    assert unmanaged.is_active
    karin = Person.objects.get(employee_number="1001")
    assert set(received) == {anna.pk, erik.pk, lars.pk}
    assert karin.pk not in received  # an e-mail change does not re-assign training


def test_partial_import_touches_only_listed_people(tree):
    run(csv_bytes(*BASE_ROWS))
    result = run(csv_bytes("1002,Anna,Lind,anna@example.se,U2,staff,1001,"))
    assert result.counts["deactivated"] == 0 and result.counts["moved"] == 1
    assert Person.objects.filter(is_active=True).count() == 3


def test_reimporting_the_same_file_writes_nothing(tree):
    data = csv_bytes(*BASE_ROWS)
    run(data, full=True)
    stamps = dict(Person.objects.values_list("pk", "updated_at"))
    with CaptureQueriesContext(connection) as ctx:
        result = run(data, full=True)
    writes = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and ("organisation_person" in q["sql"] or "auth_user" in q["sql"])
    ]
    assert writes == [] and result.rows_written == 0
    assert result.counts["unchanged"] == 3 and result.counts["changed"] == 0
    assert dict(Person.objects.values_list("pk", "updated_at")) == stamps


def test_query_count_does_not_grow_with_rows(tree):
    small = csv_bytes(*(f"{2000 + n},P,N{n},p{n}@example.se,U1,staff,," for n in range(5)))
    large = csv_bytes(*(f"{3000 + n},P,N{n},q{n}@example.se,U1,staff,," for n in range(60)))
    with CaptureQueriesContext(connection) as small_ctx:
        run(small)
    with CaptureQueriesContext(connection) as large_ctx:
        run(large)
    assert len(large_ctx.captured_queries) <= len(small_ctx.captured_queries) + 2


BAD_CASES = [
    ("1010,Ulla,Ny,ulla@example.se,NOPE,staff,,", "unknown_unit"),
    ("1011,Per,Ny,not-an-email,U1,staff,,", "bad_email"),
    ("1012,Eva,Ny,eva@example.se,U1,kanslist,,", "unknown_audience"),
    ("1013,,Ny,tom@example.se,U1,staff,,", "missing_value"),
    ("1014,Ola,Ny,ola@example.se,U1,staff,9999,", "unknown_manager"),
    ("1015,Siv,Ny,siv@example.se,U1,staff,1015,", "manager_cycle"),
    ("1016,Gun,Ny,gun@example.se,,politician,,U1", "not_a_committee"),
]


@pytest.mark.parametrize(("row", "code"), BAD_CASES)
def test_each_kind_of_bad_row_is_reported_and_nothing_changes(tree, row, code):
    data = csv_bytes(BASE_ROWS[0], row)
    dry = run(data, dry_run=True)
    assert [b.code for b in dry.plan.bad_rows] == [code]
    bad = dry.plan.bad_rows[0]
    assert bad.line == 3 and bad.message  # translated sentence
    assert dry.counts["created"] == 1  # the good row would still be created…
    with pytest.raises(import_services.ImportRefused):
        run(data)
    assert Person.objects.count() == 0  # …but the real run refuses the whole file
    assert get_user_model().objects.count() == 0


def test_duplicates_and_manager_cycles_across_rows(tree):
    data = csv_bytes(
        "1020,A,A,a@example.se,U1,staff,1021,",
        "1021,B,B,b@example.se,U1,staff,1022,",
        "1022,C,C,c@example.se,U1,staff,1020,",
        "1030,D,D,d@example.se,U1,staff,,",
        "1030,E,E,e@example.se,U1,staff,,",
        "1031,F,F,d@example.se,U2,staff,,",
        "1032,G,G,g@example.se,U1,staff,1030,",
    )
    plan = run(data, dry_run=True).plan
    codes = {b.key + "@" + str(b.line): b.code for b in plan.bad_rows}
    assert codes["1020@2"] == codes["1021@3"] == codes["1022@4"] == "manager_cycle"
    assert "1020 → 1021 → 1022 → 1020" in plan.bad_rows[0].message
    assert codes["1030@5"] == codes["1030@6"] == "duplicate_employee_number"
    assert "5, 6" in plan.bad_rows[3].message
    assert codes["1031@7"] == "duplicate_email"
    assert codes["1032@8"] == "manager_is_bad"


def test_email_of_another_account_is_a_bad_row(tree):
    PersonFactory(user__email="taken@example.se", employee_number="X1")
    plan = run(csv_bytes("1040,A,B,taken@example.se,U1,staff,,"), dry_run=True).plan
    assert [b.code for b in plan.bad_rows] == ["email_taken"]


def test_full_export_must_list_the_managers(tree):
    run(csv_bytes(*BASE_ROWS))
    plan = run(csv_bytes("1002,Anna,Lind,anna@example.se,U1,staff,1001,"), full=True, dry_run=True).plan
    assert [b.code for b in plan.bad_rows] == ["manager_leaving"]


# --- Bad input ------------------------------------------------------------------


def test_empty_file(tree):
    for data in (b"", b"  \n\n", HEADER.encode() + b"\n"):
        with pytest.raises(tables.ImportFileError) as exc:
            run(data)
        assert exc.value.code in ("empty", "no_rows")
        assert str(exc.value)


def test_windows_1252_is_detected_and_named(tree):
    data = csv_bytes("1050,Åsa,Öberg,asa@example.se,U1,förtroendevald,,KS", encoding="cp1252")
    result = run(data)
    assert result.plan.table.encoding == "Windows-1252"
    assert Person.objects.get(employee_number="1050").user.first_name == "Åsa"


def test_utf8_with_bom_and_semicolons_from_swedish_excel(tree):
    header = "Anställningsnummer;Förnamn;Efternamn;E-post;Enhetskod;Målgrupp;Chefens anställningsnummer"
    data = b"\xef\xbb\xbf" + csv_bytes("1060;Jöns;Åkerlund;jons@example.se;U2;Medarbetare;", header=header)
    result = run(data)
    assert (result.plan.table.encoding, result.plan.table.delimiter) == ("UTF-8 with BOM", ";")
    assert Person.objects.get(employee_number="1060").user.last_name == "Åkerlund"


def test_undecodable_bytes(tree):
    with pytest.raises(tables.ImportFileError) as exc:
        run(HEADER.encode() + b"\n1,\x81\x8d,x,y@example.se,U1,staff,,\n")
    assert exc.value.code == "encoding"


def test_missing_columns_are_named(tree):
    with pytest.raises(tables.ImportFileError) as exc:
        run(b"employee number,first name,e-mail\n1,A,a@example.se\n")
    assert exc.value.code == "missing_columns"
    with translation.override("en"):
        text = str(exc.value)
    assert "last name" in text and "audience" in text and "org unit code" in text


def test_too_large_file_is_refused_before_parsing(tree, settings, monkeypatch):
    settings.LMS_IMPORT_MAX_BYTES = 20 * 1024 * 1024
    monkeypatch.setattr(tables, "_read_csv", lambda data: pytest.fail("parsed a file over the limit"))
    with pytest.raises(tables.ImportFileError) as exc:
        run(b"x" * (50 * 1024 * 1024))
    assert exc.value.code == "too_large" and "50.0 MB" in str(exc.value)
    assert ImportRun.objects.count() == 0


def test_xlsx_export(tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append([1070, "Stina", "Holm", "stina@example.se", "U1", "Chef", None, None])
    sheet.append([1071.0, "Måns", "Holm", "mans@example.se", "U1", "staff", 1070, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_services.people_import(data=buffer.getvalue(), filename="export.xlsx", dry_run=False)
    assert result.plan.table.format == "xlsx"
    assert Person.objects.get(employee_number="1071").manager.employee_number == "1070"


def test_a_broken_xlsx(tree):
    with pytest.raises(tables.ImportFileError) as exc:
        import_services.people_import(data=b"PK\x03\x04 not really a zip", filename="x.xlsx", dry_run=True)
    assert exc.value.code == "bad_xlsx"


# --- Units ----------------------------------------------------------------------


def test_units_import_creates_renames_and_moves(tree):
    data = (
        "code,name,kind,parent code\n"
        "ROOT,Kommun,kommun,\n"
        "ADM,Barn- och utbildningsförvaltningen,förvaltning,ROOT\n"
        "U1,Ekskolan (ny),enhet,ADM\n"
        "U3,Lindskolan,unit,ADM\n"
    ).encode()
    result = run(data, kind="auto")
    assert result.plan.kind == "units"
    assert result.counts == {
        "rows": 4,
        "created": 2,
        "changed": 1,
        "moved": 1,
        "reactivated": 0,
        "deactivated": 0,
        "unchanged": 1,
        "bad": 0,
    }
    adm = OrgUnit.objects.get(code="ADM")
    u1 = OrgUnit.objects.get(code="U1")
    assert u1.name == "Ekskolan (ny)" and u1.get_parent() == adm and adm.get_parent() == tree["root"]
    assert OrgUnit.objects.get(code="U3").get_parent() == adm
    assert run(data, kind="units").rows_written == 0


def test_units_import_bad_rows(tree):
    data = b"code,name,kind,parent code\nA,A,enhet,B\nB,B,enhet,A\nC,C,slott,ROOT\nD,D,enhet,NOPE\nE,E,enhet,ROOT\nE,E2,enhet,ROOT\n"
    plan = run(data, kind="units", dry_run=True).plan
    assert [b.code for b in plan.bad_rows] == [
        "parent_cycle",
        "parent_cycle",
        "unknown_kind",
        "unknown_parent",
        "duplicate_code",
        "duplicate_code",
    ]
    with pytest.raises(import_services.ImportRefused):
        run(data, kind="units")
    assert not OrgUnit.objects.filter(code="E").exists()


# --- The command ---------------------------------------------------------------


def test_command_dry_run_then_real_run(tree, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(*BASE_ROWS))
    out = io.StringIO()
    call_command("import_people", str(path), "--dry-run", "--full", stdout=out)
    assert "Dry run: 3 created" in out.getvalue() and Person.objects.count() == 0
    out = io.StringIO()
    call_command("import_people", str(path), "--full", stdout=out)
    assert "Imported: 3 created" in out.getvalue() and Person.objects.count() == 3


def test_command_refuses_bad_rows_and_bad_files(tree, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes("1,A,B,bad,U1,staff,,"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 bad rows: nothing was imported"):
        call_command("import_people", str(path), stdout=out)
    assert "line 2 (1)" in out.getvalue()
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="export.csv"):
        call_command("import_people", str(path))
    assert Person.objects.count() == 0
