"""HR keeps bodies, terms and assignments in the admin: clear messages and nothing saved on bad
input; a user limited to part of the group sees only its people's assignments; the filters."""

from datetime import date

import pytest
from django.utils import timezone

from lms.politics.models import Assignment, AssignmentRole, BodyKind, Term
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.helpers import status_and_location

from .factories import AssignmentFactory, BodyFactory, TermFactory

pytestmark = pytest.mark.django_db
ASSIGNMENTS = "/admin/politics/assignments/"


@pytest.fixture
def hr_client(client):
    client.force_login(hr_user(username="hr"))
    return client


def errors(response):
    return {k: " ".join(v) for k, v in response.context["form"].errors.items()}


def test_hr_adds_an_assignment_with_the_terms_dates(hr_client):
    term = TermFactory(body__kind=BodyKind.COUNCIL, body__name="Kommunfullmäktige")
    person = PersonFactory(employee_number=None)
    response = hr_client.post(
        ASSIGNMENTS + "new/", {"person": person.pk, "term": term.pk, "role": "member", "starts_on": "", "ends_on": ""}
    )
    assert response.status_code == 302, errors(response)
    assignment = Assignment.objects.get()
    assert (assignment.starts_on, assignment.ends_on) == (date(2026, 10, 15), date(2030, 10, 14))


def test_an_overlapping_assignment_is_refused_in_the_form(hr_client):
    first = AssignmentFactory(term__body__name="Kommunfullmäktige", term__body__kind=BodyKind.COUNCIL)
    response = hr_client.post(
        ASSIGNMENTS + "new/",
        {"person": first.person_id, "term": first.term_id, "role": "member", "starts_on": "2027-01-01", "ends_on": ""},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    assert "är redan ledamot i Kommunfullmäktige från 2026-10-15 till 2030-10-14" in errors(response)["role"]
    assert Assignment.objects.count() == 1


def test_an_assignment_outside_its_term_is_refused_in_the_form(hr_client):
    term = TermFactory()
    person = PersonFactory()
    response = hr_client.post(
        ASSIGNMENTS + "new/",
        {"person": person.pk, "term": term.pk, "role": "chair", "starts_on": "2026-06-01", "ends_on": ""},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert "måste ligga inom sin mandatperiod 2026–2030" in errors(response)["starts_on"]
    assert not Assignment.objects.exists()


def test_an_overlapping_term_is_refused_in_the_form(hr_client):
    term = TermFactory(body__name="Kommunstyrelsen", body__kind=BodyKind.EXECUTIVE)
    response = hr_client.post(
        "/admin/politics/terms/new/",
        {"body": term.body_id, "election_year": "2030", "starts_on": "2030-12-01", "ends_on": "2034-12-31"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert "överlappar" in errors(response)["starts_on"]
    assert Term.objects.count() == 1


def test_a_limited_user_sees_only_the_assignments_of_people_in_their_part(client):
    root = OrgUnitFactory(name="Kommun")
    a, b = OrgUnitFactory(name="A", parent=root), OrgUnitFactory(name="B", parent=root)
    council = TermFactory(body__org_unit=root, body__kind=BodyKind.COUNCIL)
    inside = AssignmentFactory(term=council, person__org_unit=a, person__user__last_name="Innanför")
    outside = AssignmentFactory(term=council, person__org_unit=b, person__user__last_name="Utanför")
    client.force_login(hr_user(username="hr_a", scope=a))
    listing = client.get(ASSIGNMENTS).content.decode()
    assert "Innanför" in listing and "Utanför" not in listing
    assert client.get(f"{ASSIGNMENTS}edit/{outside.pk}/").status_code == 404
    assert client.get(f"{ASSIGNMENTS}edit/{inside.pk}/").status_code == 200


def test_a_limited_user_chooses_only_among_the_bodies_they_see(client):
    root = OrgUnitFactory(name="Kommun")
    a, b = OrgUnitFactory(name="A", parent=root), OrgUnitFactory(name="B", parent=root)
    council = TermFactory(body__org_unit=root, body__kind=BodyKind.COUNCIL, body__name="Fullmäktige")
    TermFactory(body__org_unit=a, body__name="A-nämnden")
    TermFactory(body__org_unit=b, body__name="B-nämnden")
    AssignmentFactory(term=council, person__org_unit=a)
    client.force_login(hr_user(username="hr_a", scope=a))

    def choices(url):
        field = client.get(url).context["filters"].form.fields["body"]
        return {body.name for body in field.queryset}

    assert choices(ASSIGNMENTS) == {"A-nämnden", "Fullmäktige"}  # their people sit on the council
    assert choices("/admin/politics/terms/") == {"A-nämnden"}


def test_filters_by_body_role_and_running_today(hr_client):
    council = TermFactory(body__kind=BodyKind.COUNCIL, starts_on=date(2026, 10, 15), ends_on=date(2030, 10, 14))
    committee = TermFactory()
    chair = AssignmentFactory(term=council, role=AssignmentRole.CHAIR, person__user__last_name="Ordförandesson")
    AssignmentFactory(term=committee, person__user__last_name="Nämndsson")
    by_body = hr_client.get(ASSIGNMENTS, {"body": council.body_id}).content.decode()
    assert "Ordförandesson" in by_body and "Nämndsson" not in by_body
    by_role = hr_client.get(ASSIGNMENTS, {"role": "member"}).content.decode()
    assert "Nämndsson" in by_role and "Ordförandesson" not in by_role
    running = hr_client.get(ASSIGNMENTS, {"current": "true"}).content.decode()
    today = timezone.localdate()
    assert ("Ordförandesson" in running) == (chair.starts_on <= today <= chair.ends_on)


def test_deleting_a_mistaken_assignment_goes_through_the_service(hr_client, django_capture_on_commit_callbacks):
    from lms.politics.signals import assignments_changed

    assignment = AssignmentFactory()
    seen = []

    def listener(sender, person_ids, **kwargs):
        seen.append(person_ids)

    assignments_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = hr_client.post(f"{ASSIGNMENTS}delete/{assignment.pk}/")
    finally:
        assignments_changed.disconnect(listener)
    assert response.status_code == 302
    assert not Assignment.objects.exists()
    assert seen == [[assignment.person_id]]


def test_bodies_are_listed_and_never_deleted(hr_client):
    body = BodyFactory(name="Kultur- och fritidsnämnden")
    assert "Kultur- och fritidsnämnden" in hr_client.get("/admin/politics/bodies/").content.decode()
    assert status_and_location(hr_client.post(f"/admin/politics/bodies/delete/{body.pk}/")) == (302, "/admin/")
    assert body.__class__.objects.filter(pk=body.pk).exists()
