"""The plan, its indicators and their measurements, the units' choices and activities, and bad
input refused with a clear message and nothing saved (issue 16, parts 1, 2 and 7)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.organisation.models import Audience
from lms.plans import measurements, services
from lms.plans.forms import ActivityForm, IndicatorForm, PlanForm, UnitYearPlanForm
from lms.plans.models import Activity, ActivityStatus, Indicator, IndicatorCombine, IndicatorValue, UnitYearPlan
from lms.plans.selectors import indicator_follow_ups
from lms.reports.models import CompletionSummary
from lms.requirements.models import Registration, TrainingEvent
from tests.courses.factories import make_course
from tests.factories import PersonFactory

from .factories import ActivityFactory, IndicatorFactory, IndicatorValueFactory, UnitYearPlanFactory

pytestmark = pytest.mark.django_db


# --- The plan and its indicators --------------------------------------------------------------


def test_a_plan_must_end_after_it_starts(coordinator):
    form = PlanForm(
        data={
            "name": "Plan",
            "decision_reference": "KF § 1",
            "decision_date": "2025-01-01",
            "start_year": 2030,
            "end_year": 2026,
        },
        for_user=coordinator,
    )
    assert not form.is_valid()
    assert form.errors["end_year"] == ["The period must end in or after the year it starts."]


def indicator_data(commitment, **overrides):
    data = {
        "commitment": commitment.pk,
        "name": "Valdeltagande per valdistrikt",
        "kind": measurements.ENTERED,
        "target_value": "80",
        "target_year": "2030",
        "unit_label": "%",
        "combine": IndicatorCombine.LOWEST,
        "source": "Valmyndigheten",
    }
    data.update(overrides)
    return data


def test_an_indicator_without_a_target_year_is_refused_and_not_saved(plan, coordinator):
    form = IndicatorForm(data=indicator_data(plan.test_commitments[0], target_year=""), for_user=coordinator)
    assert not form.is_valid()
    assert form.errors["target_year"] == ["This field is required."]
    assert not Indicator.objects.exists()


def test_an_indicator_target_year_outside_the_plan_is_refused(plan, coordinator):
    form = IndicatorForm(data=indicator_data(plan.test_commitments[0], target_year="2035"), for_user=coordinator)
    assert not form.is_valid()
    assert form.errors["target_year"] == ["The target year must be within the plan's period, 2026–2030."]


def test_a_measured_indicator_needs_its_courses(plan, coordinator):
    form = IndicatorForm(
        data=indicator_data(plan.test_commitments[0], kind=measurements.COURSE_COMPLETION), for_user=coordinator
    )
    assert not form.is_valid()
    assert form.errors["courses"] == ["Choose the course or courses this indicator counts."]


def test_the_kinds_offered_are_the_registry(plan, coordinator):
    form = IndicatorForm(for_user=coordinator)
    assert [key for key, _label in form.fields["kind"].choices] == [
        measurements.COURSE_COMPLETION,
        measurements.EVENT_ATTENDANCE,
        measurements.SURVEY_AGREEMENT,
        measurements.ENTERED,
    ]


def test_an_indicator_is_saved_with_its_courses_through_the_form(plan, coordinator, home_page):
    course, _lessons = make_course(title="Demokratins grunder", lessons=1)
    form = IndicatorForm(
        data=indicator_data(plan.test_commitments[1], kind=measurements.COURSE_COMPLETION, courses=[course.pk]),
        for_user=coordinator,
    )
    assert form.is_valid(), form.errors
    indicator = form.save()
    assert list(indicator.courses.all()) == [course.specific]


def test_course_completion_is_read_from_the_roll_up_in_the_part_and_audience(plan, group, home_page):
    first, _ = make_course(title="Demokrati ett", lessons=1)
    second, _ = make_course(title="Demokrati två", lessons=1)
    other, _ = make_course(title="Annat", lessons=1)
    rows = [
        (group["A1"], first, Audience.STAFF, 10, 7),
        (group["A2"], second, Audience.STAFF, 10, 5),
        (group["A2"], first, Audience.MANAGER, 4, 4),  # another audience
        (group["B1"], first, Audience.STAFF, 10, 0),  # another part of the group
        (group["A1"], other, Audience.STAFF, 10, 0),  # another course
    ]
    for unit, course, audience, required, completed in rows:
        CompletionSummary.objects.create(
            org_unit=unit, course=course, audience=audience, required=required, completed=completed
        )
    indicator = IndicatorFactory(
        commitment=plan.test_commitments[1],
        kind=measurements.COURSE_COMPLETION,
        org_unit=group["A"],
        audience=Audience.STAFF,
    )
    indicator.courses.set([first, second])
    assert measurements.measure(indicator, on=timezone.localdate()) == Decimal("60.0")  # 12 of 20
    indicator.audience = ""
    assert measurements.measure(indicator, on=timezone.localdate()) == Decimal("66.7")  # 16 of 24


def test_attendance_counts_people_who_attended_events_of_the_courses_that_year(plan, group, home_page):
    course, _ = make_course(title="Seminarier", lessons=1)
    now = timezone.now()
    event = TrainingEvent.objects.create(
        title="Seminarium", course=course, starts_at=now, ends_at=now + timedelta(hours=2), place="Stadshuset", seats=9
    )
    people = [PersonFactory(org_unit=group["A1"]) for _ in range(3)]
    for person, attended in zip(people, (True, True, False), strict=True):
        Registration.objects.create(event=event, person=person, attended=attended)
    indicator = IndicatorFactory(commitment=plan.test_commitments[1], kind=measurements.EVENT_ATTENDANCE)
    indicator.courses.set([course])
    assert measurements.measure(indicator, on=timezone.localdate()) == Decimal(2)


def test_measurements_are_recorded_once_a_day_for_the_follow_up(plan, group, home_page):
    course, _ = make_course(title="Demokrati", lessons=1)
    CompletionSummary.objects.create(org_unit=group["A1"], course=course, audience="staff", required=4, completed=1)
    indicator = IndicatorFactory(commitment=plan.test_commitments[0], kind=measurements.COURSE_COMPLETION)
    indicator.courses.set([course])
    IndicatorFactory(commitment=plan.test_commitments[0])  # entered: not measured
    today = date(2026, 12, 3)
    assert services.indicator_measurements_record(on=today) == 1
    assert services.indicator_measurements_record(on=today) == 1
    (value,) = IndicatorValue.objects.all()
    assert (value.indicator, value.value, value.measured_on, value.source) == (
        indicator,
        Decimal("25.0"),
        today,
        "Plattformen",
    )


def test_several_figures_of_a_date_combine_as_the_indicator_says(plan):
    indicator = IndicatorFactory(commitment=plan.test_commitments[0], combine=IndicatorCombine.LOWEST)
    on = date(2026, 9, 13)
    for part, value in (("Centrum", "84.5"), ("Norr", "71.0"), ("Söder", "79.9")):
        IndicatorValueFactory(indicator=indicator, part=part, value=Decimal(value), measured_on=on)
    (follow_up,) = indicator_follow_ups([indicator])
    (point,) = follow_up.points
    assert (point.value, point.parts, point.below_target) == (Decimal("71.0"), 3, 2)
    assert follow_up.reached is False
    indicator.combine = IndicatorCombine.AVERAGE
    (follow_up,) = indicator_follow_ups([indicator])
    assert follow_up.points[0].value == Decimal("78.47")


# --- Units' choices and activities ------------------------------------------------------------


def test_a_unit_choosing_twice_for_a_year_gets_a_message_and_nothing_changes(group, areas, coordinator):
    UnitYearPlanFactory(org_unit=group["A1"], year=2027, focus_area=areas[0])
    form = UnitYearPlanForm(
        data={"org_unit": group["A1"].pk, "year": 2027, "focus_area": areas[1].pk}, for_user=coordinator
    )
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "Enhet A1 has already chosen its focus area for 2027: change that choice instead."
    ]
    assert list(UnitYearPlan.objects.values_list("focus_area", flat=True)) == [areas[0].pk]


def test_the_database_refuses_a_second_choice_too(group, areas):
    UnitYearPlanFactory(org_unit=group["A1"], year=2027, focus_area=areas[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitYearPlan.objects.create(org_unit=group["A1"], year=2027, focus_area=areas[1])


def activity_data(unit_plan, commitment, **overrides):
    data = {
        "unit_plan": unit_plan.pk,
        "title": "Dialogmöte med unga",
        "focus_area": unit_plan.focus_area_id,
        "commitment": commitment.pk,
        "starts_on": "2026-04-01",
        "ends_on": "2026-04-01",
        "status": ActivityStatus.PLANNED,
    }
    data.update(overrides)
    return data


def test_an_activity_outside_the_plans_period_is_refused(plan, group, areas, coordinator):
    unit_plan = UnitYearPlanFactory(org_unit=group["A1"], year=2026, focus_area=areas[0])
    plan.start_year = 2027
    plan.save()
    form = ActivityForm(data=activity_data(unit_plan, plan.test_commitments[0]), for_user=coordinator)
    assert not form.is_valid()
    assert form.errors["starts_on"] == ["The activity must take place within the plan's period, 2027–2030."]
    assert not Activity.objects.exists()


def test_an_activity_starts_in_its_units_year_and_ends_after_it_starts(plan, group, areas, coordinator):
    unit_plan = UnitYearPlanFactory(org_unit=group["A1"], year=2026, focus_area=areas[0])
    form = ActivityForm(
        data=activity_data(unit_plan, plan.test_commitments[0], starts_on="2027-02-01", ends_on="2027-01-01"),
        for_user=coordinator,
    )
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["The activity must end on or after the day it starts."]
    assert form.errors["starts_on"] == ["The activity must start in 2026, its unit's plan year."]


def test_a_done_activity_needs_its_evaluation_in_the_form_and_in_the_database(plan, group, areas, coordinator):
    unit_plan = UnitYearPlanFactory(org_unit=group["A1"], year=2026, focus_area=areas[0])
    form = ActivityForm(
        data=activity_data(unit_plan, plan.test_commitments[0], status=ActivityStatus.DONE), for_user=coordinator
    )
    assert not form.is_valid()
    assert form.errors["evaluation"] == ["Write a short evaluation when the activity is done."]
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(unit_plan=unit_plan, commitment=plan.test_commitments[0], status=ActivityStatus.DONE)
    form = ActivityForm(
        data=activity_data(
            unit_plan, plan.test_commitments[0], status=ActivityStatus.DONE, evaluation="Trettio kom.", participants=30
        ),
        for_user=coordinator,
    )
    assert form.is_valid(), form.errors
    assert form.save().participants == 30


def test_the_service_checks_what_the_form_checks(plan, group, areas):
    unit_plan = UnitYearPlanFactory(org_unit=group["A1"], year=2026, focus_area=areas[0])
    activity = Activity(
        unit_plan=unit_plan,
        title="Utan utvärdering",
        focus_area=areas[0],
        commitment=plan.test_commitments[0],
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 1),
        status=ActivityStatus.DONE,
    )
    with pytest.raises(ValidationError):
        services.row_save(instance=activity)
    assert not Activity.objects.exists()
