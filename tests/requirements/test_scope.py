"""An HR user limited to one subtree (a StaffScope) sees and sets requirements only inside it:
the list, its search and exports show only requirements for units in the scope; every URL of a
requirement outside it is 404 and changes nothing; the form offers, and accepts, only units inside
(and so does the reach preview). Unscoped HR and superusers see all. Courses, training events and
mail texts stay group-wide. One rule decides (lms.access.rule.scope_of)."""

import csv
import io

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.log_actions import log

from lms.courses.models import Enrolment
from lms.requirements.models import Requirement
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.helpers import body
from tests.requirements.test_admin import form

pytestmark = pytest.mark.django_db

INDEX = "requirement:index"


@pytest.fixture
def tree():
    """K (the municipality) → D (the scope) → A; K → F (outside). One person in each of D, A, F."""
    K = OrgUnitFactory(name="Kommunen", kind="municipality")
    D = OrgUnitFactory(name="Avdelning D", kind="department", parent=K)
    A = OrgUnitFactory(name="Enhet A", parent=D)
    F = OrgUnitFactory(name="Förvaltning F", kind="administration", parent=K)
    for unit in (D, A, F):
        PersonFactory(org_unit=unit, audience="staff")
    return {"K": K, "D": D, "A": A, "F": F}


@pytest.fixture
def requirements(tree, course):
    def make(unit):
        return Requirement.objects.create(course=course, org_unit=unit, for_staff=True, due_days=30, note="Beslut")

    return {name: make(unit) for name, unit in tree.items()}


@pytest.fixture
def scoped(client, tree):
    client.force_login(hr_user(username="hr-d", scope=tree["D"]))
    return client


@pytest.fixture
def unscoped(client, tree):
    client.force_login(hr_user(username="hr-all"))
    return client


def listed_units(client, **params) -> set[str]:
    """The names of the units whose requirements the list shows."""
    html = client.get(reverse(INDEX), params).content.decode()
    return {name for name in ("Kommunen", "Avdelning D", "Enhet A", "Förvaltning F") if name in html}


# --- The list and its exports --------------------------------------------------------


def test_the_list_search_and_exports_show_only_the_scope(scoped, requirements):
    assert listed_units(scoped) == {"Avdelning D", "Enhet A"}
    assert listed_units(scoped, q="Förvaltning") == set()
    assert listed_units(scoped, q="Enhet") == {"Enhet A"}
    assert listed_units(scoped, is_active="true") == {"Avdelning D", "Enhet A"}
    html = scoped.get(reverse("requirement:index_results")).content.decode()
    assert "Enhet A" in html and "Förvaltning F" not in html and "Kommunen" not in html
    rows = list(csv.reader(io.StringIO(body(scoped.get(reverse(INDEX), {"export": "csv"})).lstrip("\ufeff"))))
    assert sorted(row[1] for row in rows[1:]) == ["Avdelning D", "Enhet A"]
    xlsx = scoped.get(reverse(INDEX), {"export": "xlsx"})
    assert xlsx.status_code == 200


@pytest.mark.parametrize("who", ["unscoped", "admin_client"])
def test_unscoped_hr_and_superusers_see_every_requirement(request, requirements, tree, who):
    client = request.getfixturevalue(who)
    assert listed_units(client) == {"Kommunen", "Avdelning D", "Enhet A", "Förvaltning F"}
    rows = list(csv.reader(io.StringIO(body(client.get(reverse(INDEX), {"export": "csv"})).lstrip("\ufeff"))))
    assert len(rows) == 5
    outside = requirements["F"]
    for name in ("requirement:edit", "requirement:inspect", "requirement:history", "requirement:delete"):
        assert client.get(reverse(name, args=[outside.pk])).status_code == 200, name
    add_form = client.get(reverse("requirement:add")).context["form"]
    assert set(add_form.fields["org_unit"].queryset) == set(tree.values())


# --- One requirement -----------------------------------------------------------------


PER_OBJECT_URLS = (
    "requirement:edit",
    "requirement:inspect",
    "requirement:history",
    "requirement:history_results",
    "requirement:usage",
    "requirement:delete",
)


