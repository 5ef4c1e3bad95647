"""The leader's pages and HR's overview: the presentation shows no personal data, the show of hands, attendance."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.courses.models import CompletionRoute, Enrolment
from lms.group_training import selectors, services
from lms.group_training.models import GroupSession, SessionAttendance
from tests.factories import PersonFactory, UserFactory, hr_user

from .factories import make_world

pytestmark = pytest.mark.django_db


def started(world):
    return services.session_start(
        course=world.course, org_unit=world.unit, held_on=timezone.localdate(), leader=world.leader
    )


def test_the_presentation_shows_no_personal_data(client):
    world = make_world()
    session = started(world)
    client.force_login(world.leader)
    slides = selectors.presentation_slides(course=world.course)
    assert [s.kind for s in slides[:4]] == ["lesson", "paragraph", "discussion", "poll"]
    names = [p.full_name for p in [*world.people, world.stranger]] + ["Karin", "Berg", "kberg"]
    for number in range(1, len(slides) + 2):
        response = client.get(reverse("group_training:present", args=[session.pk, number]))
        assert response.status_code == 200
        html = response.content.decode()
        for name in names:
            assert name not in html, (number, name)
    discussion = client.get(reverse("group_training:present", args=[session.pk, 3])).content.decode()
    assert "Var ser ni risker hos oss?" in discussion and "Inga namn." in discussion
    assert client.get(reverse("group_training:present", args=[session.pk, len(slides) + 2])).status_code == 404


def test_the_show_of_hands_is_saved_or_skipped_and_bad_counts_change_nothing(client):
    world = make_world()
    session = started(world)
    client.force_login(world.leader)
    url = reverse("group_training:present", args=[session.pk, 4])
    choices = [c for c, _text in selectors.poll_choices(selectors.presentation_slides(course=world.course)[3].block)]
    response = client.post(url, {f"count-{choices[0]}": "7", f"count-{choices[1]}": "x"})
    assert response.status_code == 200 and "heltal" in response.content.decode()
    session.refresh_from_db()
    assert session.poll_counts == {}
    assert client.post(url, {f"count-{choices[0]}": "7", f"count-{choices[1]}": ""}).status_code == 302
    session.refresh_from_db()
    assert list(session.poll_counts.values()) == [{choices[0]: 7, choices[1]: 0}]
    client.post(url, {"skip": "1"})
    session.refresh_from_db()
    assert session.poll_counts == {}


def test_attendance_lists_the_units_people_and_confirming_completes_them(client):
    world = make_world(certificate=False)
    session = started(world)
    client.force_login(world.leader)
    url = reverse("group_training:attendance", args=[session.pk])
    page = client.get(url).content.decode()
    assert all(p.full_name in page for p in world.people) and world.stranger.full_name not in page
    # A name search finds nobody outside the leader's scope.
    found = client.get(url, {"q": world.stranger.user.last_name}).content.decode()
    assert world.stranger.full_name not in found
    response = client.post(url, {"present": [str(p.pk) for p in world.people[:2]]})
    assert response.status_code == 302
    assert SessionAttendance.objects.filter(session=session).count() == 2
    assert set(Enrolment.objects.values_list("completed_via", flat=True)) == {CompletionRoute.GROUP_SESSION}


def test_attendance_refuses_a_person_outside_the_scope_with_a_message(client):
    world = make_world()
    session = started(world)
    client.force_login(world.leader)
    response = client.post(
        reverse("group_training:attendance", args=[session.pk]),
        {"present": [str(world.people[0].pk), str(world.stranger.pk)]},
    )
    assert response.status_code == 200
    assert not SessionAttendance.objects.exists()
    assert client.post(reverse("group_training:attendance", args=[session.pk]), {"present": ["abc"]}).status_code == 200


def test_a_learner_may_not_start_sessions_nor_see_anothers(client):
    world = make_world()
    session = started(world)
    learner = UserFactory()
    PersonFactory(user=learner, org_unit=world.unit)
    client.force_login(learner)
    assert client.get(reverse("group_training:sessions")).status_code == 403
    assert client.get(reverse("group_training:present", args=[session.pk, 1])).status_code == 404
    assert client.get(reverse("group_training:attendance", args=[session.pk])).status_code == 404


def test_hrs_overview_shows_sessions_and_completions_split_individual_and_group(client):
    world = make_world(certificate=False)
    session = started(world)
    services.session_confirm(session=session, person_ids=[p.pk for p in world.people[:3]], by=world.leader)
    Enrolment.objects.create(person=world.people[4], course=world.course, completed_at=timezone.now())
    hr = hr_user()
    client.force_login(hr)
    split = selectors.completion_split(user=hr)
    assert [(r.unit, r.individually, r.in_group) for r in split] == [("Ekskolan", 1, 3)]
    page = client.get(reverse("group_training_admin_overview")).content.decode()
    assert "Karin Berg" in page and "Ekskolan" in page
    detail = client.get(reverse("group_training_admin_session", args=[session.pk])).content.decode()
    assert detail.count("gemensamt utbildningstillfälle") == 3  # the route, for each present person
    # HR limited to another unit sees neither the session nor the split.
    client.force_login(hr_user(scope=world.other_unit))
    assert client.get(reverse("group_training_admin_session", args=[session.pk])).status_code == 404
    assert GroupSession.objects.count() == 1
