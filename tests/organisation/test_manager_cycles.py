"""Nobody is their own manager, directly or round a circle: the admin form and the services
refuse what the HR import refuses."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lms.organisation import services
from lms.organisation.models import Person
from tests.factories import PersonFactory, hr_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_client(client):
    client.force_login(hr_user(username="hr-user"))
    return client


def person(first: str, last: str, manager: Person | None = None) -> Person:
    p = PersonFactory(user__first_name=first, user__last_name=last)
    if manager is not None:
        services.person_update(person=p, manager=manager)
    return p


def edit(client, p: Person, **changes):
    user = p.user
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "username": user.username,
        "org_unit": p.org_unit_id,
        "audience": p.audience,
        "employee_number": p.employee_number,
        "language": p.language,
        "is_active": "on",
    } | changes
    return client.post(f"/admin/organisation/people/edit/{p.pk}/", data)


def test_the_form_refuses_a_two_person_circle(hr_client):
    chef = person("Karin", "Berg")
    anna = person("Anna", "Lindqvist", manager=chef)
    response = edit(hr_client, chef, manager=anna.pk)
    assert response.status_code == 200
    [error] = response.context["form"].errors["manager"]
    assert error == (  # the admin speaks Swedish first
        "Anna Lindqvist kan inte vara chef för Karin Berg: Anna Lindqvist har redan Karin Berg över sig "
        "(chefskedja: Karin Berg → Anna Lindqvist → Karin Berg)."
    )
    assert Person.objects.get(pk=chef.pk).manager_id is None


def test_the_form_refuses_a_longer_circle_and_names_everyone(hr_client):
    a = person("Aino", "Ek")
    b = person("Bo", "Ek", manager=a)
    c = person("Cia", "Ek", manager=b)
    response = edit(hr_client, a, manager=c.pk)
    assert response.status_code == 200
    [error] = response.context["form"].errors["manager"]
    assert "Aino Ek → Cia Ek → Bo Ek → Aino Ek" in error
    assert Person.objects.get(pk=a.pk).manager_id is None


def test_the_form_accepts_a_chain_without_a_circle(hr_client):
    a = person("Aino", "Ek")
    b = person("Bo", "Ek", manager=a)
    c = person("Cia", "Ek")
    assert edit(hr_client, c, manager=b.pk).status_code == 302
    assert Person.objects.get(pk=c.pk).manager == b


def test_nobody_can_choose_themselves(hr_client):
    a = person("Aino", "Ek")
    response = edit(hr_client, a, manager=a.pk)
    assert response.status_code == 200 and "manager" in response.context["form"].errors
    assert Person.objects.get(pk=a.pk).manager_id is None


def test_the_service_refuses_circles_and_self():
    a = person("Aino", "Ek")
    b = person("Bo", "Ek", manager=a)
    with translation.override("en"), pytest.raises(ValidationError) as circle:
        services.person_update(person=a, manager=b)
    assert circle.value.message_dict["manager"] == [
        "Bo Ek cannot be the manager of Aino Ek: Bo Ek already reports to Aino Ek "
        "(chain of managers: Aino Ek → Bo Ek → Aino Ek)."
    ]
    with translation.override("en"), pytest.raises(ValidationError) as own:
        services.person_update(person=a, manager=a)
    assert own.value.message_dict["manager"] == ["A person cannot be their own manager."]
    assert Person.objects.get(pk=a.pk).manager_id is None
