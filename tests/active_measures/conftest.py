"""A municipal group with two employers: the municipality (two administrations) and a company under it;
a course on equal treatment required of its people, some completed individually, some in a group session."""

from dataclasses import dataclass
from datetime import datetime

import pytest
from django.utils import timezone

from lms.courses.models import CompletionRoute, CoursePage, Enrolment
from lms.organisation.models import OrgUnit, OrgUnitKind, Person
from lms.reports.services import summary_refresh
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory


@dataclass
class Group:
    kommun: OrgUnit
    a: OrgUnit
    a1: OrgUnit
    a2: OrgUnit
    b: OrgUnit
    b1: OrgUnit
    c1: OrgUnit
    bolag: OrgUnit
    bolag_unit: OrgUnit
    course: CoursePage
    other_course: CoursePage
    people: list[Person]
    year: int


def _required(people, course, *, done=0, in_group=0, year):
    """One required enrolment each; the first ``in_group`` completed in a group session, the next ``done``
    individually, all in ``year``."""
    completed_at = timezone.make_aware(datetime(year, 5, 4, 10, 0))
    for index, person in enumerate(people):
        route = CompletionRoute.GROUP_SESSION if index < in_group else CompletionRoute.COURSE
        finished = index < in_group + done
        Enrolment.objects.create(
            person=person,
            course=course,
            is_required=True,
            completed_at=completed_at if finished else None,
            completed_via=route if finished else CompletionRoute.COURSE,
        )


@pytest.fixture
def group(db):
    year = timezone.localdate().year - 1
    kommun = OrgUnitFactory(name="Kommunen", kind=OrgUnitKind.MUNICIPALITY)
    a = OrgUnitFactory(name="Förvaltning A", kind=OrgUnitKind.ADMINISTRATION, parent=kommun)
    a1 = OrgUnitFactory(name="Enhet A1", parent=a)
    a2 = OrgUnitFactory(name="Enhet A2", parent=a)
    b = OrgUnitFactory(name="Förvaltning B", kind=OrgUnitKind.ADMINISTRATION, parent=kommun)
    b1 = OrgUnitFactory(name="Enhet B1", parent=b)
    c = OrgUnitFactory(name="Förvaltning C", kind=OrgUnitKind.ADMINISTRATION, parent=kommun)
    c1 = OrgUnitFactory(name="Enhet C1", parent=c)
    bolag = OrgUnitFactory(name="Bostadsbolaget AB", kind=OrgUnitKind.COMPANY, parent=kommun)
    bolag_unit = OrgUnitFactory(name="Förvaltning av fastigheter", parent=bolag)
    course, _lessons = make_course(title="Likabehandling och diskriminering", lessons=1)
    other, _lessons = make_course(title="Brandskydd", lessons=1)
    a1_people = [PersonFactory(org_unit=a1) for _ in range(8)]
    a2_people = [PersonFactory(org_unit=a2) for _ in range(6)]
    b1_people = [PersonFactory(org_unit=b1) for _ in range(7)]
    c1_people = [PersonFactory(org_unit=c1) for _ in range(6)]
    bolag_people = [PersonFactory(org_unit=bolag_unit) for _ in range(9)]
    _required(a1_people, course, in_group=3, done=2, year=year)
    _required(a2_people, course, done=3, year=year)
    _required(b1_people[:2], course, done=1, year=year)  # two required: a small group
    _required(c1_people, course, done=2, year=year)
    _required(bolag_people, course, in_group=4, done=1, year=year)
    _required(a1_people, other, done=8, year=year)
    summary_refresh()
    return Group(
        kommun=kommun,
        a=a,
        a1=a1,
        a2=a2,
        b=b,
        b1=b1,
        c1=c1,
        bolag=bolag,
        bolag_unit=bolag_unit,
        course=course,
        other_course=other,
        people=a1_people + a2_people + b1_people + c1_people + bolag_people,
        year=year,
    )


@pytest.fixture(autouse=True)
def in_swedish(settings):
    settings.LANGUAGE_CODE = "sv"
