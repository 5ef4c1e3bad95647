"""An HR user limited to one subtree (a StaffScope) sees only that part of the group in the
people and units admin too: lists, search, exports, choices; every URL of a person or unit outside
it is 404 and changes nothing; they may not run the HR import. Unscoped HR and superusers see all.
One rule decides (lms.access.rule.scope_of), the same as the reports area's."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.access.roles import HR_GROUP
from lms.access.rule import scope_of
from lms.imports.models import ImportRun
from lms.organisation import selectors
from lms.organisation.models import OrgUnit, Person
from lms.reports import selectors as report_selectors
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.helpers import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    """K (the municipality) → D (the scope) → A; K → F (outside)."""
    K = OrgUnitFactory(name="Kommunen", kind="municipality")
    D = OrgUnitFactory(name="Avdelning D", kind="department", parent=K)
    A = OrgUnitFactory(name="Enhet A", parent=D)
    F = OrgUnitFactory(name="Förvaltning F", kind="administration", parent=K)
    boss = PersonFactory(user__first_name="Bodil", user__last_name="Chefsson", org_unit=K, audience="manager")
    return {
        "units": {"K": K, "D": D, "A": A, "F": F},
        "boss": boss,
        "in_d": PersonFactory(user__first_name="Dora", user__last_name="Dahl", org_unit=D, manager=boss),
        "in_a": PersonFactory(user__first_name="Alva", user__last_name="Ek", org_unit=A),
        "outside": PersonFactory(user__first_name="Frida", user__last_name="Fjäll", org_unit=F),
    }


@pytest.fixture
def scoped_user(group):
    user = hr_user(username="hr-d", scope=group["units"]["D"])
    return user


@pytest.fixture
def scoped(client, scoped_user):
    client.force_login(scoped_user)
    return client


@pytest.fixture
def unscoped(client, group):
    client.force_login(hr_user(username="hr-all"))
    return client


# --- The rule -----------------------------------------------------------------------


def test_one_rule_for_the_admin_and_the_reports(group, scoped_user, admin_user):
    D = group["units"]["D"]
    assert scope_of(scoped_user).unit == D
    assert report_selectors.scope_for_user(user=scoped_user).unit == D
    unscoped_hr = hr_user(username="hr-all")
    assert scope_of(unscoped_hr).unit is None and scope_of(admin_user).unit is None
    assert set(selectors.people_in_scope_of(user=scoped_user)) == {group["in_d"], group["in_a"]}
    assert list(selectors.units_in_scope_of(user=scoped_user)) == [D, group["units"]["A"]]
    assert selectors.people_in_scope_of(user=unscoped_hr).count() == Person.objects.count() == 4
    assert selectors.user_is_limited_to_a_subtree(scoped_user)
    assert not selectors.user_is_limited_to_a_subtree(unscoped_hr)


# --- People -------------------------------------------------------------------------


def test_the_people_list_search_and_exports_show_only_the_scope(scoped, group):
    html = scoped.get(reverse("person:index")).content.decode()
    assert "Dora Dahl" in html and "Alva Ek" in html
    assert "Frida Fjäll" not in html and "Bodil Chefsson" not in html
    assert "Frida" not in scoped.get(reverse("person:index"), {"q": "Fjäll"}).content.decode()
    rows = list(csv.reader(io.StringIO(body(scoped.get(reverse("person:index"), {"export": "csv"})).lstrip("\ufeff"))))
    assert sorted(row[0] for row in rows[1:]) == ["Alva Ek", "Dora Dahl"]


@pytest.mark.parametrize("who", ["unscoped", "admin_client"])
def test_unscoped_hr_and_superusers_see_everyone(request, group, who):
    client = request.getfixturevalue(who)
    html = client.get(reverse("person:index")).content.decode()
    assert all(name in html for name in ("Dora Dahl", "Alva Ek", "Frida Fjäll", "Bodil Chefsson"))
    outside = group["outside"]
    assert client.get(reverse("person:edit", args=[outside.pk])).status_code == 200
    assert client.get(reverse("organisation_person_personal_data", args=[outside.pk])).status_code == 200


def test_every_url_of_a_person_outside_the_scope_is_404(scoped, group):
    outside = group["outside"]
    for name in ("person:edit", "person:inspect", "person:history", "person:usage", "person:delete"):
        assert scoped.get(reverse(name, args=[outside.pk])).status_code == 404, name
    data_url = reverse("organisation_person_personal_data", args=[outside.pk])
    assert scoped.get(data_url).status_code == 404
    assert scoped.get(data_url, {"format": "json"}).status_code == 404
    erase_url = reverse("organisation_person_erase", args=[outside.pk])
    assert scoped.get(erase_url).status_code == 404
    assert scoped.post(erase_url, {"confirm": "yes"}).status_code == 404
    # and none of the writes changed anything
    response = scoped.post(
        reverse("person:edit", args=[outside.pk]),
        {
            "first_name": "X",
            "last_name": "Y",
            "email": "x@example.se",
            "username": "x",
            "org_unit": outside.org_unit_id,
        },
    )
    assert response.status_code == 404
    outside.refresh_from_db()
    assert outside.erased_at is None and outside.is_active and outside.user.first_name == "Frida"
    # ids that do not exist at all look the same
    assert scoped.get(reverse("organisation_person_personal_data", args=[999999])).status_code == 404


def test_people_inside_the_scope_are_as_before(scoped, group):
    person = group["in_a"]
    assert scoped.get(reverse("person:edit", args=[person.pk])).status_code == 200
    assert scoped.get(reverse("person:inspect", args=[person.pk])).status_code == 200
    response = scoped.get(reverse("organisation_person_personal_data", args=[person.pk]), {"format": "json"})
    assert response.status_code == 200 and response.json()["person_id"] == person.pk
    assert scoped.get(reverse("organisation_person_erase", args=[person.pk])).status_code == 200


def person_post(person, **changes) -> dict:
    data = {
        "first_name": person.user.first_name,
        "last_name": person.user.last_name,
        "email": person.user.email,
        "username": person.user.username,
        "org_unit": person.org_unit_id,
        "audience": person.audience,
        "employee_number": person.employee_number,
        "manager": person.manager_id or "",
        "language": person.language,
        "is_active": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_the_person_form_offers_only_units_and_people_in_the_scope(scoped, group):
    person = group["in_d"]  # their manager (boss) sits above the scope
    form = scoped.get(reverse("person:edit", args=[person.pk])).context["form"]
    assert list(form.fields["org_unit"].queryset) == [group["units"]["D"], group["units"]["A"]]
    managers = set(form.fields["manager"].queryset)
    assert group["outside"] not in managers
    assert group["boss"] in managers  # the current manager stays, so saving keeps them
    # Saving unchanged keeps the manager above the scope.
    response = scoped.post(reverse("person:edit", args=[person.pk]), person_post(person))
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.manager == group["boss"]
    # Moving the person out of the scope, or choosing a manager outside it, is refused.
    response = scoped.post(
        reverse("person:edit", args=[person.pk]), person_post(person, org_unit=group["units"]["F"].pk)
    )
    assert response.status_code == 200 and "org_unit" in response.context["form"].errors
    other = group["in_a"]
    response = scoped.post(reverse("person:edit", args=[other.pk]), person_post(other, manager=group["outside"].pk))
    assert response.status_code == 200 and "manager" in response.context["form"].errors
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.org_unit == group["units"]["D"] and other.manager is None


def test_deactivating_happens_only_inside_the_scope(scoped, group):
    person = group["in_a"]
    data = person_post(person)
    del data["is_active"]
    assert scoped.post(reverse("person:edit", args=[person.pk]), data).status_code == 302
    person.refresh_from_db()
    assert not person.is_active


def test_the_people_list_takes_a_constant_number_of_queries(scoped, group):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert scoped.get(reverse("person:index")).status_code == 200
        return len(ctx.captured_queries)

    count()  # warms the cached site content (lms.core.sitecache)
    before = count()
    for _ in range(10):
        PersonFactory(org_unit=group["units"]["A"])
        PersonFactory(org_unit=group["units"]["F"])
    assert count() == before


# --- Units ----------------------------------------------------------------------------


def test_the_unit_tree_shows_and_offers_only_the_scope(scoped, group):
    units = group["units"]
    html = scoped.get(reverse("orgunit:index")).content.decode()
    assert "Avdelning D" in html and "Enhet A" in html
    assert "Förvaltning F" not in html and "Kommunen" not in html
    for name in ("orgunit:edit", "orgunit:inspect", "orgunit:history", "orgunit:usage"):
        assert scoped.get(reverse(name, args=[units["F"].pk])).status_code == 404, name
    response = scoped.post(
        reverse("orgunit:edit", args=[units["F"].pk]), {"name": "Ny", "code": units["F"].code, "kind": "unit"}
    )
    assert response.status_code == 404
    # New units only below a unit in the scope: no new roots, nothing under F.
    for parent in ("", units["F"].pk):
        response = scoped.post(reverse("orgunit:add"), {"name": "Ny", "code": "NY1", "kind": "unit", "parent": parent})
        assert response.status_code == 200 and "parent" in response.context["form"].errors
    response = scoped.post(
        reverse("orgunit:add"), {"name": "Ny", "code": "NY1", "kind": "unit", "parent": units["A"].pk}
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="NY1").get_parent() == units["A"]
    # The top of the scope keeps its parent above the scope when edited.
    D = units["D"]
    response = scoped.post(
        reverse("orgunit:edit", args=[D.pk]),
        {"name": "Avdelning D2", "code": D.code, "kind": D.kind, "parent": units["K"].pk},
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=D.pk).get_parent() == units["K"]
    assert OrgUnit.objects.get(pk=units["F"].pk).name == "Förvaltning F"


# --- Import -----------------------------------------------------------------------------


def test_a_scoped_user_may_not_import(scoped, group, scoped_user):
    index = reverse("organisation_imports:index")
    assert index not in scoped.get(reverse("wagtailadmin_home")).content.decode()  # no menu item
    response = scoped.get(index)
    assert response.status_code == 403
    assert "del av kommunkoncernen" in response.content.decode()
    upload = SimpleUploadedFile("hr.csv", b"employee_number;first_name\n1;A\n", content_type="text/csv")
    assert scoped.post(index, {"file": upload, "kind": "people", "full": "on"}).status_code == 403
    run = ImportRun.objects.create(filename="hr.csv", status="checked", full=True)
    assert scoped.get(reverse("organisation_imports:detail", args=[run.pk])).status_code == 403
    assert scoped.post(reverse("organisation_imports:confirm", args=[run.pk])).status_code == 403
    run.refresh_from_db()
    assert run.status == "checked" and ImportRun.objects.count() == 1


def test_unscoped_hr_imports_as_before(unscoped):
    index = reverse("organisation_imports:index")
    assert index in unscoped.get(reverse("wagtailadmin_home")).content.decode()
    assert unscoped.get(index).status_code == 200


# --- No copies; colleagues with rights ----------------------------------------------------


def test_people_and_units_have_no_copy_view(unscoped, group):
    """Wagtail's copy view saved the 'copy' over the original (the forms update what they get)."""
    from django.urls import NoReverseMatch

    for name in ("person:copy", "orgunit:copy"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])
    person, unit = group["in_a"], group["units"]["A"]
    assert unscoped.get(f"/admin/organisation/people/copy/{person.pk}/").status_code == 404
    assert unscoped.get(f"/admin/organisation/units/copy/{unit.pk}/").status_code == 404


