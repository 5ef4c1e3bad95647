"""The plan's section of the public results page (/resultat/): commitments, indicators, focus
areas; no names, small groups hidden, a bounded number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.plans import demo
from lms.plans.measurements import COURSE_COMPLETION
from lms.plans.models import UnitYearPlan
from lms.plans.public import plan_section
from tests.factories import PersonFactory, UserFactory

from .factories import CommitmentFactory, IndicatorFactory, IndicatorValueFactory, PlanFactory


@pytest.fixture
def demo_plan(group):
    for unit in ("A1", "A2", "B1"):
        PersonFactory(org_unit=group[unit], user=UserFactory(first_name="Guidenamn", last_name=f"Efternamn{unit}"))
    demo.load()


def test_section_shows_the_demo_plan_without_any_guides_name(client, demo_plan):
    response = client.get("/resultat/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="plan-heading"' in html
    assert '<th scope="col">' in html and "<caption" in html
    year = timezone.localdate().year
    assert UnitYearPlan.objects.filter(year=year).exists()
    guides = UnitYearPlan.objects.exclude(guide=None).values_list("guide__user__last_name", flat=True)
    assert guides
    for guide in guides:
        assert guide not in html
    assert "Guidenamn" not in html
    assert "<script" not in html.split('id="plan-heading"')[1]


def test_section_in_english(client, demo_plan):
    response = client.get("/resultat/", headers={"accept-language": "en"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_a_course_completion_share_of_too_few_people_is_hidden(db, rf):
    plan = PlanFactory(start_year=timezone.localdate().year, end_year=timezone.localdate().year + 4)
    commitment = CommitmentFactory(plan=plan, number=1)
    small = IndicatorFactory(commitment=commitment, kind=COURSE_COMPLETION, target_year=plan.end_year)
    IndicatorValueFactory(indicator=small, value=Decimal("100"), measured_on=timezone.localdate())
    entered = IndicatorFactory(commitment=commitment, target_year=plan.end_year)
    IndicatorValueFactory(indicator=entered, value=Decimal("42"), measured_on=timezone.localdate())
    section = plan_section(rf.get("/resultat/"))
    (_commitment, shown) = section["rows"][0]
    by_name = {i.name: i for i in shown}
    assert by_name[small.name].hidden and by_name[small.name].latest is None
    assert not by_name[entered.name].hidden and by_name[entered.name].latest == Decimal("42")


def test_the_headline_says_how_many_indicators_reached_their_target(client, db, rf):
    """Issue 34: /resultat/ opens with whether the plan is on track, naming the plan with its period."""
    plan = PlanFactory(name="Handlingsplan för demokratiutveckling", start_year=2025, end_year=2030)
    commitment = CommitmentFactory(plan=plan, number=1)
    for value, target in (("80", "75"), ("40", "75"), (None, "75")):
        indicator = IndicatorFactory(commitment=commitment, target_value=Decimal(target), target_year=2030)
        if value is not None:
            IndicatorValueFactory(indicator=indicator, value=Decimal(value), measured_on=timezone.localdate())
    section = plan_section(rf.get("/resultat/"))
    assert section["tally"] == {"indicators": 3, "reached": 1, "not_reached": 1, "unknown": 1}
    html = " ".join(client.get("/resultat/").content.decode().split())
    headline = html.split('data-testid="plan-headline">', 1)[1].split("</p>", 1)[0]
    assert headline.startswith("Demokratiplanen (Handlingsplan för demokratiutveckling 2025–2030):")
    assert "av dess 3 indikatorer <strong>har 1 nått målet</strong>, 1 har inte nått det ännu och 1 har" in headline


def _queries_for(commitments: int, rf) -> int:
    plan = PlanFactory(start_year=timezone.localdate().year, end_year=timezone.localdate().year + 4)
    for number in range(1, commitments + 1):
        indicator = IndicatorFactory(commitment=CommitmentFactory(plan=plan, number=number), target_year=plan.end_year)
        IndicatorValueFactory(indicator=indicator, value=Decimal("50"), measured_on=timezone.localdate())
    with CaptureQueriesContext(connection) as queries:
        plan_section(rf.get("/resultat/"))
    return len(queries)


def test_queries_do_not_grow_with_the_commitments(db, rf):
    few = _queries_for(2, rf)
    assert few <= 8
    from lms.plans.models import Plan

    Plan.objects.all().delete()
    assert _queries_for(12, rf) == few
