"""The reports' filter form against values from the URL: keys beyond the database's integers and
dates beyond a sane period are form errors (the filter ignored), never a 500 or a page of
thousands of months."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from lms.core.forms import MAX_ID
from lms.reports import selectors
from lms.reports.forms import EARLIEST_DATE, ReportFilterForm, latest_date, parse_filters

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
REPORTS = ("reports_overview", "reports_enrolments", "reports_overdue")


@pytest.fixture
def hr(client, hr_user, refreshed):
    client.force_login(hr_user)
    return client


def report_urls(world):
    return [reverse(name) for name in REPORTS] + [reverse("reports_unit", args=[world["units"]["A"].pk])]


@pytest.mark.parametrize("value", [HUGE, str(2**63), "0", "-1", "abc", "1.5"])
def test_a_course_key_out_of_range_is_an_ignored_filter_not_a_500(hr, refreshed, value):
    for url in report_urls(refreshed):
        response = hr.get(url, {"course": value})
        assert response.status_code == 200, url
        assert response.context["form"].errors["course"], url
        assert response.context["report_filters"].course is None, url
        assert hr.get(url, {"course": value, "export": "csv"}).status_code == 200, url


def test_the_largest_key_is_only_an_unknown_course(hr, refreshed):
    response = hr.get(reverse("reports_enrolments"), {"course": str(MAX_ID)})
    assert response.status_code == 200 and response.context["form"].errors["course"]


def test_a_unit_key_out_of_range_is_a_404_like_any_unit_not_in_scope(hr, refreshed):
    for name in REPORTS:
        assert hr.get(reverse(name), {"unit": HUGE}).status_code == 404, name


def test_a_target_with_a_course_key_out_of_range_is_a_form_error(hr, refreshed):
    response = hr.post(
        reverse("reports_coursetarget:add"),
        {"course": HUGE, "percent": 50, "by_date": "2030-01-01", "org_unit": HUGE},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"course", "org_unit"}


def test_dates_outside_the_period_are_refused_with_a_clear_message(world):
    too_late = latest_date() + timedelta(days=1)
    for name, value in [
        ("date_to", "9999-12-31"),
        ("date_to", "9999-12-30"),
        ("date_from", "0001-01-01"),
        ("date_from", "1999-12-31"),
        ("date_to", too_late.isoformat()),
    ]:
        with override("sv"):
            form = ReportFilterForm({name: value}, scope=selectors.WHOLE_GROUP)
            assert not form.is_valid()
            assert form.errors[name] == [
                f"Välj ett datum mellan {EARLIEST_DATE.isoformat()} och {latest_date().isoformat()}."
            ], value
    assert ReportFilterForm(
        {"date_from": EARLIEST_DATE.isoformat(), "date_to": "2009-12-31"}, scope=selectors.WHOLE_GROUP
    ).is_valid()
    assert ReportFilterForm(
        {"date_to": latest_date().isoformat(), "date_from": (latest_date() - timedelta(days=300)).isoformat()},
        scope=selectors.WHOLE_GROUP,
    ).is_valid()


def test_a_period_longer_than_ten_years_is_refused(world):
    with override("sv"):
        form = ReportFilterForm({"date_from": "2010-01-01", "date_to": "2020-01-01"}, scope=selectors.WHOLE_GROUP)
        assert form.errors["date_from"] == ["Perioden får vara högst 10 år lång."]
        # An empty end is today, an empty start twelve months back: as in the chart.
        form = ReportFilterForm({"date_from": EARLIEST_DATE.isoformat()}, scope=selectors.WHOLE_GROUP)
        assert form.errors["date_from"] == ["Perioden får vara högst 10 år lång."]
        form = ReportFilterForm({"date_to": latest_date().isoformat()}, scope=selectors.WHOLE_GROUP)
        assert form.errors["date_to"] == ["Perioden får vara högst 10 år lång."]
    ten_years = ReportFilterForm({"date_from": "2010-01-01", "date_to": "2019-12-31"}, scope=selectors.WHOLE_GROUP)
    assert ten_years.is_valid()
    _form, filters = parse_filters(
        scope=selectors.WHOLE_GROUP, data={"date_from": "2010-01-01", "date_to": "2020-01-01"}
    )
    assert (filters.date_from, filters.date_to) == (None, date(2020, 1, 1))  # the start is dropped


@pytest.mark.parametrize(
    "params",
    [
        {"date_to": "9999-12-31"},
        {"date_to": "9999-12-30"},
        {"date_from": "0001-01-01"},
        {"date_from": "0002-01-01"},
        {"date_from": "2000-01-01", "date_to": "9999-12-31"},
    ],
)
def test_report_pages_with_such_dates_answer_with_a_short_chart(hr, refreshed, params):
    for url in report_urls(refreshed):
        response = hr.get(url, params)
        assert response.status_code == 200, url
        if "date_from" in response.context["form"].fields:  # not the overview
            assert response.context["form"].errors, url
        if "series" in response.context:
            assert 0 < len(response.context["series"]) <= selectors.MAX_SERIES_MONTHS, url
        assert len(response.content) < 400_000, url


def test_a_ten_year_period_charts_120_months(hr, refreshed):
    response = hr.get(reverse("reports_enrolments"), {"date_from": "2010-01-01", "date_to": "2019-12-31"})
    series = response.context["series"]
    assert len(series) == 120 and series[0][0] == date(2010, 1, 1) and series[-1][0] == date(2019, 12, 1)


def test_the_chart_keeps_the_last_ten_years_of_a_longer_period(refreshed):
    today = timezone.localdate()
    series = selectors.monthly_completions(scope=selectors.WHOLE_GROUP, date_from=EARLIEST_DATE, date_to=today)
    assert len(series) == selectors.MAX_SERIES_MONTHS
    assert series[-1][0] == today.replace(day=1)
    assert sum(n for _month, n in series) == 6  # every completion in the fixture, the old cycle too
    assert selectors.months_in(date(2026, 1, 31), date(2026, 2, 1)) == 2
