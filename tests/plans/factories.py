"""Factories of the democracy plan."""

from datetime import date
from decimal import Decimal

import factory

from lms.plans.measurements import ENTERED
from lms.plans.models import (
    Activity,
    ActivityStatus,
    Commitment,
    CommitmentGroup,
    FocusArea,
    Indicator,
    IndicatorValue,
    Plan,
    UnitYearPlan,
)
from tests.factories import OrgUnitFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    name = "Handlingsplan för demokratiutveckling"
    decision_reference = factory.Sequence(lambda n: f"KF § {n}")
    decision_date = date(2025, 11, 24)
    start_year = 2026
    end_year = 2030


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    group = CommitmentGroup.INTERNAL
    text = factory.Sequence(lambda n: f"Åtagande nummer {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    commitment = factory.SubFactory(CommitmentFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    kind = ENTERED
    target_value = Decimal("80")
    target_year = 2030
    source = "Valmyndigheten"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    part = ""
    value = Decimal("75")
    measured_on = date(2026, 9, 13)
    source = "Valmyndigheten"


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Fokusområde {n}")


class UnitYearPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitYearPlan

    org_unit = factory.SubFactory(OrgUnitFactory)
    year = 2026
    focus_area = factory.SubFactory(FocusAreaFactory)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    unit_plan = factory.SubFactory(UnitYearPlanFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    focus_area = factory.SelfAttribute("unit_plan.focus_area")
    commitment = factory.SubFactory(CommitmentFactory)
    starts_on = date(2026, 3, 1)
    ends_on = date(2026, 3, 31)
    status = ActivityStatus.PLANNED
