"""Values the database would refuse, and lines that cannot be read, are bad rows with their line.

A value longer than the field it is stored in, a NUL character (PostgreSQL refuses both; SQLite
stores them silently), a line the CSV reader gives up on: each is a bad row of the dry run, with
its line number and a sentence saying what is wrong. The run is "invalid", never "failed /
internal", and nothing is written, not even by a real run asked for anyway. Run these on
PostgreSQL too (DATABASE_URL=postgres://…), where an unchecked value would end the run in an error.
"""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from openpyxl import Workbook

from lms.core import table_plans, tables
from lms.imports import people_plan, services
from lms.imports.models import ImportRun, ImportRunStatus
from lms.organisation.models import OrgUnit, OrgUnitKind, Person
from tests import factories
from tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

HEADER = "employee number,first name,last name,e-mail,org unit code,audience"
GOOD = "1001,Karin,Berg,karin@example.se,U1,chef"


@pytest.fixture
def tree():
    root = OrgUnitFactory(name="Kommun", code="ROOT", kind=OrgUnitKind.MUNICIPALITY)
    return OrgUnitFactory(name="Ekskolan", code="U1", parent=root)


@pytest.fixture
def hr_user(db):
    return factories.hr_user(username="hr-import")


def people_file(*rows: str) -> bytes:
    return ("\n".join([HEADER, GOOD, *rows]) + "\n").encode("utf-8")


def checked(user, data: bytes, *, kind: str = "people") -> ImportRun:
    """Upload and dry run, as the admin does it (the worker runs at once in the tests)."""
    run = services.import_run_create(user=user, filename="export.csv", data=data, kind=kind)
    services.import_run_check(run_id=run.pk)
    run.refresh_from_db()
    return run


def written() -> tuple[int, int, int]:
    """People, accounts other than HR's, units: what an import would have written."""
    return (
        Person.objects.count(),
        get_user_model().objects.exclude(username="hr-import").count(),
        OrgUnit.objects.count(),
    )


NOTHING = (0, 0, 2)

BAD_VALUES = [
    pytest.param(
        "1002," + "A" * 200_000 + ",Lind,anna@example.se,U1,staff",
        ("line_too_long", {"limit": 131072}),
        id="200000-character first name",
    ),
    pytest.param(
        "1002," + "A" * 1000 + ",Lind,anna@example.se,U1,staff",
        ("too_long", {"field": "first_name", "length": 1000, "limit": 150}),
        id="1000-character first name",
    ),
    pytest.param(
        "1002,Anna,Lind," + "a" * 289 + "@example.se,U1,staff",
        ("too_long", {"field": "email", "length": 300, "limit": 254}),
        id="300-character e-mail",
    ),
    pytest.param(
        "9" * 51 + ",Anna,Lind,anna@example.se,U1,staff",
        ("too_long", {"field": "employee_number", "length": 51, "limit": 50}),
        id="employee number over its limit",
    ),
    pytest.param(
        "1002,Anna,Li\x00nd,anna@example.se,U1,staff",
        ("nul_character", {"field": "last_name"}),
        id="NUL byte",
    ),
    pytest.param(
        "1002\x00,Anna,Lind,anna@example.se,U1,staff",
        ("nul_character", {"field": "employee_number"}),
        id="NUL byte in the employee number",
    ),
]


@pytest.mark.parametrize(("row", "error"), BAD_VALUES)
def test_a_value_the_database_would_refuse_is_a_bad_row_with_its_line(tree, hr_user, row, error):
    run = checked(hr_user, people_file(row))
    bad = [(b["line"], b["code"], b["params"]) for b in run.report["bad_rows"]]
    assert (run.status, bad, run.counts["created"], written()) == (
        ImportRunStatus.INVALID,
        [(3, *error)],
        1,  # the good row would be created…
        NOTHING,  # …but nothing is written by a dry run
    )


@pytest.mark.parametrize(("row", "error"), BAD_VALUES)
def test_a_real_run_of_such_a_file_writes_nothing(tree, hr_user, row, error):
    with pytest.raises(services.ImportRefused) as refused:
        services.people_import(data=people_file(row), filename="export.csv", dry_run=False, user=hr_user)
    assert ([b.code for b in refused.value.result.plan.bad_rows], written()) == ([error[0]], NOTHING)


