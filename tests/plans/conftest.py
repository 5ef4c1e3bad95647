import pytest
from django.contrib.auth.models import Group

from lms.access.models import StaffScope
from lms.access.roles import DEMOCRACY_GUIDES_GROUP, UNIT_PLANNERS_GROUP
from lms.organisation.models import OrgUnitKind
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user

from .factories import CommitmentFactory, FocusAreaFactory, PlanFactory


@pytest.fixture
def group(db):
    """kommun > förvaltning A (enhet A1, enhet A2), förvaltning B (enhet B1)."""
    kommun = OrgUnitFactory(name="Kommun", kind=OrgUnitKind.MUNICIPALITY)
    a = OrgUnitFactory(name="Förvaltning A", kind=OrgUnitKind.ADMINISTRATION, parent=kommun)
    b = OrgUnitFactory(name="Förvaltning B", kind=OrgUnitKind.ADMINISTRATION, parent=kommun)
    a1 = OrgUnitFactory(name="Enhet A1", parent=a)
    a2 = OrgUnitFactory(name="Enhet A2", parent=a)
    b1 = OrgUnitFactory(name="Enhet B1", parent=b)
    return {"kommun": kommun, "A": a, "B": b, "A1": a1, "A2": a2, "B1": b1}


@pytest.fixture
def plan(db):
    plan = PlanFactory()
    commitments = [CommitmentFactory(plan=plan, number=n) for n in (1, 2, 3)]
    plan.test_commitments = commitments
    return plan


@pytest.fixture
def areas(db):
    return [FocusAreaFactory(name=n) for n in ("Kommunikation", "Medborgardialog", "Aktivt medborgarskap")]


@pytest.fixture
def coordinator(db):
    return hr_user(username="samordnare")


@pytest.fixture
def manager_a(group):
    """The manager of administration A: a unit planner limited to A's subtree."""
    person = PersonFactory(org_unit=group["A"], user=UserFactory(username="chef-a"))
    person.user.groups.add(Group.objects.get(name=UNIT_PLANNERS_GROUP))
    StaffScope.objects.create(user=person.user, org_unit=group["A"])
    return person.user


@pytest.fixture
def guide(group):
    """A democracy guide in B1, with no scope and no view permission."""
    person = PersonFactory(org_unit=group["B1"], user=UserFactory(username="vagledare"))
    person.user.groups.add(Group.objects.get(name=DEMOCRACY_GUIDES_GROUP))
    return person


@pytest.fixture(autouse=True)
def in_english():
    """Messages are asserted in English; the admin tests ask for Swedish where they read a page."""
    from django.utils import translation

    with translation.override("en"):
        yield
