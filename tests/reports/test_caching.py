"""HR's overview is cached (lms/reports/caching.py) and never shows what has changed or what the user may not see:
a recomputed roll-up, a new target, a renamed unit and a renamed course show on the next request, and a user
limited to part of the group never gets the whole group's cached page, nor the other way round."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.courses.models import Enrolment
from lms.imports import units_plan
from lms.imports.services import _apply_units_plan
from lms.reports.models import CourseTarget
from lms.reports.services import summary_refresh

pytestmark = pytest.mark.django_db


def _overview(client, **params):
    """The page without its CSRF tokens, which are masked afresh on every request."""
    response = client.get(reverse("reports_overview"), params)
    assert response.status_code == 200
    return re.sub(r'(CSRF_TOKEN": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", response.content.decode())


def test_the_second_request_reads_neither_the_roll_up_nor_the_targets(client, hr_user, refreshed):
    client.force_login(hr_user)
    first = _overview(client)
    with CaptureQueriesContext(connection) as queries:
        second = _overview(client)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "reports_completionsummary" not in sql and "reports_coursetarget" not in sql
    assert second == first


def test_a_recomputed_roll_up_shows_on_the_next_request(client, hr_user, refreshed):
    client.force_login(hr_user)
    assert "3 av 9" in _overview(client)  # completed of required, the whole group (tests/reports/conftest.py)
    Enrolment.objects.filter(person=refreshed["a2"], course=refreshed["courses"]["c1"]).update(
        started_at=timezone.now(), completed_at=timezone.now()
    )
    assert "3 av 9" in _overview(client)  # the figures are the roll-up's, as the page says
    summary_refresh()
    assert "4 av 9" in _overview(client)


def test_a_target_set_shows_at_once(client, hr_user, refreshed):
    client.force_login(hr_user)
    assert "Inga mål satta." in _overview(client)
    CourseTarget.objects.create(
        course=refreshed["courses"]["c1"], percent=90, by_date=date.today() + timedelta(days=30)
    )
    html = _overview(client)
    assert "Inga mål satta." not in html and "90&#160;%" in html


def test_a_unit_renamed_by_the_import_and_a_course_renamed_show_at_once(client, hr_user, refreshed):
    client.force_login(hr_user)
    assert "Förvaltning" in _overview(client)
    unit = refreshed["units"]["F"]
    row = units_plan.UnitRow(line=2, code=unit.code, name="Stadsbyggnadsförvaltningen", kind=unit.kind, parent_code="")
    _apply_units_plan(units_plan.UnitsPlan(full=False, table=None, changes=[(row, {"name"})]))  # a bulk UPDATE
    assert "Stadsbyggnadsförvaltningen" in _overview(client)

    course = refreshed["courses"]["c1"]
    course.title = "Demokratins grunder"
    course.save_revision().publish()
    assert "Demokratins grunder" in _overview(client)


def test_scope_and_filters_each_have_their_own_figures(client, hr_user, scoped_hr_user, refreshed):
    client.force_login(hr_user)
    whole = _overview(client)
    assert "Bolaget" in whole
    client.force_login(scoped_hr_user)
    limited = _overview(client)
    assert "Bolaget" not in limited and "Enhet A" in limited
    client.force_login(hr_user)
    assert _overview(client) == whole
    c2 = refreshed["courses"]["c2"]
    filtered = _overview(client, course=c2.pk)
    assert filtered != whole and "0 av 2" in filtered
