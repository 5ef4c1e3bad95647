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
from tests.helpers import body, status_and_location

from .conftest import EXPECTED

pytestmark = pytest.mark.django_db

OUTSIDE = ("K", "F", "C")


@pytest.fixture
def scoped(client, scoped_hr_user, refreshed):
    client.force_login(scoped_hr_user)
    return client


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
    response = scoped.get(reverse("organisation_staffscope:index"))
    assert status_and_location(response) == (302, "/admin/")


TARGET_VIEWS = ("edit", "delete", "copy", "history", "usage")


@pytest.fixture
def targets(refreshed):
    c1, units = refreshed["courses"]["c1"], refreshed["units"]
    by = timezone.localdate() + timedelta(days=30)
    return {
        "group_wide": CourseTarget.objects.create(course=c1, percent=61, by_date=by, note="Beslut KF 61"),
        "in_company": CourseTarget.objects.create(
            course=c1, percent=62, by_date=by, org_unit=units["C"], note="Beslut bolag 62"
        ),
        "above": CourseTarget.objects.create(course=c1, percent=63, by_date=by, org_unit=units["F"], note="Förv 63"),
        "inside": CourseTarget.objects.create(course=c1, percent=64, by_date=by, org_unit=units["A"], note="Enhet 64"),
    }


def inspect_path(target) -> str:
    # The inspect view is not enabled (no URL name): its path must not answer either.
    return reverse("reports_coursetarget:index") + f"inspect/{target.pk}/"


@pytest.mark.parametrize("key", ["group_wide", "in_company", "above"])
def test_every_url_of_a_target_outside_the_scope_is_404(scoped, targets, key):
    target = targets[key]
    for view in TARGET_VIEWS:
        response = scoped.get(reverse(f"reports_coursetarget:{view}", args=[target.pk]))
        assert response.status_code == 404, view
        assert target.note not in response.content.decode(), view
    assert scoped.get(inspect_path(target)).status_code == 404
    for view in ("edit", "delete", "copy"):
        post = {"course": target.course_id, "percent": 99, "by_date": "2030-01-01", "org_unit": "", "note": "x"}
        assert scoped.post(reverse(f"reports_coursetarget:{view}", args=[target.pk]), post).status_code == 404, view
    target.refresh_from_db()
    assert target.percent != 99 and CourseTarget.objects.count() == 4


def test_every_url_of_a_target_inside_the_scope_works(scoped, targets, refreshed):
    target = targets["inside"]
    for view in TARGET_VIEWS:
        response = scoped.get(reverse(f"reports_coursetarget:{view}", args=[target.pk]))
        assert response.status_code == 200, view
    copy = scoped.get(reverse("reports_coursetarget:copy", args=[target.pk]))
    assert copy.context["form"].initial["note"] == "Enhet 64"
    assert scoped.get(inspect_path(target)).status_code == 404  # not enabled for anyone
    response = scoped.post(
        reverse("reports_coursetarget:copy", args=[target.pk]),
        {"course": target.course_id, "percent": 70, "by_date": "2030-01-01", "org_unit": refreshed["units"]["B"].pk},
    )
    assert response.status_code == 302
    assert CourseTarget.objects.filter(percent=70, org_unit=refreshed["units"]["B"]).exists()
    edit = scoped.post(
        reverse("reports_coursetarget:edit", args=[target.pk]),
        {"course": target.course_id, "percent": 65, "by_date": "2030-01-01", "org_unit": target.org_unit_id},
    )
    assert edit.status_code == 302
    assert scoped.post(reverse("reports_coursetarget:delete", args=[target.pk])).status_code == 302
    assert not CourseTarget.objects.filter(pk=target.pk).exists()


def test_hr_for_the_whole_group_reaches_every_target(client, hr_user, targets):
    client.force_login(hr_user)
    for target in targets.values():
        for view in TARGET_VIEWS:
            assert client.get(reverse(f"reports_coursetarget:{view}", args=[target.pk])).status_code == 200, view


def test_the_permission_policy_answers_per_target_by_the_scope(scoped_hr_user, hr_user, targets):
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(CourseTarget)
    for key, target in targets.items():
        for action in ("view", "change", "delete"):
            assert policy.user_has_permission_for_instance(scoped_hr_user, action, target) is (key == "inside")
            assert policy.user_has_permission_for_instance(hr_user, action, target)
        assert policy.user_has_any_permission_for_instance(scoped_hr_user, ["change", "view"], target) is (
            key == "inside"
        )
    assert list(policy.instances_user_has_any_permission_for(scoped_hr_user, ["change"])) == [targets["inside"]]
    assert policy.instances_user_has_any_permission_for(hr_user, ["change"]).count() == 4
    from tests.factories import UserFactory

    nobody = UserFactory(username="nobody")
    assert not policy.user_has_permission_for_instance(nobody, "change", targets["inside"])
    assert not policy.instances_user_has_any_permission_for(nobody, ["change"]).exists()
