import pytest

from lms.organisation.models import Audience, OrgUnitKind
from tests.certificates.factories import make_certificate_course
from tests.factories import OrgUnitFactory, PersonFactory


@pytest.fixture
def group(db):
    """kommun > enhet A, enhet B, one person in each unit (employee numbers 1001, 2001)."""
    kommun = OrgUnitFactory(name="Kommun", kind=OrgUnitKind.MUNICIPALITY)
    a = OrgUnitFactory(name="Enhet A", parent=kommun)
    b = OrgUnitFactory(name="Enhet B", parent=kommun)
    return {
        "kommun": kommun,
        "a": a,
        "b": b,
        "anna": PersonFactory(org_unit=a, audience=Audience.STAFF, employee_number="1001", user__first_name="Anna"),
        "bo": PersonFactory(org_unit=b, audience=Audience.STAFF, employee_number="2001", user__first_name="Bo"),
    }


@pytest.fixture
def course(home_page):
    course, _lessons = make_certificate_course(title="Likabehandling", validity_months=12)
    return course
