import pytest

from lms.organisation import selectors, services
from lms.organisation.models import OrgUnit, OrgUnitKind
from tests.factories import OrgUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """municipality > administration > department > unit, plus a company beside the administration."""
    kommun = OrgUnitFactory(name="Kommun", kind=OrgUnitKind.MUNICIPALITY)
    forv = OrgUnitFactory(name="Förvaltning", kind=OrgUnitKind.ADMINISTRATION, parent=kommun)
    avd = OrgUnitFactory(name="Avdelning", kind=OrgUnitKind.DEPARTMENT, parent=forv)
    enhet = OrgUnitFactory(name="Enhet", parent=avd)
    bolag = OrgUnitFactory(name="Bolag", kind=OrgUnitKind.COMPANY, parent=kommun)
    return {"kommun": kommun, "forv": forv, "avd": avd, "enhet": enhet, "bolag": bolag}


def test_subtree_includes_descendants_only(tree):
    names = [u.name for u in selectors.org_unit_subtree(unit=tree["forv"])]
    assert names == ["Förvaltning", "Avdelning", "Enhet"]
    assert "Förvaltning" not in [u.name for u in selectors.org_unit_subtree(unit=tree["forv"], include_self=False)]


def test_subtree_of_root_is_everything(tree):
    assert selectors.org_unit_subtree(unit=tree["kommun"]).count() == 5


def test_ancestors_in_order_in_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        ancestors = selectors.org_unit_ancestors(unit=tree["enhet"])
    assert [u.name for u in ancestors] == ["Kommun", "Förvaltning", "Avdelning"]
    assert [u.name for u in selectors.org_unit_ancestors(unit=tree["enhet"], include_self=True)][-1] == "Enhet"


def test_move_takes_the_subtree_along(tree):
    services.org_unit_update(unit=tree["avd"], parent=tree["bolag"])
    enhet = OrgUnit.objects.get(pk=tree["enhet"].pk)
    assert [u.name for u in selectors.org_unit_ancestors(unit=enhet)] == ["Kommun", "Bolag", "Avdelning"]
    assert selectors.org_unit_subtree(unit=OrgUnit.objects.get(pk=tree["forv"].pk)).count() == 1


def test_people_in_subtree_excludes_inactive_unless_asked(tree):
    inside = PersonFactory(org_unit=tree["enhet"])
    leaver = PersonFactory(org_unit=tree["avd"])
    PersonFactory(org_unit=tree["bolag"])
    services.person_deactivate(person=leaver)
    assert list(selectors.people_in_subtree(unit=tree["forv"])) == [inside]
    assert set(selectors.people_in_subtree(unit=tree["forv"], include_inactive=True)) == {inside, leaver}


def test_unit_codes_are_unique(tree):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        OrgUnitFactory(code=tree["enhet"].code)
