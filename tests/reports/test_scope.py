"""An HR user limited to department D sees D and the units below it, and nothing else: not in
lists, drill-downs, exports, targets, filters or URLs. One selector decides (scope_for_user)."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from lms.reports import selectors
from lms.reports.models import CourseTarget

from .conftest import EXPECTED

pytestmark = pytest.mark.django_db

OUTSIDE = ("K", "F", "C")


@pytest.fixture
def scoped(client, scoped_hr_user, refreshed):
    client.force_login(scoped_hr_user)
    return client


def body(response) -> str:
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_the_one_rule(scoped_hr_user, hr_user, refreshed):
    assert selectors.scope_for_user(user=scoped_hr_user).unit == refreshed["units"]["D"]
    assert selectors.scope_for_user(user=hr_user).unit is None
    from tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        selectors.scope_for_user(user=UserFactory(username="nobody"))


def test_overview_starts_at_the_scope_and_totals_only_it(scoped, refreshed):
    response = scoped.get(reverse("reports_overview"))
    breakdown = response.context["breakdown"]
    assert [(r.unit.name, r.is_direct) for r in breakdown.rows] == [
        ("Avdelning", True),
        ("Enhet A", False),
        ("Enhet B", False),
    ]
    c1 = refreshed["courses"]["c1"]
    assert breakdown.course_totals[c1.pk].required == EXPECTED["D"]["c1"][0]
    html = response.content.decode()
    for name in ("Bolaget", "Holm", "Ivarsson"):
        assert name not in html


@pytest.mark.parametrize("key", OUTSIDE)
def test_units_outside_the_scope_are_404_in_urls_filters_and_exports(scoped, refreshed, key):
    unit = refreshed["units"][key]
    assert scoped.get(reverse("reports_unit", args=[unit.pk])).status_code == 404
    assert scoped.get(reverse("reports_unit", args=[unit.pk]), {"export": "xlsx"}).status_code == 404
    for name in ("reports_overview", "reports_enrolments", "reports_overdue"):
        assert scoped.get(reverse(name), {"unit": unit.pk}).status_code == 404, name
        assert scoped.get(reverse(name), {"unit": unit.pk, "export": "csv"}).status_code == 404, name


def test_units_inside_the_scope_drill_down(scoped, refreshed):
    for key in ("D", "A", "B"):
        assert scoped.get(reverse("reports_unit", args=[refreshed["units"][key].pk])).status_code == 200


def test_lists_and_exports_hold_only_people_in_scope(scoped, refreshed):
    names = {"Ahlberg", "Berg", "Carlsson", "Ek", "Gran"}
    response = scoped.get(reverse("reports_enrolments"))
    assert {r["person__user__last_name"] for r in response.context["object_list"]} == names
    rows = list(csv.reader(io.StringIO(body(scoped.get(reverse("reports_enrolments"), {"export": "csv"})))))
    assert {r[0] for r in rows[1:]} == names
    overdue = list(csv.reader(io.StringIO(body(scoped.get(reverse("reports_overdue"), {"export": "csv"})))))
    assert {r[0] for r in overdue[1:]} == {"Ahlberg", "Berg", "Carlsson"}
    overview = body(scoped.get(reverse("reports_overview"), {"export": "csv"}))
    assert "Bolaget" not in overview and "Förvaltning" not in overview
    assert response.context["figures"].required == EXPECTED["D"]["c1"][0] + EXPECTED["D"]["c2"][0]


def test_unit_filter_offers_only_units_in_scope(scoped, refreshed):
    form = scoped.get(reverse("reports_enrolments")).context["form"]
    assert {u.name for u in form.fields["unit"].queryset} == {"Avdelning", "Enhet A", "Enhet B"}


def test_dashboard_and_series_stay_in_scope(scoped, scoped_hr_user, refreshed):
    scope = selectors.scope_for_user(user=scoped_hr_user)
    figures, _at = selectors.headline(scope=scope)
    assert figures.required == EXPECTED["D"]["c1"][0] + EXPECTED["D"]["c2"][0]
    series = dict(selectors.monthly_completions(scope=scope))
    assert sum(series.values()) == 4  # a1, a4 (left), b1, b2; not f1 in F
    html = scoped.get(reverse("wagtailadmin_home")).content.decode()
    assert "I Avdelning och enheterna under den." in html


def test_targets_outside_scope_are_hidden_and_group_targets_count_inside(scoped, refreshed):
    c1 = refreshed["courses"]["c1"]
    by = timezone.localdate() + timedelta(days=30)
    group_wide = CourseTarget.objects.create(course=c1, percent=50, by_date=by)
    in_company = CourseTarget.objects.create(course=c1, percent=50, by_date=by, org_unit=refreshed["units"]["C"])
    (progress,) = scoped.get(reverse("reports_overview")).context["targets"]
    assert progress.target == group_wide and progress.unit == refreshed["units"]["D"]
    assert progress.figures.required == EXPECTED["D"]["c1"][0]
    index = scoped.get(reverse("reports_coursetarget:index"))
    assert index.status_code == 200 and "Bolaget" not in index.content.decode()
    assert scoped.get(reverse("reports_coursetarget:edit", args=[in_company.pk])).status_code == 404
    assert scoped.get(reverse("reports_coursetarget:edit", args=[group_wide.pk])).status_code == 404
    assert scoped.get(reverse("reports_coursetarget:delete", args=[in_company.pk])).status_code == 404


def test_scoped_user_cannot_edit_their_own_scope(scoped, scoped_hr_user):
    response = scoped.get(reverse("reports_reportscope:index"))
    assert response.status_code in (302, 403)