@pytest.mark.parametrize("where", ["F", "K"])
def test_every_url_of_a_requirement_outside_the_scope_is_404(scoped, requirements, tree, course, where):
    outside = requirements[where]  # in another branch, and above the scope (the whole municipality)
    for name in PER_OBJECT_URLS:
        assert scoped.get(reverse(name, args=[outside.pk])).status_code == 404, name
    edit_url = reverse("requirement:edit", args=[outside.pk])
    changed = form(course, tree["D"], due_days="60", note="Ändrat", is_active=None)
    assert scoped.post(edit_url, changed).status_code == 404
    assert scoped.post(edit_url, {**changed, "preview": "1"}).status_code == 404
    assert scoped.post(reverse("requirement:delete", args=[outside.pk])).status_code == 404
    outside.refresh_from_db()
    assert (outside.org_unit, outside.due_days, outside.note, outside.is_active) == (tree[where], 30, "Beslut", True)
    # ids that do not exist at all look the same
    assert scoped.get(reverse("requirement:edit", args=[999999])).status_code == 404


def test_requirements_inside_the_scope_are_as_before(scoped, requirements, course, tree):
    inside = requirements["A"]
    for name in PER_OBJECT_URLS:
        assert scoped.get(reverse(name, args=[inside.pk])).status_code == 200, name
    response = scoped.post(reverse("requirement:edit", args=[inside.pk]), form(course, tree["D"], due_days="60"))
    assert response.status_code == 302, response.context["form"].errors
    inside.refresh_from_db()
    assert (inside.org_unit, inside.due_days) == (tree["D"], 60)
    assert scoped.post(reverse("requirement:delete", args=[inside.pk])).status_code == 302
    assert not Requirement.objects.filter(pk=inside.pk).exists()


def test_there_is_no_copy_view(unscoped, requirements, tree, course):
    """Wagtail's copy view hands the original to the form, whose save() would update it."""
    original = requirements["A"]
    with pytest.raises(NoReverseMatch):
        reverse("requirement:copy", args=[original.pk])
    url = f"/admin/required-training/requirements/copy/{original.pk}/"
    assert unscoped.get(url).status_code == 404
    assert unscoped.post(url, form(course, tree["F"])).status_code == 404
    original.refresh_from_db()
    assert original.org_unit == tree["A"] and Requirement.objects.count() == 4


# --- The form ------------------------------------------------------------------------


def test_the_form_offers_only_units_in_the_scope(scoped, tree):
    add_form = scoped.get(reverse("requirement:add")).context["form"]
    assert list(add_form.fields["org_unit"].queryset) == [tree["D"], tree["A"]]


@pytest.mark.parametrize("where", ["F", "K"])
def test_a_requirement_outside_the_scope_cannot_be_created(scoped, tree, course, where):
    response = scoped.post(reverse("requirement:add"), form(course, tree[where]))
    assert response.status_code == 200 and "org_unit" in response.context["form"].errors
    assert not Requirement.objects.exists() and not Enrolment.objects.exists()


def test_a_requirement_inside_the_scope_is_created(scoped, tree, course):
    response = scoped.post(reverse("requirement:add"), form(course, tree["A"]))
    assert response.status_code == 302, response.context["form"].errors
    assert Requirement.objects.get().org_unit == tree["A"]


def test_a_requirement_cannot_be_moved_out_of_the_scope(scoped, requirements, tree, course):
    inside = requirements["D"]
    response = scoped.post(reverse("requirement:edit", args=[inside.pk]), form(course, tree["K"]))
    assert response.status_code == 200 and "org_unit" in response.context["form"].errors
    inside.refresh_from_db()
    assert inside.org_unit == tree["D"]


def test_the_reach_preview_runs_only_inside_the_scope(scoped, tree, course):
    response = scoped.post(reverse("requirement:add"), {**form(course, tree["K"]), "preview": "1"})
    assert response.status_code == 200 and "org_unit" in response.context["form"].errors
    assert "skulle nå" not in response.content.decode()
    response = scoped.post(reverse("requirement:add"), {**form(course, tree["D"]), "preview": "1"})
    assert "skulle nå 2 personer" in response.content.decode()  # D and A, not F
    assert not Requirement.objects.exists()


# --- Site history ----------------------------------------------------------------------


def test_the_site_history_shows_only_requirements_in_the_scope(scoped, requirements, admin_user):
    log(instance=requirements["A"], action="wagtail.edit", user=admin_user)
    log(instance=requirements["F"], action="wagtail.edit", user=admin_user)
    html = scoped.get("/admin/reports/site-history/").content.decode()
    assert "Enhet A" in html and "Förvaltning F" not in html
    unscoped = Client()
    unscoped.force_login(hr_user(username="hr-all"))
    html = unscoped.get("/admin/reports/site-history/").content.decode()
    assert "Enhet A" in html and "Förvaltning F" in html
