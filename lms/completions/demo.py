"""Demo completions from elsewhere: last year's seminar on equal treatment, held in the town hall
with a paper attendance list, imported by HR as historical completions through the HR import; and
one completion marked by hand (a course taken at the region). Idempotent: the import's rerun writes
nothing, and the mark is made only once."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from lms.courses.demo import demo_course
from lms.courses.models import CoursePage
from lms.imports import services as import_services
from lms.organisation.models import Person

from . import services
from .importing import KIND
from .models import CompletionRecord

SEMINAR_COURSE = "likabehandling-och-diskrimineringsgrunderna"
# Social services' staff, and a school's: enough attendees that some had not yet completed the course here
# (the demo's progress follows the rows' ids), whose completion the import then brings.
SEMINAR_UNITS = ("SOF-IFO-MOT", "SOF-AO-LIN", "SOF-AO-HT", "BUF-GR-BJS")
SEMINAR_SOURCE = "Seminarium i stadshuset, närvarolista"
MARKED_COURSE = "demokratins-grundvarderingar"
MARKED_UNIT = "BUF-GR-EKS"
MARKED_REASON = "Gick motsvarande utbildning hos Region Ekbacka; intyget visat för chefen."


def seminar_file(day: date) -> bytes:
    """The attendance list as HR would type it in: employee number, course, date, source."""
    people = Person.objects.filter(
        org_unit__code__in=SEMINAR_UNITS, employee_number__startswith="E", is_active=True
    ).order_by("employee_number")
    lines = ["Anställningsnummer;Kurs;Datum;Källa"]
    lines += [f"{p.employee_number};Likabehandling och diskrimineringsgrunderna;{day};{SEMINAR_SOURCE}" for p in people]
    return "\n".join(lines).encode("utf-8")


def load(stdout=None) -> dict:
    hr = get_user_model().objects.filter(username="hr").first()
    today = timezone.localdate()
    seminar_day = date(today.year - 1, 11, 12)
    result = {"historical": 0, "manual": 0}
    if CoursePage.objects.filter(slug=SEMINAR_COURSE).exists():
        imported = import_services.people_import(
            data=seminar_file(seminar_day), filename="seminarium-likabehandling.csv", kind=KIND, dry_run=False, user=hr
        )
        result["historical"] = imported.counts["created"] + imported.counts["changed"]

    course = demo_course(MARKED_COURSE)
    already = CompletionRecord.objects.filter(enrolment__course=course, reason=MARKED_REASON).exists()
    # Someone who has not completed the course here, at the school if anyone there has not (the demo's
    # progress, which follows the rows' ids, may have reached all of them): a completion marked by hand is
    # for a course taken elsewhere.
    not_completed = (
        Person.objects.filter(employee_number__startswith="E", is_active=True)
        .exclude(enrolments__course=course, enrolments__completed_at__isnull=False)
        .order_by("employee_number")
    )
    person = not_completed.filter(org_unit__code=MARKED_UNIT).first() or not_completed.first()
    if course is not None and person is not None and not already:
        services.completion_mark(
            person=person, course=course, completed_on=today - timedelta(days=30), reason=MARKED_REASON, by=hr
        )
        result["manual"] = 1
    return result
