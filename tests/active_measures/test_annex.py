"""The active-measures annex (issue 30, part 5): made in Celery as the report to the council is, a tagged
PDF and an XLSX, its reach the HR overview's figures for the same units and year, small groups hidden, no
names; only HR within the employer's scope sees or makes it; bad input changes nothing; archived is final."""

import io
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from lms.access.rule import OrgScope
from lms.active_measures import selectors, services
from lms.active_measures.models import Annex
from lms.group_training.selectors import completion_split
from lms.reports.selectors import unit_breakdown
from tests.factories import hr_user
from tests.helpers import pdf_facts

pytestmark = pytest.mark.django_db


def ask(client, employer, year, capture, overrides=None):
    data = {
        "employer": employer.pk,
        "year": year,
        "introduction": "Utbildning är en av våra aktiva åtgärder.",
        "analysis": "Räckvidden har ökat.",
        "measures": "Fler arbetsplatsträffar.",
    }
    data.update(overrides or {})
    with capture(execute=True):
        return client.post(reverse("active_measures_annex:add"), data)


def made(client, group, capture, employer=None, **overrides):
    overrides.setdefault("courses", [group.course.pk])
    year = overrides.pop("year", group.year)
    response = ask(client, employer or group.kommun, year, capture, overrides)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Annex.objects.get(employer=employer or group.kommun, year=year)


