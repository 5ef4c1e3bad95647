"""The annex's attitude surveys (only released answers, kept under the employer's units, none under five,
never free text) and the democracy plan's activities (the employer's units, the year, the chosen commitments)."""

from datetime import date

import pytest

from lms.active_measures import selectors
from lms.active_measures.models import Annex
from lms.active_measures.rendering import annex_html, annex_xlsx
from lms.plans.models import ActivityStatus
from lms.surveys import services as survey_services
from tests.plans.factories import ActivityFactory, CommitmentFactory, PlanFactory, UnitYearPlanFactory
from tests.surveys.factories import answers, make_survey, release

from .test_annex import xlsx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(group, home_page):
    survey = make_survey(title="Likabehandling i vardagen")
    municipality = [p for p in group.people if p.org_unit in (group.a1, group.a2)][:6]
    company = [p for p in group.people if p.org_unit == group.bolag_unit][:3]
    for index, person in enumerate(municipality + company):
        comment = "Min chef Gunnel Ytterström" if index == 0 else ""
        survey_services.survey_answer(survey=survey, person=person, answers=answers(policy="5", comment=comment))
    release(survey)
    return survey


def test_released_results_are_counted_per_employer_and_small_ones_hidden(group, survey):
    municipality = Annex.objects.create(employer=group.kommun, year=group.year, introduction="I")
    municipality.surveys.set([survey])
    [line] = selectors.annex_data(annex=municipality).surveys
    assert line.respondents == 6 and not line.hidden
    policy = next(q for q in line.questions if q.key == "policy-known")
    assert policy.answered == 6 and {c.key: c.percent for c in policy.choices}["5"] == 100
    assert all(q.kind != "free_text" for q in line.questions)
    html = annex_html(data=selectors.annex_data(annex=municipality))
    assert "Jag känner till likabehandlingspolicyn." in html and "Ytterström" not in html
    assert "Ytterström" not in xlsx_text(annex_xlsx(data=selectors.annex_data(annex=municipality)))

    company = Annex.objects.create(employer=group.bolag, year=group.year, introduction="I")
    company.surveys.set([survey])
    [line] = selectors.annex_data(annex=company).surveys
    assert line.hidden and all(q.hidden and not q.choices for q in line.questions)
    html = annex_html(data=selectors.annex_data(annex=company))
    assert "Färre än fem hos den här arbetsgivaren har svarat" in html
    assert "Färre än fem har svarat: visas inte." in xlsx_text(annex_xlsx(data=selectors.annex_data(annex=company)))


def test_activities_of_the_employers_units_in_the_year_serving_the_chosen_commitments(group):
    plan = PlanFactory(start_year=group.year - 1, end_year=group.year + 1)
    equal, other = CommitmentFactory(plan=plan, number=3), CommitmentFactory(plan=plan, number=4)
    in_a = UnitYearPlanFactory(org_unit=group.a1, year=group.year)
    in_company = UnitYearPlanFactory(org_unit=group.bolag_unit, year=group.year)
    earlier = UnitYearPlanFactory(org_unit=group.a2, year=group.year - 1)
    on = date(group.year, 3, 1)
    ActivityFactory(unit_plan=in_a, commitment=equal, title="Workshop om likabehandling", starts_on=on, ends_on=on)
    ActivityFactory(unit_plan=in_a, commitment=other, title="Dialogmöte", starts_on=on, ends_on=on)
    ActivityFactory(unit_plan=in_company, commitment=equal, title="Bolagets workshop", starts_on=on, ends_on=on)
    before = date(group.year - 1, 3, 1)
    ActivityFactory(
        unit_plan=earlier,
        commitment=equal,
        title="Fjolårets workshop",
        starts_on=before,
        ends_on=before,
        status=ActivityStatus.DONE,
        evaluation="Bra.",
    )
    annex = Annex.objects.create(employer=group.kommun, year=group.year, introduction="I")
    annex.commitments.set([equal])
    data = selectors.annex_data(annex=annex)
    assert [a.title for a in data.activities] == ["Workshop om likabehandling"]
    company = Annex.objects.create(employer=group.bolag, year=group.year, introduction="I")
    company.commitments.set([equal])
    assert [a.title for a in selectors.annex_data(annex=company).activities] == ["Bolagets workshop"]
