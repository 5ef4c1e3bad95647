"""Requirements for holders of political assignments (lms.politics): a cycle per term, due from
the term's start; an ended assignment ends the requirement, history kept; the learner's one list
with reasons. The done-when: the clock passes 15 October 2030 and every council assignment of
the new term gets a new cycle of the introduction course."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import translation

from lms.courses import services as course_services
from lms.courses.models import Enrolment
from lms.organisation.models import Audience
from lms.politics import services as politics_services
from lms.politics.models import AssignmentRole, BodyKind, EndReason, Term, default_term_dates
from lms.requirements.assignment import assign_all
from lms.requirements.models import AssignmentHolders, Requirement
from lms.requirements.selectors import required_of
from tests.factories import PersonFactory, hr_user
from tests.politics.factories import AssignmentFactory, BodyFactory

from .test_assignment import TZ

pytestmark = pytest.mark.django_db


def at(*args):
    return time_machine.travel(datetime(*args, 9, tzinfo=TZ), tick=False)


def term(body, year):
    starts_on, ends_on = default_term_dates(body.kind, year)
    return Term.objects.create(body=body, election_year=year, starts_on=starts_on, ends_on=ends_on)


@pytest.fixture
def council(group):
    body = BodyFactory(name="Kommunfullmäktige", kind=BodyKind.COUNCIL, org_unit=group["kommun"])
    return body, term(body, 2026), term(body, 2030)


@pytest.fixture
def committee(group):
    body = BodyFactory(name="Socialnämnden", kind=BodyKind.COMMITTEE, org_unit=group["forv"])
    return body, term(body, 2026), term(body, 2030)


def politician(group):
    return PersonFactory(org_unit=group["kommun"], audience=Audience.POLITICIAN, employee_number=None)


def required(course):
    return {
        (e.person_id, e.cycle): (e.due_date, e.is_required, e.completed_at is not None)
        for e in Enrolment.objects.filter(course=course)
    }


def test_the_new_council_term_starts_a_new_cycle_for_each_of_its_assignments(group, course, council):
    body, old, new = council
    lesson = course.test_lessons[0]
    again, unfinished, left = politician(group), politician(group), politician(group)
    newcomer = politician(group)
    for person in (again, unfinished, left):
        AssignmentFactory(person=person, term=old)
    for person in (again, unfinished, newcomer):
        AssignmentFactory(person=person, term=new, role=AssignmentRole.SUBSTITUTE if person is newcomer else "member")

    with at(2026, 10, 1):  # decided after the election, before the term starts
        requirement = Requirement.objects.create(
            course=course, assignment_holders=AssignmentHolders.ALL, due_days=90, note="Introduktion"
        )
        requirement.bodies.add(body)
    with at(2026, 10, 20):
        assign_all()
    first_due = date(2027, 1, 13)  # 15 October 2026 + 90 days
    assert required(course) == {
        (again.pk, 1): (first_due, True, False),
        (unfinished.pk, 1): (first_due, True, False),
        (left.pk, 1): (first_due, True, False),
    }
    with at(2026, 12, 1):
        course_services.lesson_mark_done(person=again, lesson=lesson)
        course_services.lesson_mark_done(person=left, lesson=lesson)

    with at(2030, 10, 14):  # the old term's last day: nothing new yet
        assert assign_all().rows_written == 0

    with at(2030, 10, 16):
        assign_all()  # the nightly run
        new_due = date(2031, 1, 13)  # 15 October 2030 + 90 days
        assert required(course) == {
            (again.pk, 1): (first_due, True, True),  # the old term's completion, kept in the history
            (again.pk, 2): (new_due, True, False),  # a new cycle for the new term
            (unfinished.pk, 1): (new_due, True, False),  # still open: carried into the new term
            (left.pk, 1): (first_due, False, True),  # not re-elected: no longer required, completion kept
            (newcomer.pk, 1): (new_due, True, False),
        }
        assert assign_all().rows_written == 0  # again: nothing to write


def test_a_council_member_who_joins_a_committee_in_january_gets_one_cycle_per_term(group, course, council, committee):
    council_body, council_old, council_new = council
    _committee_body, committee_old, committee_new = committee
    person = politician(group)
    for t in (council_old, committee_old, council_new, committee_new):
        AssignmentFactory(person=person, term=t)
    with at(2026, 10, 20):
        Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.ALL, due_days=60)
        assign_all()
        course_services.lesson_mark_done(person=person, lesson=course.test_lessons[0])
    with at(2030, 10, 16):  # still on the committee's old term, but the council's new one began
        assign_all()
        assert Enrolment.objects.get(person=person, cycle=2).due_date == date(2030, 12, 14)
        course_services.lesson_mark_done(person=person, lesson=course.test_lessons[0])
    with at(2031, 1, 2):  # the committee's new term: the same election, no third cycle
        assert assign_all().rows_written == 0
    assert Enrolment.objects.filter(person=person).count() == 2


def test_an_ended_assignment_ends_the_requirement_and_keeps_the_history(
    group, course, council, django_capture_on_commit_callbacks
):
    body, old, _new = council
    person = politician(group)
    with at(2026, 10, 1):
        Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.MEMBERS, due_days=90)
    with at(2026, 10, 20):
        with django_capture_on_commit_callbacks(execute=True):
            assignment = AssignmentFactory(person=person, term=old)  # the signal assigns it at once
        assert required(course) == {(person.pk, 1): (date(2027, 1, 13), True, False)}
    with at(2027, 6, 1), django_capture_on_commit_callbacks(execute=True):
        politics_services.assignment_end(assignment=assignment, ends_on=date(2027, 5, 31), reason=EndReason.RESIGNED)
    assert required(course) == {(person.pk, 1): (date(2027, 1, 13), False, False)}


def test_chairs_only_and_requirement_created_mid_term(group, course, council):
    _body, old, _new = council
    chair, member = politician(group), politician(group)
    AssignmentFactory(person=chair, term=old, role=AssignmentRole.CHAIR)
    AssignmentFactory(person=member, term=old)
    with at(2028, 3, 1):
        Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.CHAIRS, due_days=30)
        assign_all()
    # Counted from the requirement's creation, not from a term start long past.
    assert required(course) == {(chair.pk, 1): (date(2028, 3, 31), True, False)}


def test_one_list_with_reasons_for_two_assignments_and_an_employment(group, course, council, committee):
    council_body, council_old, _ = council
    committee_body, committee_old, _ = committee
    person = PersonFactory(org_unit=group["a"], audience=Audience.STAFF)  # employed in enhet A
    AssignmentFactory(person=person, term=council_old)
    AssignmentFactory(person=person, term=committee_old, role=AssignmentRole.SUBSTITUTE)
    Requirement.objects.create(course=course, org_unit=group["forv"], for_staff=True, due_days=30)
    holders = Requirement.objects.create(
        course=course, assignment_holders=AssignmentHolders.MEMBERS_AND_SUBSTITUTES, due_days=90
    )
    holders.bodies.add(council_body, committee_body)
    with at(2027, 2, 1):
        assign_all()
        rows = required_of(person=person)
        with translation.override("sv"):
            reasons = [str(r) for r in required_of(person=person)[0].reasons]
    assert len(rows) == 1 and rows[0].enrolment.course_id == course.pk
    assert reasons == [
        "för medarbetare i Förvaltning",
        "som ledamot i Kommunfullmäktige",
        "som ersättare i Socialnämnden",
    ]


def test_the_learners_page_shows_the_list_with_reasons(client, group, course, council):
    _body, old, _new = council
    person = politician(group)
    AssignmentFactory(person=person, term=old)
    with at(2027, 2, 1):
        Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.ALL, due_days=90)
        assign_all()
        client.force_login(person.user)
        response = client.get("/mina-kurser/krav/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    html = response.content.decode()
    assert "som ledamot i Kommunfullmäktige" in html
    # One course: "Obligatorisk", not the plural "Obligatoriska" (issue 34); dates never break.
    assert "<p>Obligatorisk som ledamot i Kommunfullmäktige" in " ".join(html.split())
    assert "Obligatoriska" not in html.split("<main", 1)[1]
    assert '<time datetime="' in html


def test_hr_requires_a_course_of_a_bodys_members_in_the_admin(
    client, group, course, council, committee, django_capture_on_commit_callbacks
):
    council_body, old, _ = council
    committee_body, committee_old, _ = committee
    member, other = politician(group), politician(group)
    AssignmentFactory(person=member, term=old)
    AssignmentFactory(person=other, term=committee_old)
    hr = hr_user(username="hr")
    data = {
        "course": course.pk,
        "org_unit": "",
        "assignment_holders": "members_and_substitutes",
        "bodies": [council_body.pk],
        "due_days": "90",
        "due_date": "",
        "renewal_months": "",
        "is_active": "on",
        "note": "",
    }
    with at(2027, 2, 1):
        client.force_login(hr)
        preview = client.post(
            "/admin/required-training/requirements/new/", {**data, "preview": "1"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert "Kravet skulle nå 1 personer" in preview.content.decode()
        assert not Requirement.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/admin/required-training/requirements/new/", data)
        assert response.status_code == 302, response.context["form"].errors
    requirement = Requirement.objects.get()
    assert list(requirement.bodies.all()) == [council_body] and requirement.org_unit is None
    assert set(Enrolment.objects.filter(course=course).values_list("person_id", flat=True)) == {member.pk}


def test_a_requirement_needs_an_audience_with_a_unit_or_assignment_holders(group, course):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        Requirement(course=course, due_days=30).full_clean()
    assert "for_staff" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Requirement(course=course, for_staff=True, due_days=30).full_clean()
    assert "org_unit" in error.value.message_dict


def test_a_user_limited_to_part_of_the_group_cannot_require_training_of_assignment_holders(client, group, course):
    hr = hr_user(username="hr-a", scope=group["a"])
    client.force_login(hr)
    data = {"course": course.pk, "org_unit": "", "assignment_holders": "all", "due_days": "90", "is_active": "on"}
    response = client.post("/admin/required-training/requirements/new/", data)
    assert response.status_code == 200
    assert "hela koncernen" in " ".join(response.context["form"].errors["assignment_holders"])
    assert not Requirement.objects.exists()


def test_the_learners_page_says_a_course_completed_last_term_is_required_again(client, group, course, council):
    """The demo's council members (issue 34): completed in the 2026 term, required again in the 2030 term."""
    _body, old, new = council
    person = politician(group)
    AssignmentFactory(person=person, term=old)
    AssignmentFactory(person=person, term=new)
    with at(2026, 10, 20):
        Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.ALL, due_days=90)
        assign_all()
    with at(2027, 1, 5):
        for lesson in course.test_lessons:
            course_services.lesson_mark_done(person=person, lesson=lesson)
    with at(2030, 10, 16):
        assign_all()
        client.force_login(person.user)
        html = " ".join(client.get("/mina-kurser/krav/", HTTP_ACCEPT_LANGUAGE="sv").content.decode().split())
    assert "Du gick den senast 2027-01-05, i en tidigare omgång: nu krävs den igen." in html
    assert '<time datetime="2031-01-13">' in html  # the new term's due date
