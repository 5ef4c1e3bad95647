"""Factories of the elected representatives: bodies, terms (with the usual dates of their kind)
and assignments (through the service, so the rules hold)."""

import factory

from lms.politics import services
from lms.politics.models import Assignment, AssignmentRole, Body, BodyKind, Term, default_term_dates
from tests.factories import OrgUnitFactory, PersonFactory


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Nämnd {n}")
    code = factory.Sequence(lambda n: f"B{n:04d}")
    kind = BodyKind.COMMITTEE
    org_unit = factory.SubFactory(OrgUnitFactory)


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    body = factory.SubFactory(BodyFactory)
    election_year = 2026
    starts_on = factory.LazyAttribute(lambda t: default_term_dates(t.body.kind, t.election_year)[0])
    ends_on = factory.LazyAttribute(lambda t: default_term_dates(t.body.kind, t.election_year)[1])


class AssignmentFactory(factory.Factory):
    class Meta:
        model = Assignment

    person = factory.SubFactory(PersonFactory, audience="politician", employee_number=None)
    term = factory.SubFactory(TermFactory)
    role = AssignmentRole.MEMBER
    starts_on = None
    ends_on = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.assignment_save(assignment=model_class(**kwargs))