def test_a_scoped_user_may_not_change_a_colleague_with_rights(scoped, group):
    """An HR colleague in the scope may see the whole group: changing their e-mail address
    would hand over their sign-in. Plain learners in the scope stay the scoped user's to change."""
    colleague = group["in_a"]
    colleague.user.groups.add(Group.objects.get(name=HR_GROUP))
    url = reverse("person:edit", args=[colleague.pk])
    data = {
        "first_name": colleague.user.first_name,
        "last_name": colleague.user.last_name,
        "email": "attacker@example.org",
        "username": colleague.user.username,
        "org_unit": colleague.org_unit_id,
        "audience": colleague.audience,
        "language": colleague.language,
    }
    response = scoped.post(url, data)
    colleague.user.refresh_from_db()
    assert colleague.user.email != "attacker@example.org"
    # The form comes back read-only, saying why (PersonForm refuses a protected person).
    assert response.status_code == 200 and response.context["form"].protected
    assert response.context["form"].non_field_errors()
    erase_url = reverse("organisation_person_erase", args=[colleague.pk])
    scoped.post(erase_url, {"confirm": "yes"})
    colleague.refresh_from_db()
    assert colleague.erased_at is None


# --- Site history ----------------------------------------------------------------------------


def test_the_site_history_shows_a_scoped_user_only_their_part(scoped, group, admin_user):
    """Wagtail's own report filters by content type only: HR would read every name in the group."""
    from wagtail.log_actions import log

    log(instance=group["outside"], action="wagtail.edit", user=admin_user)
    log(instance=group["units"]["F"], action="wagtail.edit", user=admin_user)
    log(instance=group["in_a"], action="wagtail.edit", user=admin_user)
    inside_name, outside_name = group["in_a"].full_name, group["outside"].full_name

    for url in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        html = scoped.get(url).content.decode()
        assert inside_name in html and outside_name not in html and "Förvaltning F" not in html, url
    export = body(scoped.get("/admin/reports/site-history/", {"export": "csv"}))
    assert inside_name in export and outside_name not in export

    unscoped = Client()
    unscoped.force_login(hr_user(username="hr-all"))
    html = unscoped.get("/admin/reports/site-history/").content.decode()
    assert inside_name in html and outside_name in html and "Förvaltning F" in html
    assert Client().get("/admin/reports/site-history/").status_code == 302  # to the sign-in page
