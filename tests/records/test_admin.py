"""The records-management admin: every record type with its decision or plainly none, decisions
entered with clear messages for bad input, the run log read-only; and who may see it."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.html import escape

from lms.records import services
from lms.records.models import RetentionDecision, RetentionRun
from lms.records.registry import record_types
from tests.factories import UserFactory, hr_user
from tests.helpers import status_and_location

from .factories import RetentionDecisionFactory

pytestmark = pytest.mark.django_db

TYPES_URL = "/admin/records/types/"
ADD_URL = "/admin/records/decisions/new/"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("registrar", "r@example.se", "x"))
    return client


def form(**fields):
    return {
        "reference": "KS 2026/77 § 3",
        "decided_on": "2026-03-01",
        "decided_by": "Kommunstyrelsen",
        "record_type": "quiz_attempts",
        "keep_for": "2",
        "keep_unit": "years",
        "counted_from": "cycle_ended",
        "in_force": "on",
        "notes": "",
        **fields,
    }


def test_every_record_type_is_listed_with_its_decision_or_plainly_none(admin_client):
    decision = RetentionDecisionFactory(record_type="certificates", permanent=True)
    html = admin_client.get(TYPES_URL).content.decode()
    with translation.override("sv"):
        labels = [escape(str(rt.label)) for rt in record_types()]
    assert all(label in html for label in labels)
    assert decision.reference in html and "gallras ej" in html
    assert html.count("Ingen gallring: inget beslut") == len(record_types()) - 1


def test_the_last_run_is_shown(admin_client):
    RetentionDecisionFactory(record_type="quiz_attempts", keep_for=2)
    services.retention_apply()
    html = admin_client.get(TYPES_URL).content.decode()
    assert "0 rader" in html


def test_a_decision_is_entered_through_the_admin(admin_client):
    response = admin_client.post(ADD_URL, form())
    assert response.status_code == 302
    decision = RetentionDecision.objects.get()
    assert decision.describe() == "sparas 2 år efter att kursomgången avslutats"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"keep_for": "", "keep_unit": "", "counted_from": ""}, "Ange hur länge"),
        ({"keep_for": "-3"}, "Perioden kan inte vara negativ"),
        ({"keep_permanently": "on"}, "ingen period"),
    ],
)
def test_a_bad_decision_gets_a_message_and_nothing_is_saved(admin_client, fields, message):
    response = admin_client.post(ADD_URL, form(**fields))
    assert response.status_code == 200 and message in response.content.decode()
    assert not RetentionDecision.objects.exists()


def test_a_second_decision_in_force_gets_a_message(admin_client):
    first = RetentionDecisionFactory(record_type="quiz_attempts")
    response = admin_client.post(ADD_URL, form())
    assert response.status_code == 200 and first.reference in response.content.decode()
    assert RetentionDecision.objects.count() == 1


def test_the_run_log_is_read_only(admin_client):
    RetentionDecisionFactory(record_type="quiz_attempts", keep_for=2)
    (run,) = services.retention_apply()
    assert admin_client.get("/admin/records/runs/").status_code == 200
    assert admin_client.get(f"/admin/records/runs/inspect/{run.pk}/").status_code == 200
    # Not even a superuser may add or delete a run: Wagtail's refusal, back to the dashboard.
    assert status_and_location(admin_client.get("/admin/records/runs/new/")) == (302, "/admin/")
    assert status_and_location(admin_client.post(f"/admin/records/runs/delete/{run.pk}/")) == (302, "/admin/")
    assert RetentionRun.objects.filter(pk=run.pk).exists()


def test_hr_without_the_permission_sees_nothing_of_it_and_is_told_why(client):
    client.force_login(hr_user())
    response = client.get(TYPES_URL)
    assert response.status_code == 403  # not a silent redirect to the dashboard
    page = response.content.decode()
    assert "Du har inte tillgång till gallringsbesluten" in page and "Inställningar → Grupper" in page
    assert status_and_location(client.get("/admin/records/decisions/")) == (302, "/admin/")


def test_a_user_given_the_view_permission_sees_the_overview(client):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_retentiondecision")
    )
    client.force_login(user)
    assert client.get(TYPES_URL).status_code == 200
    assert status_and_location(client.get(ADD_URL)) == (302, "/admin/")


def test_a_decision_that_has_been_applied_cannot_be_deleted(admin_client):
    decision = RetentionDecisionFactory(record_type="quiz_attempts", keep_for=2)
    services.retention_apply()
    response = admin_client.post(f"/admin/records/decisions/delete/{decision.pk}/")
    assert status_and_location(response) == (302, f"/admin/records/decisions/edit/{decision.pk}/")
    assert RetentionDecision.objects.filter(pk=decision.pk).exists()  # the run log still names it


def test_a_decision_never_applied_can_be_deleted(admin_client):
    decision = RetentionDecisionFactory(record_type="certificates", permanent=True)
    assert admin_client.post(f"/admin/records/decisions/delete/{decision.pk}/").status_code == 302
    assert not RetentionDecision.objects.exists()