def test_the_dry_run_page_names_the_line_and_the_field_and_confirming_writes_nothing(client, tree, hr_user):
    run = checked(hr_user, people_file("1002," + "A" * 1000 + ",Lind,anna@example.se,U1,staff"))
    client.force_login(hr_user)
    html = client.get(f"/admin/organisation/imports/{run.pk}/").content.decode()
    services.import_run_confirm(run=run, user=hr_user)  # an invalid run cannot be confirmed
    run.refresh_from_db()
    shown = "<td>3</td><td>1002</td><td>Värdet i ”förnamn” har 1000 tecken; högst 150 får plats.</td>" in html
    assert (shown, run.status, written()) == (True, ImportRunStatus.INVALID, NOTHING)


def test_the_messages_read_in_english_too():
    with translation.override("en"):
        text = tables.message(table_plans.ROW_ERRORS, "too_long", {"field": "email", "length": 300, "limit": 254})
    assert text == "The value of “e-mail” has 300 characters; at most 254 fit."


def test_a_bad_row_names_a_long_or_nul_value_shortly_and_storably(tree, hr_user):
    """The report is stored as JSON (PostgreSQL refuses NUL there too) and shown on a page."""
    run = checked(hr_user, people_file("1002,Anna,Lind,anna@example.se,U1," + "x\x00" * 5000))
    assert run.report["bad_rows"] == [
        {"line": 3, "key": "1002", "code": "nul_character", "params": {"field": "audience"}}
    ]


def test_a_long_unknown_value_is_named_shortly(tree, hr_user):
    run = checked(hr_user, people_file("1002,Anna,Lind,anna@example.se,U1," + "x" * 5000))
    assert run.report["bad_rows"] == [
        {"line": 3, "key": "1002", "code": "unknown_audience", "params": {"value": "x" * 59 + "…"}}
    ]


def test_units_too_long_or_with_nul_are_bad_rows(tree, hr_user):
    data = (
        "code,name,kind,parent code\n"
        "ADM,Förvaltningen,förvaltning,ROOT\n"
        f"U9,{'N' * 201},enhet,ADM\n"
        "U\x008,Åttan,enhet,ADM\n"
        f"{'C' * 51},Lång kod,enhet,ADM\n"
    ).encode()
    run = checked(hr_user, data, kind="units")
    bad = [(b["line"], b["code"], b["params"].get("field")) for b in run.report["bad_rows"]]
    assert (run.status, bad, written()) == (
        ImportRunStatus.INVALID,
        [(3, "too_long", "name"), (4, "nul_character", "code"), (5, "too_long", "code")],
        NOTHING,
    )


def test_an_unforeseen_data_error_on_one_row_is_that_rows_bad_row(tree, hr_user, monkeypatch):
    """The catch-all takes data errors (ValueError, ValidationError) of one row only, with its line."""
    valid_email = table_plans.valid_email

    def refusing(value):
        if value == "anna@example.se":
            raise UnicodeError("label too long")  # a ValueError, as IDNA encoding raises
        return valid_email(value)

    monkeypatch.setattr(people_plan, "valid_email", refusing)
    run = checked(hr_user, people_file("1002,Anna,Lind,anna@example.se,U1,staff"))
    bad = [(b["line"], b["key"], b["code"]) for b in run.report["bad_rows"]]
    assert (run.status, bad, written()) == (ImportRunStatus.INVALID, [(3, "1002", "unreadable_row")], NOTHING)


def test_a_programming_error_is_not_hidden_as_a_bad_row(tree, hr_user, monkeypatch):
    monkeypatch.setattr(people_plan, "valid_email", lambda value: None + 1)
    run = services.import_run_create(user=hr_user, filename="export.csv", data=people_file())
    with pytest.raises(TypeError):
        services.import_run_check(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.report) == (ImportRunStatus.FAILED, {"file_error": {"code": "internal", "params": {}}})


def test_an_unreadable_heading_line_is_a_file_error(tree, hr_user):
    run = checked(hr_user, ("employee number," + "x" * 200_000 + "\n" + GOOD + "\n").encode())
    assert (run.status, run.report) == (ImportRunStatus.INVALID, {"file_error": {"code": "bad_header", "params": {}}})


def test_a_utf16_file_is_still_an_encoding_error(tree, hr_user):
    run = checked(hr_user, people_file().decode().encode("utf-16-le"))
    assert (run.status, run.report) == (ImportRunStatus.INVALID, {"file_error": {"code": "encoding", "params": {}}})


def test_an_xlsx_with_a_broken_sheet_is_a_file_error(tree, hr_user):
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(GOOD.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]  # cut off in the middle of the XML
            target.writestr(item, content)
    run = services.import_run_create(user=hr_user, filename="export.xlsx", data=broken.getvalue())
    services.import_run_check(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.report) == (ImportRunStatus.INVALID, {"file_error": {"code": "bad_xlsx", "params": {}}})
