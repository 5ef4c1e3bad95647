"""The secretariat's reports on elected representatives: "introduktionskursen: 2 av 3 ledamöter i
kommunfullmäktige", the people behind it for those who may see them, attendance per body for
compensation, exportable; a completion of the old term does not count in the new one."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone, translation

from lms.courses.models import Enrolment, EnrolmentSource
from lms.organisation.models import Audience
from lms.politics.models import AssignmentRole, BodyKind
from lms.reports import bodies
from lms.requirements.models import AssignmentHolders, Registration, Requirement, TrainingEvent
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.helpers import status_and_location
from tests.politics.factories import AssignmentFactory, BodyFactory, TermFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
URL = "/admin/reports/completion/bodies/"


@pytest.fixture
def council(home_page):
    root = OrgUnitFactory(name="Kommun")
    a, b = OrgUnitFactory(name="A", parent=root), OrgUnitFactory(name="B", parent=root)
    course, _lessons = make_course(title="Introduktionskursen", lessons=1)
    Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.ALL, due_days=90)
    term = TermFactory(body=BodyFactory(name="Kommunfullmäktige", kind=BodyKind.COUNCIL, org_unit=root))
    people = []
    for n, (unit, done) in enumerate([(a, date(2026, 11, 1)), (a, date(2025, 5, 1)), (b, date(2026, 11, 2))]):
        person = PersonFactory(org_unit=unit, audience=Audience.POLITICIAN, user__last_name=f"Ledamot{n}")
        AssignmentFactory(person=person, term=term)
        completed = datetime.combine(done, datetime.min.time(), tzinfo=TZ)
        Enrolment.objects.create(
            person=person, course=course, source=EnrolmentSource.ASSIGNED, is_required=True, completed_at=completed
        )
        people.append(person)
    substitute = AssignmentFactory(term=term, role=AssignmentRole.SUBSTITUTE, person__org_unit=a)
    return {"root": root, "a": a, "course": course, "term": term, "people": people, "substitute": substitute}


def test_figures_per_body_and_role_count_this_terms_completions(council):
    with time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=TZ), tick=False):
        figures = bodies.body_completion(user=hr_user())
    with translation.override("sv"):
        assert [f.sentence for f in figures] == [
            "Introduktionskursen: 2 av 3 ledamöter i Kommunfullmäktige",  # 2025's completion is the old term's
            "Introduktionskursen: 0 av 1 ersättare i Kommunfullmäktige",
        ]


def test_a_limited_user_counts_and_sees_only_their_people(council, client):
    user = hr_user(scope=council["a"])
    with time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=TZ), tick=False):
        members = bodies.body_completion(user=user)[0]
        assert (members.completed, members.total) == (1, 2)
        client.force_login(user)
        page = client.get(URL, {"body": council["term"].body_id}).content.decode()
    assert "Ledamot0" in page and "Ledamot1" in page and "Ledamot2" not in page


def test_without_admin_access_no_body_report(council, client):
    client.force_login(UserFactory())
    assert status_and_location(client.get(URL)) == (302, "/admin/login/")


def test_export_of_the_figures(council, client):
    client.force_login(hr_user())
    with time_machine.travel(datetime(2027, 2, 1, 9, tzinfo=TZ), tick=False):
        client.force_login(hr_user())
        response = client.get(URL, {"export": "csv"})
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Kommunfullmäktige" in content and "Introduktionskursen" in content


def test_attendance_per_body_for_compensation(council, client):
    start = timezone.make_aware(datetime(2027, 3, 1, 9))
    event = TrainingEvent.objects.create(
        title="Seminarium om offentlighet och sekretess",
        course=council["course"],
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Stadshuset",
        seats=30,
    )
    attended, absent, _other = council["people"]
    Registration.objects.create(event=event, person=attended, attended=True)
    Registration.objects.create(event=event, person=absent, attended=False)
    rows = bodies.body_attendance(user=hr_user(), body_id=council["term"].body_id)
    assert [(r.name, r.body, r.hours) for r in rows] == [(attended.full_name, "Kommunfullmäktige", 3.0)]
    client.force_login(hr_user())
    response = client.get("/admin/reports/completion/bodies/attendance/", {"export": "csv", "date_from": "2027-03-01"})
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert attended.user.last_name in content and absent.user.last_name not in content
