"""Requirements turn into enrolments: matching, idempotency, moves, renewal."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from lms.courses import services as course_services
from lms.courses.models import Enrolment
from lms.organisation import services as org_services
from lms.requirements.assignment import assign_all, assign_course
from lms.requirements.models import Requirement

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def make_requirement(course, unit, **fields):
    defaults = {"for_staff": True, "due_days": 30, "include_descendants": True}
    return Requirement.objects.create(course=course, org_unit=unit, **{**defaults, **fields})


def required_people(course):
    return set(Enrolment.objects.filter(course=course, is_required=True).values_list("person_id", flat=True))


def test_subtree_and_audience_matching(group, course):
    make_requirement(course, group["forv"], for_staff=True)
    assign_course(course_id=course.pk)
    assert required_people(course) == {group["a_staff"].pk, group["b_staff"].pk, group["forv_staff"].pk}


def test_without_descendants_only_the_unit_itself(group, course):
    make_requirement(course, group["forv"], include_descendants=False)
    assign_course(course_id=course.pk)
    assert required_people(course) == {group["forv_staff"].pk}


def test_several_audiences_and_inactive_people(group, course):
    org_services.person_deactivate(person=group["b_staff"])
    make_requirement(course, group["kommun"], for_staff=False, for_managers=True, for_politicians=True)
    make_requirement(course, group["b"], for_staff=True)
    assign_course(course_id=course.pk)
    assert required_people(course) == {group["a_manager"].pk, group["politician"].pk}


def test_due_date_from_days_or_fixed_date_and_earliest_wins(group, course):
    make_requirement(course, group["forv"], due_days=30)
    make_requirement(course, group["a"], due_days=None, due_date=date.today() + timedelta(days=10))
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=TZ), tick=False):
        Requirement.objects.filter(due_date__isnull=False).update(due_date=date(2026, 3, 11))
        assign_course(course_id=course.pk)
    dues = dict(Enrolment.objects.filter(course=course).values_list("person_id", "due_date"))
    assert dues[group["a_staff"].pk] == date(2026, 3, 11)
    assert dues[group["b_staff"].pk] == date(2026, 3, 31)


def test_running_again_changes_nothing(group, course, django_assert_max_num_queries):
    make_requirement(course, group["kommun"], for_managers=True)
    first = assign_course(course_id=course.pk)
    assert first.created == 5  # four staff and one manager
    before = list(Enrolment.objects.order_by("pk").values())
    second = assign_course(course_id=course.pk)
    assert second.rows_written == 0
    assert list(Enrolment.objects.order_by("pk").values()) == before


def test_query_count_does_not_grow_with_people(group, course, django_assert_max_num_queries):
    from tests.factories import PersonFactory

    make_requirement(course, group["kommun"])
    for _ in range(30):
        PersonFactory(org_unit=group["a"])
    with django_assert_max_num_queries(12):
        assign_course(course_id=course.pk)


def test_self_enrolment_in_progress_becomes_the_assignment(group, course):
    person = group["a_staff"]
    course_services.enrolment_self_enrol(person=person, course=course)
    make_requirement(course, group["a"])
    result = assign_course(course_id=course.pk)
    assert result.created == 0 and result.made_required == 1
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert enrolment.is_required and enrolment.source == "assigned" and enrolment.due_date is not None


def test_moving_out_releases_and_keeps_completion_moving_in_assigns(group, course, django_capture_on_commit_callbacks):
    make_requirement(course, group["a"])
    assign_course(course_id=course.pk)
    person = group["a_staff"]
    course_services.lesson_mark_done(person=person, lesson=course.test_lessons[0])
    with django_capture_on_commit_callbacks(execute=True):
        org_services.person_update(person=person, org_unit=group["bolag"])  # people_changed → re-assign (eager)
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert enrolment.is_completed and not enrolment.is_required
    newcomer = group["b_staff"]
    with django_capture_on_commit_callbacks(execute=True):
        org_services.person_update(person=newcomer, org_unit=group["a"])
    assert Enrolment.objects.get(person=newcomer, course=course).is_required
    # Moving back makes the completed enrolment count as required again, still completed.
    with django_capture_on_commit_callbacks(execute=True):
        org_services.person_update(person=person, org_unit=group["a"])
    enrolment.refresh_from_db()
    assert enrolment.is_required and enrolment.is_completed


def test_a_deactivated_requirement_releases_open_enrolments(group, course):
    requirement = make_requirement(course, group["a"])
    assign_course(course_id=course.pk)
    requirement.is_active = False
    requirement.save()
    result = assign_course(course_id=course.pk)
    assert result.unrequired == 1
    assert Enrolment.objects.filter(course=course).count() == 1  # kept, not deleted


def test_renewal_assigns_a_new_cycle_in_time(group, course, settings):
    settings.LMS_RENEWAL_LEAD_DAYS = 60
    make_requirement(course, group["a"], renewal_months=12)
    person = group["a_staff"]
    with time_machine.travel(datetime(2026, 1, 10, 9, tzinfo=TZ), tick=False):
        assign_course(course_id=course.pk)
        course_services.lesson_mark_done(person=person, lesson=course.test_lessons[0])
    with time_machine.travel(datetime(2026, 11, 10, 9, tzinfo=TZ), tick=False):  # 61 days before expiry
        assert assign_course(course_id=course.pk).renewed == 0
    with time_machine.travel(datetime(2026, 11, 12, 9, tzinfo=TZ), tick=False):  # 59 days before expiry
        result = assign_course(course_id=course.pk)
        assert result.renewed == 1
        assert assign_course(course_id=course.pk).rows_written == 0
    cycles = list(
        Enrolment.objects.filter(person=person, course=course)
        .order_by("cycle")
        .values_list("cycle", "due_date", "completed_at")
    )
    assert [c[0] for c in cycles] == [1, 2]
    assert cycles[1][1] == date(2027, 1, 10) and cycles[1][2] is None


def test_without_renewal_a_completion_stands(group, course):
    make_requirement(course, group["a"])
    assign_course(course_id=course.pk)
    course_services.lesson_mark_done(person=group["a_staff"], lesson=course.test_lessons[0])
    with time_machine.travel(datetime(2031, 1, 1, tzinfo=TZ)):
        assert assign_course(course_id=course.pk).rows_written == 0


def test_assign_all_covers_every_course(group, course, home_page):
    from tests.courses.factories import make_course

    other, _ = make_course(title="Demokrati", lessons=1)
    make_requirement(course, group["a"])
    make_requirement(other, group["b"])
    assert assign_all().created == 2
    assert assign_all().rows_written == 0
