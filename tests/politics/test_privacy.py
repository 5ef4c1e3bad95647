"""Assignments in the register extract, and erased with the person (see lms/politics/privacy.py
on retention): the body, role and term would name them again in the public record."""

import pytest
from django.utils import translation

from lms.access import privacy
from lms.organisation import services as org_services
from lms.politics.models import Assignment, AssignmentRole, BodyKind, EndReason
from lms.politics.services import assignment_end

from .factories import AssignmentFactory

pytestmark = pytest.mark.django_db


def section(person):
    (found,) = [s for s in privacy.person_extract(person)["sections"] if s["key"] == "politics"]
    return found


def test_the_extract_lists_every_assignment_and_nobody_elses():
    first = AssignmentFactory(term__body__name="Kommunfullmäktige", term__body__kind=BodyKind.COUNCIL)
    person = first.person
    chair = AssignmentFactory(person=person, role=AssignmentRole.CHAIR, term__body__name="Socialnämnden")
    assignment_end(assignment=chair, ends_on=chair.term.starts_on.replace(year=2028), reason=EndReason.RESIGNED)
    AssignmentFactory(term=first.term)  # someone else
    with translation.override("sv"):
        data = section(person)
    assert data["label"] == "Uppdrag som förtroendevald"
    assert data["data"]["assignments"] == [
        {
            "body": "Kommunfullmäktige",
            "role": "Ledamot",
            "term": "2026–2030",
            "starts_on": "2026-10-15",
            "ends_on": "2030-10-14",
            "end_reason": None,
        },
        {
            "body": "Socialnämnden",
            "role": "Ordförande",
            "term": "2026–2030",
            "starts_on": "2027-01-01",
            "ends_on": "2028-01-01",
            "end_reason": "Entledigad på egen begäran",
        },
    ]


def test_erasure_deletes_the_persons_assignments_only():
    mine = AssignmentFactory()
    other = AssignmentFactory(term=mine.term)
    org_services.person_erase(person=mine.person)
    assert list(Assignment.objects.all()) == [other]
    assert section(mine.person)["data"] == {"assignments": []}
