"""The unit tree and the people in Wagtail's admin: HR manages them, nobody deletes them."""

import pytest

from lms.organisation.models import OrgUnit, Person
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.helpers import status_and_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_client(client):
    client.force_login(hr_user(username="hr-user"))
    return client


def test_hr_adds_a_unit_below_a_parent(hr_client):
    root = OrgUnitFactory(name="Kommun")
    response = hr_client.post(
        "/admin/organisation/units/new/",
        {"name": "Ny enhet", "code": "NY1", "kind": "unit", "parent": root.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = OrgUnit.objects.get(code="NY1")
    assert unit.get_parent() == root


def test_hr_moves_a_unit_by_changing_its_parent(hr_client):
    root = OrgUnitFactory(name="Kommun")
    a = OrgUnitFactory(name="A", parent=root)
    b = OrgUnitFactory(name="B", parent=root)
    response = hr_client.post(
        f"/admin/organisation/units/edit/{a.pk}/", {"name": "A", "code": a.code, "kind": "unit", "parent": b.pk}
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=a.pk).get_parent() == b


def test_a_unit_cannot_be_moved_below_itself(hr_client):
    root = OrgUnitFactory(name="Kommun")
    a = OrgUnitFactory(name="A", parent=root)
    child = OrgUnitFactory(name="A1", parent=a)
    response = hr_client.post(
        f"/admin/organisation/units/edit/{a.pk}/", {"name": "A", "code": a.code, "kind": "unit", "parent": child.pk}
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert OrgUnit.objects.get(pk=a.pk).get_parent() == root


def test_hr_creates_a_person_with_their_account(hr_client):
    unit = OrgUnitFactory()
    response = hr_client.post(
        "/admin/organisation/people/new/",
        {
            "first_name": "Lina",
            "last_name": "Berg",
            "email": "lina@example.se",
            "username": "lina",
            "org_unit": unit.pk,
            "audience": "manager",
            "employee_number": "4711",
            "manager": "",
            "language": "sv",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(employee_number="4711")
    assert person.user.username == "lina" and person.audience == "manager" and person.is_active


def test_unticking_active_deactivates(hr_client):
    person = PersonFactory()
    response = hr_client.post(
        f"/admin/organisation/people/edit/{person.pk}/",
        {
            "first_name": "A",
            "last_name": "B",
            "email": "a@example.se",
            "username": person.user.username,
            "org_unit": person.org_unit.pk,
            "audience": "staff",
            "employee_number": person.employee_number,
            "manager": "",
            "language": "sv",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_active is False and person.deactivated_at is not None


def test_nobody_may_delete_people_or_units(hr_client, admin_client):
    person = PersonFactory()
    refused = (302, "/admin/")  # Wagtail's "no permission", for the superuser too: back to the dashboard
    for c in (hr_client, admin_client):
        assert status_and_location(c.get(f"/admin/organisation/people/delete/{person.pk}/")) == refused
        assert status_and_location(c.post(f"/admin/organisation/people/delete/{person.pk}/")) == refused
        assert status_and_location(c.post(f"/admin/organisation/units/delete/{person.org_unit.pk}/")) == refused
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_learner_without_admin_access_is_turned_away(client):
    client.force_login(PersonFactory().user)
    response = client.get("/admin/organisation/people/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_hr_exports_the_people_list_as_csv_and_xlsx(hr_client):
    import csv
    import io

    from openpyxl import load_workbook

    unit = OrgUnitFactory(name="Ekskolan")
    PersonFactory(
        user__first_name="Lina",
        user__last_name="Berg",
        user__email="lina@example.se",
        org_unit=unit,
        employee_number="4711",
    )

    response = hr_client.get("/admin/organisation/people/?export=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Namn", "E-post", "Anställningsnummer", "Organisatorisk enhet"]
    assert rows[1][:4] == ["Lina Berg", "lina@example.se", "4711", "Ekskolan"]

    response = hr_client.get("/admin/organisation/people/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][:4] == ["Lina Berg", "lina@example.se", "4711", "Ekskolan"]
