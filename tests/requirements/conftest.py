import pytest

from lms.organisation.models import Audience, OrgUnitKind
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory


@pytest.fixture
def group(db):
    """kommun > förvaltning > enhet A, enhet B; bolag. A few people in each."""
    kommun = OrgUnitFactory(name="Kommun", kind=OrgUnitKind.MUNICIPALITY)
    forv = OrgUnitFactory(name="Förvaltning", kind=OrgUnitKind.ADMINISTRATION, parent=kommun)
    a = OrgUnitFactory(name="Enhet A", parent=forv)
    b = OrgUnitFactory(name="Enhet B", parent=forv)
    bolag = OrgUnitFactory(name="Bolag", kind=OrgUnitKind.COMPANY, parent=kommun)
    people = {
        "a_staff": PersonFactory(org_unit=a, audience=Audience.STAFF),
        "a_manager": PersonFactory(org_unit=a, audience=Audience.MANAGER),
        "b_staff": PersonFactory(org_unit=b, audience=Audience.STAFF),
        "forv_staff": PersonFactory(org_unit=forv, audience=Audience.STAFF),
        "bolag_staff": PersonFactory(org_unit=bolag, audience=Audience.STAFF),
        "politician": PersonFactory(org_unit=kommun, audience=Audience.POLITICIAN),
    }
    return {"kommun": kommun, "forv": forv, "a": a, "b": b, "bolag": bolag, **people}


@pytest.fixture
def course(home_page):
    course, lessons = make_course(title="Likabehandling", lessons=1)
    course.test_lessons = lessons
    return course
