import pytest

from lms.organisation.models import OrgUnitKind
from tests.factories import OrgUnitFactory, PersonFactory


@pytest.fixture
def group(db, home_page):
    """Ekbacka kommun with two administrations (A, B) of one unit each, and a committee."""
    root = OrgUnitFactory(name="Ekbacka kommun", kind=OrgUnitKind.MUNICIPALITY)
    adm_a = OrgUnitFactory(parent=root, name="Förvaltning A", kind=OrgUnitKind.ADMINISTRATION)
    adm_b = OrgUnitFactory(parent=root, name="Förvaltning B", kind=OrgUnitKind.ADMINISTRATION)
    unit_a = OrgUnitFactory(parent=adm_a, name="Enhet A1")
    unit_b = OrgUnitFactory(parent=adm_b, name="Enhet B1")
    committee = OrgUnitFactory(parent=root, name="Nämnd", kind=OrgUnitKind.COMMITTEE)
    return {"root": root, "adm_a": adm_a, "adm_b": adm_b, "unit_a": unit_a, "unit_b": unit_b, "committee": committee}


@pytest.fixture
def people(group):
    """Seven people in A1 and six in B1."""
    return {
        "a": [PersonFactory(org_unit=group["unit_a"]) for _ in range(7)],
        "b": [PersonFactory(org_unit=group["unit_b"]) for _ in range(6)],
    }
