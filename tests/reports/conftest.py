"""A small municipal group with hand-computed figures (see EXPECTED), and HR users.

kommun (K) > förvaltning (F) > avdelning (D) > enhet A, enhet B; bolag (C).
Two courses: c1 and c2. Today's figures, worked out by hand from the definitions in
lms/reports/selectors.py, are in EXPECTED (per unit including the units below, per course).
"""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from lms.courses.models import Enrolment
from lms.organisation.models import Audience, OrgUnitKind
from tests import factories
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory

FIELDS = ("required", "completed", "in_progress", "not_started", "overdue")

# unit -> course -> (required, completed, in progress, not started, overdue)
EXPECTED = {
    "A": {"c1": (3, 1, 0, 2, 1), "c2": (2, 0, 1, 1, 2)},
    "B": {"c1": (1, 1, 0, 0, 0)},
    "D": {"c1": (5, 2, 1, 2, 1), "c2": (2, 0, 1, 1, 2)},
    "F": {"c1": (6, 3, 1, 2, 1), "c2": (2, 0, 1, 1, 2)},
    "C": {"c1": (1, 0, 0, 1, 0)},
    "K": {"c1": (7, 3, 1, 3, 1), "c2": (2, 0, 1, 1, 2)},
}


def month_start(months_ago: int, day: int = 1, hour: int = 12):
    today = timezone.localdate()
    year, month = today.year, today.month - months_ago
    while month < 1:
        year, month = year - 1, month + 12
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def world(home_page):
    today = timezone.localdate()
    past, future = today - timedelta(days=1), today + timedelta(days=30)
    now = timezone.now()
    K = OrgUnitFactory(name="Kommun", kind=OrgUnitKind.MUNICIPALITY)
    F = OrgUnitFactory(name="Förvaltning", kind=OrgUnitKind.ADMINISTRATION, parent=K)
    D = OrgUnitFactory(name="Avdelning", kind=OrgUnitKind.DEPARTMENT, parent=F)
    A = OrgUnitFactory(name="Enhet A", parent=D)
    B = OrgUnitFactory(name="Enhet B", parent=D)
    C = OrgUnitFactory(name="Bolaget", kind=OrgUnitKind.COMPANY, parent=K)
    c1, _ = make_course(title="Demokrati", lessons=1)
    c2, _ = make_course(title="Likabehandling", lessons=1)

    def person(unit, last, audience=Audience.STAFF, active=True):
        user = UserFactory(first_name="Test", last_name=last)
        p = PersonFactory(user=user, org_unit=unit, audience=audience)
        if not active:
            p.is_active, p.deactivated_at = False, now
            p.save()
        return p

    def enrol(p, course, cycle=1, required=True, due=None, started=None, completed=None):
        return Enrolment.objects.create(
            person=p,
            course=course,
            cycle=cycle,
            source="assigned" if required else "self",
            is_required=required,
            due_date=due,
            started_at=started or completed,
            completed_at=completed,
        )

    this_month = month_start(0)
    people = {
        "a1": person(A, "Ahlberg"),
        "a2": person(A, "Berg"),
        "a3": person(A, "Carlsson", Audience.MANAGER),
        "a4": person(A, "Dahl", active=False),  # left: counts only in completions over time
        "b1": person(B, "Ek"),
        "b2": person(B, "Falk"),  # moved here from A: no longer required
        "d1": person(D, "Gran", Audience.MANAGER),
        "f1": person(F, "Holm", Audience.POLITICIAN),
        "c1p": person(C, "Ivarsson"),
    }
    p = people
    enrol(p["a1"], c1, due=past, completed=this_month)
    enrol(p["a1"], c2, due=past, started=now)  # in progress, overdue
    enrol(p["a2"], c1, due=future)  # not started
    enrol(p["a2"], c2, cycle=1, due=today - timedelta(days=500), completed=month_start(14))  # old cycle
    enrol(p["a2"], c2, cycle=2, due=past)  # renewed: current cycle not started, overdue
    enrol(p["a3"], c1, due=past)  # not started, overdue
    enrol(p["a4"], c1, due=past, completed=month_start(1))
    enrol(p["b1"], c1, due=future, completed=this_month)
    enrol(p["b2"], c1, required=False, due=past)  # marked not required when they moved
    enrol(p["b2"], c2, required=False, completed=this_month)  # self-enrolled
    enrol(p["d1"], c1, due=future, started=now)
    enrol(p["f1"], c1, due=future, completed=month_start(2))
    enrol(p["c1p"], c1)  # no due date: never overdue
    return {"units": {"K": K, "F": F, "D": D, "A": A, "B": B, "C": C}, "courses": {"c1": c1, "c2": c2}, **people}


@pytest.fixture
def hr_user(db):
    return factories.hr_user(username="hr-all")


@pytest.fixture
def scoped_hr_user(world):
    """HR limited to the department D (units A and B below it)."""
    return factories.hr_user(username="hr-d", scope=world["units"]["D"])


@pytest.fixture
def refreshed(world):
    from lms.reports.services import summary_refresh

    summary_refresh()
    return world
