"""Historical completions through the HR import: dry run, confirm, every bad row named with nothing
stored, a rerun that writes nothing, renewals counted from the imported days, certificates only
where the file asks, and the route shown in the reports and the register extract."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from lms.access.privacy import person_extract
from lms.certificates.models import Certificate
from lms.completions.models import CompletionRecord
from lms.courses import services as course_services
from lms.courses.models import CompletionRoute, Enrolment
from lms.imports import services
from lms.reports import selectors as report_selectors
from lms.requirements.assignment import assign_course
from lms.requirements.models import Requirement
from tests.factories import hr_user

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
HEADER = "Anställningsnummer;Kurs;Datum;Poäng;Källa;Intyg"


def run(content: str, *, dry_run=True, user=None):
    return services.people_import(
        data=content.encode(), filename="seminarium.csv", kind="completion", dry_run=dry_run, user=user
    )


def messages(result):
    with translation.override("en"):
        return {b.line: b.message for b in result.plan.bad_rows}


def require_yearly(group, course) -> Requirement:
    """The course required of the whole group's staff within 30 days, renewed every 12 months."""
    return Requirement.objects.create(
        course=course,
        org_unit=group["kommun"],
        for_staff=True,
        due_days=30,
        include_descendants=True,
        renewal_months=12,
    )


