"""The rules of a group session (issue 30 item 4) and what confirming it does (item 2)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.certificates.models import Certificate
from lms.courses.models import CompletionRoute, Enrolment, EnrolmentState
from lms.group_training import services
from lms.group_training.models import GroupSession, GroupSessionTerms, SessionAttendance, SessionStatus
from lms.organisation.services import person_deactivate
from tests.factories import PersonFactory, UserFactory, hr_user

from .factories import make_world

pytestmark = pytest.mark.django_db


def start(world, *, days_ago=0):
    return services.session_start(
        course=world.course,
        org_unit=world.unit,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        leader=world.leader,
    )


def test_confirm_completes_each_present_enrolment_in_a_group_session_with_a_certificate(
    django_capture_on_commit_callbacks,
):
    world = make_world()
    session = start(world, days_ago=2)
    with django_capture_on_commit_callbacks(execute=True):  # the completions' certificates, on commit
        services.session_confirm(session=session, person_ids=[p.pk for p in world.people], by=world.leader)

    session.refresh_from_db()
    assert session.status == SessionStatus.CONFIRMED
    enrolments = Enrolment.objects.filter(course=world.course)
    assert enrolments.count() == 5
    for enrolment in enrolments:
        assert enrolment.state == EnrolmentState.COMPLETED
        assert enrolment.completed_via == CompletionRoute.GROUP_SESSION
        assert timezone.localtime(enrolment.completed_at).date() == session.held_on
    assert set(SessionAttendance.objects.values_list("enrolment_id", flat=True)) == set(
        enrolments.values_list("pk", flat=True)
    )
    assert Certificate.objects.filter(enrolment__in=enrolments).count() == 5
    entry = ModelLogEntry.objects.get(action=services.CONFIRMED)
    assert entry.user_id == world.leader.pk and entry.data["present"] == 5


def test_an_assigned_enrolment_is_completed_not_duplicated_and_a_completed_one_is_left_alone():
    world = make_world(certificate=False)
    assigned = Enrolment.objects.create(person=world.people[0], course=world.course, is_required=True)
    done_before = timezone.now() - timedelta(days=30)
    earlier = Enrolment.objects.create(person=world.people[1], course=world.course, completed_at=done_before)
    session = start(world)
    services.session_confirm(session=session, person_ids=[world.people[0].pk, world.people[1].pk], by=world.leader)
    assigned.refresh_from_db()
    earlier.refresh_from_db()
    assert assigned.completed_via == CompletionRoute.GROUP_SESSION and assigned.is_required
    assert earlier.completed_at == done_before and earlier.completed_via == CompletionRoute.COURSE
    assert SessionAttendance.objects.get(person=world.people[1]).enrolment is None
    assert Enrolment.objects.filter(course=world.course).count() == 2


def _nothing_written(world, session):
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert not SessionAttendance.objects.exists()
    assert not Enrolment.objects.filter(completed_at__isnull=False).exists()
    assert not ModelLogEntry.objects.filter(action=services.CONFIRMED).exists()


def test_a_leader_can_tick_only_people_they_may_see():
    world = make_world()
    session = start(world)
    with pytest.raises(services.SessionError):
        services.session_confirm(session=session, person_ids=[world.people[0].pk, world.stranger.pk], by=world.leader)
    _nothing_written(world, session)


def test_a_leader_cannot_start_a_session_for_a_unit_outside_their_scope():
    world = make_world()
    with pytest.raises(services.SessionError):
        services.session_start(
            course=world.course, org_unit=world.other_unit, held_on=timezone.localdate(), leader=world.leader
        )
    assert not GroupSession.objects.exists()


def test_an_inactive_person_cannot_be_ticked():
    world = make_world()
    leaver = world.people[0]
    person_deactivate(person=leaver)
    session = start(world)
    with pytest.raises(services.SessionError):
        services.session_confirm(session=session, person_ids=[leaver.pk, world.people[1].pk], by=world.leader)
    _nothing_written(world, session)


def test_a_person_is_in_a_session_only_once():
    world = make_world()
    session = start(world)
    person = world.people[0]
    with pytest.raises(services.SessionError):
        services.session_confirm(session=session, person_ids=[person.pk, person.pk], by=world.leader)
    _nothing_written(world, session)
    services.session_confirm(session=session, person_ids=[person.pk], by=world.leader)
    with pytest.raises(services.SessionError):  # confirming again
        services.session_confirm(session=session, person_ids=[person.pk], by=world.leader)
    hr = hr_user()
    with pytest.raises(services.SessionError):  # HR adding someone already there
        services.session_correct(session=session, by=hr, reason="Fel", add_ids=[person.pk])
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database says so too
        SessionAttendance.objects.create(session=session, person=person)
    assert SessionAttendance.objects.filter(person=person).count() == 1


@pytest.mark.parametrize("days_ago", [15, -1])
def test_a_session_is_not_backdated_beyond_the_setting_nor_dated_ahead(days_ago, settings):
    settings.LMS_GROUP_SESSION_MAX_BACKDATE_DAYS = 14
    world = make_world()
    with pytest.raises(services.SessionError):
        start(world, days_ago=days_ago)
    assert not GroupSession.objects.exists()
    start(world, days_ago=14)  # the limit itself is allowed


def test_a_session_left_open_past_the_limit_cannot_be_confirmed(settings):
    settings.LMS_GROUP_SESSION_MAX_BACKDATE_DAYS = 3
    world = make_world()
    session = start(world, days_ago=3)
    GroupSession.objects.filter(pk=session.pk).update(held_on=session.held_on - timedelta(days=1))
    with pytest.raises(services.SessionError):
        services.session_confirm(session=session, person_ids=[world.people[0].pk], by=world.leader)
    _nothing_written(world, session)


def test_hr_corrects_with_a_reason_removing_withdraws_the_completion_and_revokes_the_certificate(
    django_capture_on_commit_callbacks,
):
    world = make_world()
    session = start(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_confirm(session=session, person_ids=[p.pk for p in world.people[:3]], by=world.leader)
    hr = hr_user()
    wrong = world.people[2]
    with pytest.raises(services.SessionError):  # no reason: nothing changes
        services.session_correct(session=session, by=hr, reason="  ", remove_ids=[wrong.pk])
    assert SessionAttendance.objects.filter(person=wrong).exists()

    services.session_correct(
        session=session, by=hr, reason="Var sjuk den dagen", remove_ids=[wrong.pk], add_ids=[world.people[3].pk]
    )
    enrolment = Enrolment.objects.get(person=wrong, course=world.course)
    assert enrolment.completed_at is None
    assert Certificate.objects.get(enrolment=enrolment).revoked_reason == "Var sjuk den dagen"
    assert not SessionAttendance.objects.filter(person=wrong).exists()
    added = Enrolment.objects.get(person=world.people[3], course=world.course)
    assert added.completed_via == CompletionRoute.GROUP_SESSION
    entry = ModelLogEntry.objects.get(action=services.CORRECTED)
    assert entry.user_id == hr.pk
    assert entry.data == {"reason": "Var sjuk den dagen", "added": [world.people[3].pk], "removed": [wrong.pk]}


def test_hr_limited_to_another_unit_cannot_correct_people_outside_it():
    world = make_world()
    session = start(world)
    services.session_confirm(session=session, person_ids=[world.people[0].pk], by=world.leader)
    other_hr = hr_user(scope=world.other_unit)
    with pytest.raises(services.SessionError):
        services.session_correct(session=session, by=other_hr, reason="Fel", remove_ids=[world.people[0].pk])
    assert SessionAttendance.objects.filter(person=world.people[0]).exists()


def test_a_course_that_keeps_its_quiz_counts_the_session_as_the_lessons_done():
    world = make_world(certificate=False)
    world.course.ends_with_quiz = True
    world.course.save()
    GroupSessionTerms.objects.create(course=world.course, quiz_required_after_session=True)
    session = start(world)
    services.session_confirm(session=session, person_ids=[world.people[0].pk], by=world.leader)
    enrolment = Enrolment.objects.get(person=world.people[0])
    assert enrolment.completed_at is None and enrolment.state == EnrolmentState.IN_PROGRESS
    assert enrolment.lesson_progress.count() == 2


def test_someone_without_the_leaders_role_cannot_tick_anyone():
    world = make_world()
    session = start(world)
    nobody = UserFactory()
    PersonFactory(user=nobody, org_unit=world.unit)
    with pytest.raises(services.SessionError):
        services.session_confirm(session=session, person_ids=[world.people[0].pk], by=nobody)
    _nothing_written(world, session)
