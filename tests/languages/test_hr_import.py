"""The HR import's optional language column: a configured content language by code or name fills
``Person.hr_content_language`` (never the person's own choice); an unknown one is a bad row and nothing is
imported; without the column the stored language stays."""

import pytest
from django.utils import translation

from lms.core.table_plans import ROW_ERRORS
from lms.core.tables import message
from lms.imports import services as import_services
from lms.imports.kinds import PEOPLE_COLUMNS
from lms.organisation.models import OrgUnitKind, Person
from tests.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

HEADER = "anställningsnummer;förnamn;efternamn;e-post;enhetskod;målgrupp;språk"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def run(data: bytes, **kwargs) -> import_services.ImportResult:
    kwargs.setdefault("dry_run", False)
    return import_services.people_import(data=data, filename="export.csv", **kwargs)


@pytest.fixture
def unit():
    root = OrgUnitFactory(name="Kommun", code="ROOT", kind=OrgUnitKind.MUNICIPALITY)
    return OrgUnitFactory(name="Ekskolan", code="U1", parent=root)


def languages() -> dict[str, tuple[str, str]]:
    return {
        number: (hr, own)
        for number, hr, own in Person.objects.values_list("employee_number", "hr_content_language", "content_language")
    }


@pytest.mark.parametrize("heading", ["språk", "Innehållsspråk", "Language", "content language"])
def test_the_column_is_known_by_its_headings(heading):
    from lms.core.tables import match_columns

    assert match_columns(["Anställningsnummer", heading], PEOPLE_COLUMNS) == {
        "employee_number": 0,
        "content_language": 1,
    }


def test_a_code_or_a_name_sets_the_hr_language_and_never_the_persons_own_choice(unit):
    result = run(
        csv_bytes(
            "1001;Aino;Virtanen;aino@example.se;U1;medarbetare;Suomi",
            "1002;Anna;Lind;anna@example.se;U1;medarbetare;EN",
            "1003;Erik;Sand;erik@example.se;U1;medarbetare;finska",
            "1004;Sara;Berg;sara@example.se;U1;medarbetare;sv-x-ll",
            "1005;Lars;Ek;lars@example.se;U1;medarbetare;",
        )
    )
    assert result.applied and result.counts["created"] == 5
    assert languages() == {
        "1001": ("fi", ""),
        "1002": ("en", ""),
        "1003": ("fi", ""),
        "1004": ("sv-x-ll", ""),
        "1005": ("", ""),
    }

    # Aino chooses English herself; the next file changes HR's language only.
    Person.objects.filter(employee_number="1001").update(content_language="en")
    result = run(
        csv_bytes(
            "1001;Aino;Virtanen;aino@example.se;U1;medarbetare;Lättläst svenska",
            "1002;Anna;Lind;anna@example.se;U1;medarbetare;",
            "1003;Erik;Sand;erik@example.se;U1;medarbetare;fi",
            "1004;Sara;Berg;sara@example.se;U1;medarbetare;sv-x-ll",
            "1005;Lars;Ek;lars@example.se;U1;medarbetare;",
        )
    )
    assert result.counts["changed"] == 2 and result.counts["unchanged"] == 3
    changed = {row["key"]: row["changes"] for row in result.report()["changed"]}
    assert changed == {"1001": {"content_language": ["fi", "sv-x-ll"]}, "1002": {"content_language": ["en", ""]}}
    assert languages()["1001"] == ("sv-x-ll", "en") and languages()["1002"] == ("", "")


def test_without_the_column_the_stored_language_stays(unit):
    run(csv_bytes("1001;Aino;Virtanen;aino@example.se;U1;medarbetare;fi"))
    header = HEADER.rsplit(";", 1)[0]
    result = run(csv_bytes("1001;Aino;Virtanen-Berg;aino@example.se;U1;medarbetare", header=header))
    assert result.counts["changed"] == 1
    assert languages()["1001"] == ("fi", "")


def test_an_unknown_language_is_a_bad_row_with_a_clear_message_and_nothing_is_imported(unit):
    data = csv_bytes(
        "1001;Aino;Virtanen;aino@example.se;U1;medarbetare;fi",
        "1002;Anna;Lind;anna@example.se;U1;medarbetare;Klingon",
    )
    with pytest.raises(import_services.ImportRefused) as refused:
        run(data)
    assert not Person.objects.exists()
    (bad,) = refused.value.result.plan.bad_rows
    assert (bad.line, bad.key, bad.code) == (3, "1002", "unknown_content_language")
    with translation.override("en"):
        assert message(ROW_ERRORS, bad.code, bad.params) == (
            "Unknown language “Klingon”: use a content language's code or name (sv (Svenska), sv-x-ll (Lättläst "
            "svenska), en (English), fi (Suomi)), or leave it empty."
        )
    with translation.override("sv"):
        assert "Klingon" in message(ROW_ERRORS, bad.code, bad.params) and "Okänt" in message(
            ROW_ERRORS, bad.code, bad.params
        )
