"""The whole demo: built in one go, and a second run changes nothing.

The first run is the demo tests' shared load (``fresh_demo``: this test runs first among them, and reads
the demo before any of them wrote to it); the second is committed too, and the demo tests after it read
the demo as it left it."""

from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from lms.active_measures.models import Annex
from lms.certificates.models import Certificate
from lms.courses.models import Enrolment, LessonProgress
from lms.organisation.models import Person
from lms.plans.models import Activity, Commitment, FocusArea, Indicator, IndicatorValue, UnitYearPlan
from lms.records.models import RetentionDecision


def counts() -> dict:
    return {
        "people": Person.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "completed": Enrolment.objects.filter(completed_at__isnull=False).count(),
        "progress": LessonProgress.objects.count(),
        "certificates": Certificate.objects.count(),
        "plan": (Commitment.objects.count(), Indicator.objects.count(), FocusArea.objects.count()),
        "plan_figures": IndicatorValue.objects.count(),
        "unit_choices": UnitYearPlan.objects.count(),
        "activities": Activity.objects.count(),
        "retention_decisions": RetentionDecision.objects.count(),
        "annexes": list(Annex.objects.order_by("pk").values_list("employer__code", "year", "status")),
    }


def test_demo_shows_progress_and_is_idempotent(fresh_demo):
    first = counts()
    # Months into the plan: some have completed (with certificates), the demo learner has not.
    assert 0 < first["completed"] < first["enrolments"]
    # Completed on the platform: a certificate each; last year's seminar (imported) and the completion
    # marked by hand get none, nobody having asked for one (lms.completions).
    from_elsewhere = Enrolment.objects.filter(completed_via__in=["historical", "manual"])
    # Every seminar attendee has the course completed on or after the seminar: imported where the platform
    # had nothing as late (the import never overwrites a later completion).
    from lms.completions import demo as completions_demo

    historical = from_elsewhere.filter(completed_via="historical")
    seminar_day = min(timezone.localdate(e.completed_at) for e in historical)
    attendees = Person.objects.filter(
        org_unit__code__in=completions_demo.SEMINAR_UNITS, employee_number__startswith="E", is_active=True
    )
    assert historical.count() >= 3 and attendees.count() >= historical.count()
    for person in attendees:
        assert Enrolment.objects.filter(
            person=person, course__slug=completions_demo.SEMINAR_COURSE, completed_at__date__gte=seminar_day
        ).exists()
    assert from_elsewhere.filter(completed_via="manual").count() == 1
    assert first["certificates"] == first["completed"] - from_elsewhere.count()
    assert not Enrolment.objects.filter(person__user__username="anna", completed_at__isnull=False).exists()
    assert Enrolment.objects.filter(completed_at__isnull=False).dates("completed_at", "month").count() >= 3
    assert mail.outbox == []  # the demo's people are not mailed
    # The democracy plan: ten commitments, four indicators (one on the attitude survey), four focus areas.
    assert first["plan"] == (10, 4, 4)
    assert Indicator.objects.filter(kind="survey_agreement", survey__isnull=False).count() == 1
    assert first["unit_choices"] >= 20 and 2 * first["unit_choices"] <= first["activities"] <= 3 * first["unit_choices"]
    # Two retention decisions: quiz attempts two years after the cycle ends, certificates permanently.
    with translation.override("sv"):
        decisions = {d.record_type: d.describe() for d in RetentionDecision.objects.in_force()}
    assert decisions == {
        "quiz_attempts": "sparas 2 år efter att kursomgången avslutats",
        "certificates": "bevaras för alltid (gallras ej)",
    }
    # The active-measures annexes of last year, made on commit: the municipality's and the housing company's,
    # an employer of 25 or more.
    last_year = timezone.localdate().year - 1
    assert first["annexes"] == [("EK", last_year, "done"), ("EBO", last_year, "done")]
    assert Person.objects.active().filter(org_unit__code__startswith="EBO").count() >= 25
    call_command("load_demo", verbosity=0)
    assert counts() == first