def test_dry_run_confirm_and_a_rerun_that_writes_nothing(group, course, django_capture_on_commit_callbacks):
    hr = hr_user()
    content = (
        f"{HEADER}\n"
        "1001;Likabehandling;2025-11-20;85,5;Seminarium i fullmäktigesalen;\n"
        "2001;likabehandling;2025-11-21;;Pappersregister;nej\n"
    )
    dry = run(content, user=hr)
    assert dry.plan.is_valid and dry.counts["created"] == 2
    assert not Enrolment.objects.exists() and not CompletionRecord.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        result = run(content, dry_run=False, user=hr)
    assert result.applied and result.counts["created"] == 2
    anna = Enrolment.objects.get(person=group["anna"])
    assert anna.completed_via == CompletionRoute.HISTORICAL and anna.cycle == 1
    assert anna.completed_at == datetime(2025, 11, 20, 12, tzinfo=TZ)
    record = anna.completion_record
    assert (record.completed_on, record.score, record.source, record.recorded_by) == (
        date(2025, 11, 20),
        Decimal("85.50"),
        "Seminarium i fullmäktigesalen",
        hr,
    )
    assert not Certificate.objects.exists()  # nobody asked for one

    before = (Enrolment.objects.count(), CompletionRecord.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        again = run(content, dry_run=False, user=hr)
    assert again.counts["created"] == again.counts["changed"] == 0 and again.counts["unchanged"] == 2
    assert (Enrolment.objects.count(), CompletionRecord.objects.count()) == before


def test_every_bad_row_is_named_and_nothing_is_stored(group, course):
    content = (
        f"{HEADER}\n"
        "1001;Likabehandling;2025-11-20;;;\n"  # good, but the file has bad rows
        "9999;Likabehandling;2025-11-20;;;\n"
        "2001;Okänd kurs;2025-11-20;;;\n"
        "2001;Likabehandling;20/11 2025;;;\n"
        "2001;Likabehandling;2999-01-01;;;\n"
        "2001;Likabehandling;2025-11-20;120;;\n"
        "2001;Likabehandling;2025-11-20;;;kanske\n"
        ";Likabehandling;2025-11-20;;;\n"
    )
    with pytest.raises(services.ImportRefused) as refused:
        run(content, dry_run=False)
    result = refused.value.result
    assert not result.applied
    assert messages(result) == {
        3: "Unknown employee number 9999: nobody in the platform has it.",
        4: "Unknown course “Okänd kurs” (give its title or the last part of its address).",
        5: "“20/11 2025” is not a date (write it as YYYY-MM-DD).",
        6: "The completion date 2999-01-01 lies in the future.",
        7: "The score “120” is not a percentage from 0 to 100.",
        8: "“kanske” is neither ja nor nej.",
        9: "Missing required value: employee number.",
    }
    assert not Enrolment.objects.exists() and not CompletionRecord.objects.exists()


def test_the_same_person_and_course_twice_are_both_bad(group, course):
    result = run(f"{HEADER}\n1001;Likabehandling;2025-01-10;;;\n1001;Likabehandling;2025-03-10;;;\n")
    assert messages(result) == {
        2: "The same person and course appear more than once (lines 3).",
        3: "The same person and course appear more than once (lines 2).",
    }


def test_an_open_cycle_is_completed_and_a_later_one_is_a_new_cycle(group, course, django_capture_on_commit_callbacks):
    open_one = course_services.enrolment_assign(person=group["anna"], course=course, due_date=date(2026, 1, 31))
    done = course_services.enrolment_assign(person=group["bo"], course=course)
    Enrolment.objects.filter(pk=done.pk).update(completed_at=datetime(2024, 5, 2, 10, tzinfo=TZ))
    content = f"{HEADER}\n1001;Likabehandling;2025-11-20;;;\n2001;Likabehandling;2025-11-21;;;\n"
    with django_capture_on_commit_callbacks(execute=True):
        result = run(content, dry_run=False)
    assert result.counts["changed"] == 1 and result.counts["created"] == 1
    open_one.refresh_from_db()
    assert open_one.completed_via == CompletionRoute.HISTORICAL and open_one.cycle == 1
    bo = Enrolment.objects.get(person=group["bo"], cycle=2)
    assert bo.completed_via == CompletionRoute.HISTORICAL
    # A completion older than a stored one is covered by it: nothing to write.
    older = run(f"{HEADER}\n2001;Likabehandling;2023-01-05;;;\n")
    assert older.counts["unchanged"] == 1 and older.counts["created"] == 0


def test_renewals_are_counted_from_the_imported_days(group, course, django_capture_on_commit_callbacks):
    require_yearly(group, course)
    content = f"{HEADER}\n1001;Likabehandling;2025-03-15;;;\n2001;Likabehandling;2025-11-20;;;\n"
    with time_machine.travel(datetime(2026, 2, 1, 9, tzinfo=TZ), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            run(content, dry_run=False)
        assign_course(course_id=course.pk)
    # Anna's completion of 2025-03-15 is due for renewal on 2026-03-15 (within the 60 days' lead time):
    # a new cycle due then; Bo's of 2025-11-20 is not yet, so he has none.
    renewal = Enrolment.objects.get(person=group["anna"], cycle=2)
    assert renewal.due_date == date(2026, 3, 15) and renewal.is_required and renewal.completed_at is None
    assert not Enrolment.objects.filter(person=group["bo"], cycle=2).exists()
    assert Enrolment.objects.get(person=group["bo"], cycle=1).is_required  # counts for the requirement


def test_a_certificate_only_where_the_file_asks_and_it_says_registered(
    group, course, django_capture_on_commit_callbacks
):
    content = f"{HEADER}\n1001;Likabehandling;2025-11-20;;;ja\n2001;Likabehandling;2025-11-20;;;\n"
    with django_capture_on_commit_callbacks(execute=True):
        run(content, dry_run=False)
    certificate = Certificate.objects.get()
    assert certificate.person == group["anna"] and certificate.is_registered
    assert certificate.completed_on == date(2025, 11, 20) and certificate.valid_until == date(2026, 11, 20)


def test_routes_in_the_reports_and_the_register_extract(group, course, django_capture_on_commit_callbacks):
    Requirement.objects.create(course=course, org_unit=group["kommun"], for_staff=True, due_days=30)
    assign_course(course_id=course.pk)
    with django_capture_on_commit_callbacks(execute=True):
        run(f"{HEADER}\n1001;Likabehandling;2025-11-20;70;Pappersregister;\n", dry_run=False)
    scope = report_selectors.scope_for_user(user=hr_user())
    counts = report_selectors.completions_by_route(scope=scope, course_id=course.pk)
    assert counts[CompletionRoute.HISTORICAL] == 1 and counts[CompletionRoute.COURSE] == 0
    rows = list(report_selectors.enrolment_rows(scope=scope, course_id=course.pk))
    assert {r["completed_via"] for r in rows if r["status"] == "completed"} == {CompletionRoute.HISTORICAL}

    extract = {section["key"]: section["data"] for section in person_extract(group["anna"])["sections"]}
    (recorded,) = extract["completions"]["completions_from_elsewhere"]
    assert recorded["completed_via"] == "historical" and recorded["source"] == "Pappersregister"
    assert recorded["score"] == "70.00"
    (enrolment,) = extract["courses"]["enrolments"]
    assert enrolment["completed_via"] == "historical"


def test_a_registered_certificate_says_so(group, course, django_capture_on_commit_callbacks):
    from lms.certificates import rendering
    from lms.certificates.services import certificate_data

    with django_capture_on_commit_callbacks(execute=True):
        run(f"{HEADER}\n1001;Likabehandling;2025-11-20;;;ja\n", dry_run=False)
    certificate = Certificate.objects.select_related("template", "enrolment").get()
    html = rendering.certificate_html(template=certificate.template, data=certificate_data(certificate))
    assert "Registrerad" in html and "inte genomförd på utbildningsplattformen" in html
    earned = rendering.certificate_html(
        template=certificate.template,
        data=rendering.CertificateData(**{**certificate_data(certificate).__dict__, "registered": False}),
    )
    assert "Registrerad" not in earned


def test_a_completed_open_cycle_renews_from_the_imported_day_not_the_import(
    group, course, django_capture_on_commit_callbacks
):
    """Anna's open required cycle is completed by the file on 2025-03-15 (the import runs in 2026): her
    renewal is due a year after that day. Bo's is completed on 2025-12-01: not yet due, nothing new."""
    require_yearly(group, course)
    with time_machine.travel(datetime(2025, 1, 10, 9, tzinfo=TZ), tick=False):
        assign_course(course_id=course.pk)
    assert Enrolment.objects.filter(cycle=1, completed_at=None, is_required=True).count() == 2
    content = f"{HEADER}\n1001;Likabehandling;2025-03-15;;;\n2001;Likabehandling;2025-12-01;;;\n"
    with time_machine.travel(datetime(2026, 2, 1, 9, tzinfo=TZ), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            result = run(content, dry_run=False)
        assert result.counts["changed"] == 2 and result.counts["created"] == 0
        assign_course(course_id=course.pk)
        overdue = report_selectors.enrolment_rows(
            scope=report_selectors.scope_for_user(user=hr_user()), overdue_only=True
        )
        assert not overdue.exists()  # the imported completions count for the requirement
    first = Enrolment.objects.get(person=group["anna"], cycle=1)
    assert first.completed_at == datetime(2025, 3, 15, 12, tzinfo=TZ) and first.completed_via == "historical"
    renewal = Enrolment.objects.get(person=group["anna"], cycle=2)
    assert renewal.due_date == date(2026, 3, 15) and renewal.is_required and renewal.completed_at is None
    assert not Enrolment.objects.filter(person=group["bo"], cycle=2).exists()
    # A year on, Bo's renewal comes, due a year after his imported day.
    with time_machine.travel(datetime(2026, 11, 1, 9, tzinfo=TZ), tick=False):
        assign_course(course_id=course.pk)
    assert Enrolment.objects.get(person=group["bo"], cycle=2).due_date == date(2026, 12, 1)