def download(client, annex, kind) -> bytes:
    response = client.get(reverse("active_measures_annex_download", args=[annex.pk, kind]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        " | ".join("" if v is None else str(v) for v in row)
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
    )


def test_the_municipalitys_annex_is_made_in_celery_tagged_and_without_the_company(
    client, group, django_capture_on_commit_callbacks
):
    hr = hr_user()
    client.force_login(hr)
    annex = made(client, group, django_capture_on_commit_callbacks)
    assert response_url_is_progress(client, annex)
    assert (annex.status, annex.progress, annex.created_by) == (Annex.Status.DONE, 100, hr)
    pdf = download(client, annex, "pdf")
    facts = pdf_facts(pdf)
    assert facts["tagged"] and not facts["encrypted"]  # what pdfinfo reports as "Tagged: yes" (its MarkInfo)
    assert facts["title"] == f"Aktiva åtgärder {group.year}: utbildning, Kommunen"
    text = pdf_text(pdf)
    assert "Utbildning är en av våra aktiva åtgärder." in text and "Fler arbetsplatsträffar." in text
    assert "Förvaltning A" in text and "Likabehandling och diskriminering" in text
    assert "Bostadsbolaget" not in text and "Förvaltning av fastigheter" not in text  # its own employer
    sheet = xlsx_text(download(client, annex, "xlsx"))
    assert "Förvaltning A | Likabehandling och diskriminering | 14 | 8 | 57 | 5 | 3" in sheet, sheet
    assert "Bostadsbolaget" not in sheet


def response_url_is_progress(client, annex) -> bool:
    page = client.get(reverse("active_measures_annex", args=[annex.pk])).content.decode()
    return reverse("active_measures_annex_download", args=[annex.pk, "pdf"]) in page


def test_reach_equals_the_overviews_figures_for_the_same_units_and_year(group):
    annex = Annex.objects.create(employer=group.kommun, year=group.year, introduction="I")
    annex.courses.set([group.course, group.other_course])
    data = selectors.annex_data(annex=annex)
    overview = unit_breakdown(scope=OrgScope(unit=group.kommun), unit=group.kommun)
    expected = {row.unit.pk: row.by_course for row in overview.rows if row.unit != group.bolag}
    assert (
        {row.unit.pk for row in data.reach.rows} == set(expected) == {group.a.pk, group.b.pk, group.c1.get_parent().pk}
    )
    for row in data.reach.rows:
        for index, course in enumerate(data.reach.courses):
            figures = expected[row.unit.pk].get(course.pk)
            assert row.figures.get(course.pk) == figures
            cell = row.cells[index].cell
            assert (cell.required, cell.completed) == ((figures.required, figures.completed) if figures else (0, 0))
    # The year's completions, individually and in group sessions: group sessions' overview, rolled up.
    split = completion_split(scope=OrgScope(unit=group.kommun), year=group.year)
    in_a = [s for s in split if s.course_id == group.course.pk and s.unit_path.startswith(group.a.path)]
    course_index = data.reach.courses.index(group.course)
    a_cell = data.reach.rows[[r.unit for r in data.reach.rows].index(group.a)].cells[course_index]
    assert (
        (a_cell.individually, a_cell.in_group)
        == (
            sum(s.individually for s in in_a),
            sum(s.in_group for s in in_a),
        )
        == (5, 3)
    )
    # The company's annex: its own people only, the same as the overview of its subtree.
    company = Annex.objects.create(employer=group.bolag, year=group.year, introduction="I")
    company.courses.set([group.course])
    bolag_data = selectors.annex_data(annex=company)
    bolag_overview = unit_breakdown(scope=OrgScope(unit=group.bolag), unit=group.bolag)
    assert [(r.unit, r.figures[group.course.pk]) for r in bolag_data.reach.rows] == [
        (r.unit, r.by_course[group.course.pk]) for r in bolag_overview.rows
    ]
    assert bolag_data.reach.totals[0].in_group == 4


def test_small_groups_are_hidden_as_on_the_public_page(group):
    annex = Annex.objects.create(employer=group.kommun, year=group.year, introduction="I")
    annex.courses.set([group.course])
    data = selectors.annex_data(annex=annex)
    cells = {row.unit.name: row.cells[0] for row in data.reach.rows}
    assert cells["Förvaltning B"].cell.suppressed and cells["Förvaltning B"].cell.reason == "small"
    # Two hidden people could be worked out from the total: the next smallest is hidden too.
    assert cells["Förvaltning C"].cell.suppressed and cells["Förvaltning C"].cell.reason == "reveals"
    assert not cells["Förvaltning A"].cell.suppressed
    # The year's split of a hidden unit would follow from the total's less the shown: the total's is hidden too.
    assert cells["Förvaltning A"].split_shown and not data.reach.totals[0].split_shown
    from lms.active_measures.rendering import annex_html, annex_xlsx

    html = annex_html(data=data)
    assert "färre än fem" in html and "skulle röja en annan grupp" in html
    sheet = xlsx_text(annex_xlsx(data=data))
    assert "Förvaltning B | Likabehandling och diskriminering | färre än fem |  |" in sheet
    assert "Förvaltning B | Likabehandling och diskriminering | 2" not in sheet
    assert "Likabehandling och diskriminering | ja | 22 | 11 | 50 |  | " in sheet  # the total: no split


def test_no_names_in_the_pdf_nor_the_spreadsheet(client, group, django_capture_on_commit_callbacks):
    hr = hr_user(first_name="Hedda", last_name="Hrsson")
    client.force_login(hr)
    annex = made(client, group, django_capture_on_commit_callbacks)
    texts = [pdf_text(download(client, annex, "pdf")), xlsx_text(download(client, annex, "xlsx"))]
    names = [n for p in group.people for n in (p.user.first_name, p.user.last_name, p.user.username)]
    names += ["Hedda", "Hrsson", hr.username]
    for text in texts:
        # As words: a generated first name such as "Li" or "Inge" is also the start of a Swedish word.
        found = [n for n in names if n and re.search(rf"\b{re.escape(n)}\b", text)]
        assert not found, found


def test_hr_of_another_employer_cannot_see_or_make_it(client, group, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    annex = made(client, group, django_capture_on_commit_callbacks)
    company_hr = hr_user(scope=group.bolag)
    client = Client()  # a session of its own (the first user's messages stay in theirs)
    client.force_login(company_hr)
    for url in (
        reverse("active_measures_annex", args=[annex.pk]),
        reverse("active_measures_annex_download", args=[annex.pk, "pdf"]),
        reverse("active_measures_annex_download", args=[annex.pk, "xlsx"]),
        reverse("active_measures_annex:edit", args=[annex.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("active_measures_annex_archive", args=[annex.pk])).status_code == 404
    listing = client.get(reverse("active_measures_annex:index")).content.decode()
    assert "Kommunen" not in listing
    form = client.get(reverse("active_measures_annex:add")).content.decode()
    assert "Bostadsbolaget AB" in form and f'value="{group.kommun.pk}"' not in form
    # Asking for the municipality's next year's annex anyway: refused, nothing made.
    annex.delete()
    response = ask(client, group.kommun, group.year, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and not Annex.objects.exists()
    # HR within an administration is not HR of the municipality either.
    client.force_login(hr_user(scope=group.a))
    response = ask(client, group.kommun, group.year, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and not Annex.objects.exists()
    # Their own company: yes.
    client.force_login(company_hr)
    assert made(client, group, django_capture_on_commit_callbacks, employer=group.bolag).status == Annex.Status.DONE


def test_a_learner_or_editor_sees_nothing(client, group, django_capture_on_commit_callbacks):
    from tests.factories import PersonFactory

    client.force_login(hr_user())
    annex = made(client, group, django_capture_on_commit_callbacks)
    learner = PersonFactory(org_unit=group.a1).user
    client.force_login(learner)
    assert client.get(reverse("active_measures_annex", args=[annex.pk])).status_code in (302, 403, 404)
    assert client.get(reverse("active_measures_annex_download", args=[annex.pk, "pdf"])).status_code in (302, 403, 404)


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"year": date.today().year + 1}, "year"),
        ({"year": "abc"}, "year"),
        ({"year": 1999}, "year"),
        ({"introduction": ""}, "introduction"),
        ({"employer": 999999999}, "employer"),
        ({"courses": ["x"]}, "courses"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_made(
    client, group, django_capture_on_commit_callbacks, overrides, field
):
    client.force_login(hr_user())
    response = ask(client, group.kommun, group.year, django_capture_on_commit_callbacks, overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Annex.objects.exists()


def test_a_unit_that_is_no_employer_is_refused(client, group, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    response = ask(client, group.a, group.year, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "employer" in response.context["form"].errors
    made(client, group, django_capture_on_commit_callbacks)
    again = ask(client, group.kommun, group.year, django_capture_on_commit_callbacks)
    assert again.status_code == 200 and Annex.objects.count() == 1  # one annex per employer and year


def test_an_annex_without_data_says_so(client, group, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    annex = made(client, group, django_capture_on_commit_callbacks, employer=group.bolag, courses=[], year=2001)
    assert annex.status == Annex.Status.DONE and annex.year == 2001
    text = pdf_text(download(client, annex, "pdf")).replace("\n", " ")
    assert "Ingen kurs valdes för den här bilagan." in text
    assert "Ingen attitydenkät valdes för den här bilagan." in text
    assert "Ingen aktivitet under 2001 hör till de valda åtagandena." in text
    sheet = xlsx_text(download(client, annex, "xlsx"))
    assert "Ingen kurs valdes för den här bilagan." in sheet and "Ingen attitydenkät valdes" in sheet


def test_archived_is_final(client, group, django_capture_on_commit_callbacks):
    hr = hr_user()
    client.force_login(hr)
    annex = made(client, group, django_capture_on_commit_callbacks)
    response = client.post(reverse("active_measures_annex_archive", args=[annex.pk]))
    assert response.status_code == 302
    annex.refresh_from_db()
    assert annex.is_archived and annex.archived_by == hr
    pdf_name = annex.pdf.name
    response = ask(client, group.kommun, group.year, django_capture_on_commit_callbacks)  # a second one: refused
    edit = client.post(
        reverse("active_measures_annex:edit", args=[annex.pk]),
        {"employer": group.kommun.pk, "year": group.year, "introduction": "Ändrad"},
    )
    assert edit.status_code == 200 and "arkiverad" in edit.content.decode()
    annex.refresh_from_db()
    assert annex.introduction == "Utbildning är en av våra aktiva åtgärder." and annex.pdf.name == pdf_name
    assert services.annex_render(annex_id=annex.pk) is None  # never made again
    assert client.post(reverse("active_measures_annex_archive", args=[annex.pk])).status_code == 302
    from wagtail.models import ModelLogEntry

    actions = list(ModelLogEntry.objects.filter(object_id=str(annex.pk)).values_list("action", flat=True))
    assert services.ASKED in actions and services.ARCHIVED in actions and services.DOWNLOADED not in actions


def test_downloads_are_audit_logged(client, group, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    annex = made(client, group, django_capture_on_commit_callbacks)
    download(client, annex, "xlsx")
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(object_id=str(annex.pk), action=services.DOWNLOADED).count() == 1
    assert client.get(reverse("active_measures_annex_download", args=[annex.pk, "doc"])).status_code == 404


def test_the_year_cannot_be_in_the_future_in_the_model_either(group):
    from django.core.exceptions import ValidationError

    annex = Annex(employer=group.kommun, year=timezone.localdate().year + 1, introduction="I")
    with pytest.raises(ValidationError):
        services.annex_request(annex=annex)
    assert not Annex.objects.exists()


def test_the_register_extract_lists_the_annexes_a_person_asked_for_and_erasure_forgets_who(group):
    from lms.active_measures.privacy import annexes_section, erase_annexes
    from tests.factories import PersonFactory

    person = PersonFactory(org_unit=group.a1)
    annex = Annex.objects.create(employer=group.kommun, year=group.year, introduction="I", created_by=person.user)
    assert annexes_section(person)["annexes"][0]["name"] == f"Kommunen {group.year}"
    erase_annexes(person)
    annex.refresh_from_db()
    assert annex.created_by is None and annexes_section(person) == {"annexes": []}
