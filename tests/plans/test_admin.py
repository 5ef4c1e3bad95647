"""The plan's admin: who sees and edits which units' plans (the access rule), the follow-up pages,
the dashboard panel, and the import of district turnout with its dry run and bad rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lms.plans.models import ActivityStatus, IndicatorCombine, IndicatorValue, UnitYearPlan
from tests.helpers import status_and_location

from .factories import ActivityFactory, IndicatorFactory, IndicatorValueFactory, UnitYearPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chosen(group, areas, plan, guide):
    """A1 and B1 have chosen for 2026 (B1 with the guide); A2 has not. Activities in both."""
    a1 = UnitYearPlanFactory(org_unit=group["A1"], year=2026, focus_area=areas[0])
    b1 = UnitYearPlanFactory(org_unit=group["B1"], year=2026, focus_area=areas[1], guide=guide)
    second = plan.test_commitments[1]
    ActivityFactory(unit_plan=a1, commitment=second, title="Dialog i A1", status=ActivityStatus.DONE, evaluation="Bra.")
    ActivityFactory(unit_plan=a1, commitment=second, title="Workshop i A1")
    ActivityFactory(unit_plan=b1, commitment=second, title="Skolval i B1", status=ActivityStatus.ONGOING)
    return {"A1": a1, "B1": b1}


def listed_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_coordinator_sees_every_units_plan_and_activity(client, coordinator, chosen):
    client.force_login(coordinator)
    html = listed_titles(client, reverse("plans_activity:index"))
    assert "Dialog i A1" in html and "Skolval i B1" in html


def test_a_unit_manager_sees_and_edits_only_their_subtree(client, manager_a, chosen, areas):
    client.force_login(manager_a)
    html = listed_titles(client, reverse("plans_activity:index"))
    assert "Dialog i A1" in html and "Skolval i B1" not in html
    assert client.get(reverse("plans_unityearplan:edit", args=[chosen["B1"].pk])).status_code == 404
    response = client.post(
        reverse("plans_unityearplan:edit", args=[chosen["A1"].pk]),
        {"org_unit": chosen["A1"].org_unit_id, "year": 2026, "focus_area": areas[2].pk},
    )
    assert response.status_code == 302
    chosen["A1"].refresh_from_db()
    assert chosen["A1"].focus_area == areas[2]


def test_a_unit_manager_cannot_choose_for_a_unit_outside_their_scope(client, manager_a, group, areas):
    client.force_login(manager_a)
    response = client.post(
        reverse("plans_unityearplan:add"), {"org_unit": group["B1"].pk, "year": 2027, "focus_area": areas[0].pk}
    )
    assert response.status_code == 200
    assert not UnitYearPlan.objects.filter(year=2027).exists()


def test_a_democracy_guide_sees_the_units_that_name_them(client, guide, chosen):
    client.force_login(guide.user)
    html = listed_titles(client, reverse("plans_activity:index"))
    assert "Skolval i B1" in html and "Dialog i A1" not in html
    assert client.get(reverse("plans_activity:edit", args=[chosen["A1"].activities.first().pk])).status_code == 404
    assert client.get(reverse("plans_unityearplan:edit", args=[chosen["B1"].pk])).status_code == 200


def test_people_without_a_role_see_nothing_of_the_plan(client, group, chosen):
    from tests.factories import UserFactory

    user = UserFactory(username="medarbetare")
    client.force_login(user)
    # No admin access at all: Wagtail's sign-in page.
    assert status_and_location(client.get(reverse("plans_overview"))) == (302, "/admin/login/")
    assert status_and_location(client.get(reverse("plans_activity:index"))) == (302, "/admin/login/")


# --- Follow-up ----------------------------------------------------------------------------------


def test_the_overview_shows_each_commitment_its_indicators_and_activities(client, coordinator, plan, chosen):
    indicator = IndicatorFactory(commitment=plan.test_commitments[1], name="Andel som gått kursen")
    IndicatorValueFactory(indicator=indicator, value=Decimal("55"), measured_on=date(2026, 6, 1))
    client.force_login(coordinator)
    response = client.get(reverse("plans_overview"), {"year": 2026})
    assert response.status_code == 200
    overview = response.context["overview"]
    rows = {row.commitment.number: row for _label, rows in overview.groups for row in rows}
    assert rows[2].activities == {"done": 1, "planned": 1, "ongoing": 1}
    assert rows[2].indicators[0].latest.value == Decimal("55")
    assert (overview.units_total, overview.units_without_choice) == (5, 3)  # A, B, A2 have not chosen
    assert reverse("plans_commitment", args=[plan.test_commitments[1].pk]) in response.content.decode()


def test_the_commitment_page_draws_each_indicator_against_its_target(client, coordinator, plan, chosen):
    indicator = IndicatorFactory(
        commitment=plan.test_commitments[1], name="Valdeltagande", combine=IndicatorCombine.LOWEST
    )
    for on, values in ((date(2022, 9, 11), ("77", "85")), (date(2026, 9, 13), ("79", "88"))):
        for part, value in zip(("Norr", "Söder"), values, strict=True):
            IndicatorValueFactory(indicator=indicator, part=part, value=Decimal(value), measured_on=on)
    plan.start_year = 2022
    plan.save()
    client.force_login(coordinator)
    response = client.get(reverse("plans_commitment", args=[plan.test_commitments[1].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "stroke-dasharray" in html  # the target line
    assert [p.value for p in response.context["follow_up"].indicators[0].points] == [Decimal("77"), Decimal("79")]
    assert "Skolval i B1" in html and "Dialog i A1" in html


def test_the_units_page_lists_the_units_without_a_choice_for_reminders(client, coordinator, chosen):
    client.force_login(coordinator)
    response = client.get(reverse("plans_units"), {"year": 2026, "missing": "1"})
    names = [unit.name for unit in response.context["units"].rows]
    assert names == ["Förvaltning A", "Enhet A2", "Förvaltning B"]
    response = client.get(reverse("plans_units"), {"year": 2026})
    a1 = next(unit for unit in response.context["units"].rows if unit.name == "Enhet A1")
    assert (a1.choice.done, a1.choice.activity_count) == (1, 2)


def test_a_unit_manager_follows_their_own_units_only(client, manager_a, chosen):
    client.force_login(manager_a)
    response = client.get(reverse("plans_units"), {"year": 2026})
    assert [unit.name for unit in response.context["units"].rows] == ["Förvaltning A", "Enhet A1", "Enhet A2"]


def test_the_follow_up_reads_in_a_constant_number_of_queries(
    client, coordinator, plan, chosen, group, areas, django_assert_max_num_queries
):
    IndicatorFactory(commitment=plan.test_commitments[0])
    client.force_login(coordinator)
    client.get(reverse("plans_overview"))  # sessions, user, Wagtail's own first-use rows
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("plans_overview"), {"year": 2026})
    queries = len(few)
    for n in range(10):
        unit_plan = UnitYearPlanFactory(year=2026, focus_area=areas[n % 3])
        ActivityFactory(unit_plan=unit_plan, commitment=plan.test_commitments[n % 3])
        IndicatorFactory(commitment=plan.test_commitments[n % 3])
    client.get(reverse("plans_overview"))  # the new units retired the cached sidebar (permission_cache.py)
    with django_assert_max_num_queries(queries):
        client.get(reverse("plans_overview"), {"year": 2026})


def test_the_dashboard_panel_links_each_commitment_and_the_years_without_a_choice(client, coordinator, chosen, plan):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="plans-follow-up' in html
    assert reverse("plans_commitment", args=[plan.test_commitments[1].pk]) in html
    assert f"{reverse('plans_units')}?year=" in html


# --- Import of entered figures ------------------------------------------------------------------


def upload(client, indicator, content: str, *, confirm: bool):
    data = {"file": SimpleUploadedFile("valdeltagande.csv", content.encode()), "source": "Valmyndigheten"}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("plans_values_import", args=[indicator.pk]), data)


GOOD = "Valdistrikt;Valdeltagande;Datum\nCentrum;84,5;2026-09-13\nNorr;71,2 %;2026-09-13\n"


def test_a_turnout_file_is_checked_first_then_stored(client, coordinator, plan):
    indicator = IndicatorFactory(commitment=plan.test_commitments[0])
    client.force_login(coordinator)
    response = upload(client, indicator, GOOD, confirm=False)
    assert response.status_code == 200 and len(response.context["plan"].rows) == 2
    assert not IndicatorValue.objects.exists()  # the dry run stores nothing
    response = upload(client, indicator, GOOD, confirm=True)
    assert response.status_code == 302
    assert sorted(IndicatorValue.objects.values_list("part", "value")) == [
        ("Centrum", Decimal("84.50")),
        ("Norr", Decimal("71.20")),
    ]
    upload(client, indicator, GOOD.replace("84,5", "85"), confirm=True)  # a corrected file replaces
    assert IndicatorValue.objects.get(part="Centrum").value == Decimal("85.00")


def test_a_turnout_file_with_bad_rows_stores_nothing_and_says_why(client, coordinator, plan):
    indicator = IndicatorFactory(commitment=plan.test_commitments[0])
    client.force_login(coordinator)
    content = (
        "Valdistrikt;Valdeltagande;Datum\n"
        "Centrum;84,5;2026-09-13\n"
        "Norr;sjuttio;2026-09-13\n"
        "Söder;120;2026-09-13\n"
        "Väster;75;13/9 2026\n"
        "Öster;;2026-09-13\n"
        "Centrum;80;2026-09-13\n"
    )
    response = upload(client, indicator, content, confirm=True)
    assert response.status_code == 200
    with translation.override("en"):  # (the request left Swedish active)
        messages = [(bad.line, bad.message) for bad in response.context["plan"].bad_rows]
    assert messages == [
        (3, "“sjuttio” is not a number."),
        (4, "120 is not between 0 and 100."),
        (5, "“13/9 2026” is not a date (write ÅÅÅÅ-MM-DD)."),
        (6, "Missing value: value."),
        (7, "Centrum appears more than once for that date (lines 2, 7)."),
    ]
    assert "nothing was stored" in response.content.decode() or "inget sparades" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_file_without_the_columns_is_refused_as_a_whole(client, coordinator, plan):
    indicator = IndicatorFactory(commitment=plan.test_commitments[0])
    client.force_login(coordinator)
    response = upload(client, indicator, "Namn;Ålder\nAnna;40\n", confirm=True)
    with translation.override("en"):
        assert str(response.context["file_error"]) == "Missing columns: value, date."
    assert not IndicatorValue.objects.exists()


def test_only_entered_indicators_take_a_file_and_only_for_those_who_may_change_them(
    client, manager_a, coordinator, plan
):
    entered = IndicatorFactory(commitment=plan.test_commitments[0])
    measured = IndicatorFactory(commitment=plan.test_commitments[0], kind="course_completion")
    client.force_login(coordinator)
    assert client.get(reverse("plans_values_import", args=[measured.pk])).status_code == 404
    client.force_login(manager_a)
    assert client.get(reverse("plans_values_import", args=[entered.pk])).status_code == 404


def test_a_plan_or_focus_area_that_activities_serve_is_not_deleted(client, coordinator, plan, chosen, areas):
    client.force_login(coordinator)
    response = client.post(reverse("plans_plan:delete", args=[plan.pk]), follow=True)
    assert response.status_code == 200
    assert plan.commitments.count() == 3
    assert any("cannot be deleted" in str(m) or "kan inte tas bort" in str(m) for m in response.context["messages"])
    response = client.post(reverse("wagtailsnippets_plans_focusarea:delete", args=[areas[0].pk]), follow=True)
    assert response.status_code == 200
    assert type(areas[0]).objects.filter(pk=areas[0].pk).exists()


def test_the_bulk_delete_of_a_focus_area_in_use_changes_nothing(client, coordinator, chosen, areas):
    client.force_login(coordinator)
    url = reverse("wagtail_bulk_action", args=["plans", "focusarea", "delete"]) + f"?id={areas[0].pk}"
    response = client.post(url, follow=True)
    assert type(areas[0]).objects.filter(pk=areas[0].pk).exists()
    # As the single delete above: back with a message that says why, not a refusal of the right to delete.
    assert response.status_code == 200
    assert any("cannot be deleted" in str(m) or "kan inte tas bort" in str(m) for m in response.context["messages"])


def test_a_guide_sees_the_commitments_but_no_counts_of_units_they_do_not_follow(client, guide, chosen, plan):
    client.force_login(guide.user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("plans_commitment", args=[plan.test_commitments[1].pk]) in html
    assert f"{reverse('plans_units')}?year=" not in html
    assert status_and_location(client.get(reverse("plans_units"))) == (
        302,
        "/admin/",
    )  # Wagtail sends a refused user home


def test_a_user_limited_to_part_of_the_group_is_offered_no_indicator(client, group, plan):
    from tests.factories import hr_user

    IndicatorFactory(commitment=plan.test_commitments[0], name="Valdeltagande i hela kommunen")
    hr_a = hr_user(username="hr-a", scope=group["A"])
    client.force_login(hr_a)
    response = client.get(reverse("plans_indicatorvalue:add"))
    assert response.status_code == 200
    assert "Valdeltagande i hela kommunen" not in response.content.decode()
