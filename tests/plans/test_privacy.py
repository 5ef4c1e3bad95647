"""The democracy guide is a person: the register extract shows the units' plans naming them, and
erasure takes them off those plans while the units' choices and activities stay."""

import pytest

from lms.access import privacy
from lms.organisation import services as organisation_services
from lms.plans.models import Activity, UnitYearPlan

from .factories import ActivityFactory, UnitYearPlanFactory

pytestmark = pytest.mark.django_db


def plans_section(person):
    extract = privacy.person_extract(person)
    return next(s["data"] for s in extract["sections"] if s["key"] == "plans")


def test_the_extract_lists_the_units_the_person_guides(group, areas, guide, plan):
    UnitYearPlanFactory(org_unit=group["B1"], year=2026, focus_area=areas[1], guide=guide)
    UnitYearPlanFactory(org_unit=group["A1"], year=2026, focus_area=areas[0])  # another guide's: none
    (row,) = plans_section(guide)["democracy_guide_for"]
    assert (row["org_unit"], row["year"], row["focus_area"]) == ("Enhet B1", 2026, "Medborgardialog")


def test_erasure_removes_the_guide_and_keeps_the_units_work(group, areas, guide, plan):
    unit_plan = UnitYearPlanFactory(org_unit=group["B1"], year=2026, focus_area=areas[1], guide=guide)
    ActivityFactory(unit_plan=unit_plan, commitment=plan.test_commitments[0])
    organisation_services.person_erase(person=guide)
    unit_plan.refresh_from_db()
    assert unit_plan.guide is None
    assert UnitYearPlan.objects.count() == 1 and Activity.objects.count() == 1
    assert plans_section(guide) == {"democracy_guide_for": [], "council_reports": []}
