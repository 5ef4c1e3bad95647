"""In real Chromium at 1366 px: a manager leads a session at the workplace meeting by keyboard, ticks five
present (one without an account), confirms; HR's overview then shows the five completed in a group session."""

import re

import pytest
from playwright.sync_api import expect

from lms.certificates.models import Certificate
from lms.courses.models import CompletionRoute, Enrolment
from lms.organisation import services as organisation_services
from tests.factories import hr_user

from .factories import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r".*/$"))


def test_chef_leads_a_session_and_hr_sees_it(page, home_page):
    world = make_world(people=4, title="Likabehandling i vardagen")
    without_account = organisation_services.person_create(
        username="kok.1", first_name="Leyla", last_name="Demir", org_unit=world.unit
    )
    assert not without_account.user.has_usable_password()
    present = [*world.people, without_account]
    world.leader.set_password("secret-pass-123")
    world.leader.save()
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, "kberg")

    page.goto("/grupptraffar/")
    page.get_by_label("Kurs").select_option(label="Likabehandling i vardagen")
    page.get_by_label("Enhet").select_option(label="Ekskolan")
    page.get_by_role("button", name="Starta presentationen").click()
    page.wait_for_url(re.compile(r"/visa/1/$"))  # loaded: the keys' script (deferred) listens from then on
    expect(page.get_by_role("heading", name="Lektion 1")).to_be_visible()

    # By keyboard alone: the arrow and a clicker's PageDown step forward, PageUp back.
    def key(name, number):
        page.keyboard.press(name)
        page.wait_for_url(re.compile(rf"/visa/{number}/$"))

    key("ArrowRight", 2)
    key("PageDown", 3)
    expect(page.get_by_role("heading", name="Var ser ni risker hos oss?")).to_be_visible()
    key("PageUp", 2)
    key("ArrowRight", 3)
    key("ArrowRight", 4)
    expect(page.get_by_role("heading", name="Vad skulle du göra?")).to_be_visible()
    page.get_by_label("Säga ifrån").fill("6")
    page.get_by_role("button", name="Spara antalet").click()  # on to the next part
    page.wait_for_url(re.compile(r"/visa/5/$"))
    key("ArrowRight", 6)  # the second lesson's text (5 was its title)
    key("ArrowRight", 7)
    expect(page.get_by_role("heading", name="Vilka var här?")).to_be_visible()
    page.get_by_role("link", name="Kryssa i vilka som var närvarande").click()

    for person in present:
        page.get_by_label(person.full_name).check()
    page.get_by_role("button", name="Bekräfta vilka som var närvarande").click()
    expect(page.get_by_role("heading", name="5 personer närvarande")).to_be_visible()

    enrolments = Enrolment.objects.filter(course=world.course, person__in=present)
    assert enrolments.count() == 5
    assert set(enrolments.values_list("completed_via", flat=True)) == {CompletionRoute.GROUP_SESSION}
    assert all(e.completed_at for e in enrolments)
    assert Certificate.objects.filter(enrolment__in=enrolments).count() == 5

    page.context.clear_cookies()
    hr_user(username="hr1")
    sign_in(page, "hr1")
    page.goto("/admin/group-sessions/")
    row = page.get_by_role("row").filter(has_text="Karin Berg")
    assert "Karin Berg" in row.inner_text() and row.get_by_role("cell").last.inner_text() == "5"
    row.get_by_role("link").click()
    present_rows = page.get_by_test_id("present").locator("tbody tr")
    expect(present_rows).to_have_count(5)  # waits for the session's page
    for person in present:
        cells = present_rows.filter(has_text=person.full_name).inner_text()
        assert "Slutförd: vid ett gemensamt utbildningstillfälle" in cells
