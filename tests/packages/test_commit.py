"""The runtime's commit API (issue 31 items 3 and 4): the lesson done when the package says so, and each
refusal: malformed, out of range, oversized suspend data, un-completing, another learner's launch,
signed out, no CSRF token, rate limit. Nothing already stored is lost by a refused or clamped part."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from lms.courses.models import Enrolment, LessonProgress
from lms.packages.launch import launch_token
from lms.packages.models import PackageAttempt
from tests.factories import PersonFactory

from .helpers import package_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    course, lessons, lesson = package_course(version="1.2", lessons=0)
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    return course, lesson, person, client


def post(client, lesson, data, *, user, kind="scorm12", terminate=False, launch=None):
    body = {
        "launch": launch or launch_token(user_id=user.pk, lesson_id=lesson.pk),
        "kind": kind,
        "terminate": terminate,
        "data": data,
    }
    return client.post(reverse("packages:commit", args=[lesson.pk]), json.dumps(body), content_type="application/json")


def attempt(person):
    return PackageAttempt.objects.get(enrolment__person=person)


def test_completed_makes_the_lesson_done_and_completes_the_course(world):
    course, lesson, person, client = world
    response = post(
        client,
        lesson,
        {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "90", "cmi.core.session_time": "0000:02:30.00"},
        user=person.user,
        terminate=True,
    )
    assert response.json() == {"result": True, "errorCode": 0, "done": True, "problems": []}
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson_id=lesson.pk).exists()
    assert enrolment.completed_at is not None
    assert (attempt(person).score_raw, attempt(person).total_seconds) == (90, 150)


def test_incomplete_is_progress_not_done(world):
    course, lesson, person, client = world
    post(client, lesson, {"cmi.core.lesson_status": "incomplete", "cmi.suspend_data": "sida=2"}, user=person.user)
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert enrolment.started_at is not None and enrolment.completed_at is None
    assert attempt(person).suspend_data == "sida=2"


def test_session_time_counts_only_when_the_session_ends(world):
    _course, lesson, person, client = world
    post(client, lesson, {"cmi.core.session_time": "0000:01:00"}, user=person.user)
    assert attempt(person).total_seconds == 0
    post(client, lesson, {"cmi.core.session_time": "0000:01:00"}, user=person.user, terminate=True)
    assert attempt(person).total_seconds == 60


def test_never_un_completes(world):
    course, lesson, person, client = world
    post(client, lesson, {"cmi.core.lesson_status": "passed"}, user=person.user)
    response = post(client, lesson, {"cmi.core.lesson_status": "incomplete"}, user=person.user)
    assert "after completion ignored" in response.json()["problems"][0]
    assert attempt(person).completion_status == "passed" and attempt(person).is_completed


def test_failed_is_not_done(world):
    course, lesson, person, client = world
    assert post(client, lesson, {"cmi.core.lesson_status": "failed"}, user=person.user).json()["done"] is False


def test_oversized_suspend_data_is_refused_and_the_stored_one_kept(world, caplog):
    _course, lesson, person, client = world
    post(client, lesson, {"cmi.suspend_data": "gammal"}, user=person.user)
    response = post(
        client, lesson, {"cmi.suspend_data": "x" * 4097, "cmi.core.lesson_location": "sida-3"}, user=person.user
    )
    assert "4097 characters, over 4096" in response.json()["problems"][0]
    assert (attempt(person).suspend_data, attempt(person).location) == ("gammal", "sida-3")
    assert "over 4096" in caplog.text


def test_scorm_2004_takes_64000_characters_of_suspend_data():
    _course, lesson, _lessons = None, None, None
    course, _made, lesson = package_course(version="2004", lessons=0)
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    assert post(client, lesson, {"cmi.suspend_data": "y" * 64000}, user=person.user, kind="scorm2004").json()["result"]
    assert len(attempt(person).suspend_data) == 64000
    response = post(client, lesson, {"cmi.suspend_data": "z" * 64001}, user=person.user, kind="scorm2004")
    assert "over 64000" in response.json()["problems"][0]
    assert attempt(person).suspend_data == "y" * 64000


def test_scorm_2004_done_by_completion_and_success():
    course, _made, lesson = package_course(version="2004", lessons=0, rule="passed")
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    data = {"cmi.completion_status": "completed", "cmi.success_status": "unknown"}
    assert post(client, lesson, data, user=person.user, kind="scorm2004").json()["done"] is False  # rule: passed
    data = {"cmi.success_status": "passed", "cmi.score.scaled": "7"}
    response = post(client, lesson, data, user=person.user, kind="scorm2004").json()
    assert response["done"] is True and "clamped to 1" in response["problems"][0]
    assert attempt(person).score_scaled == 1


def test_scores_out_of_range_are_clamped_and_nonsense_ignored(world):
    _course, lesson, person, client = world
    data = {"cmi.core.score.raw": "250", "cmi.core.lesson_status": "fantastisk", "cmi.core.session_time": "igår"}
    problems = post(client, lesson, data, user=person.user).json()["problems"]
    assert any("clamped to 100" in p for p in problems)
    assert any("unknown value" in p for p in problems)
    assert any("session_time: malformed" in p for p in problems)
    assert (attempt(person).score_raw, attempt(person).completion_status) == (100, "not attempted")


def test_interactions_are_kept_for_the_learners_review(world):
    _course, lesson, person, client = world
    data = {
        "cmi.interactions.0.id": "fraga-1",
        "cmi.interactions.0.student_response": "nej",
        "cmi.interactions.0.result": "correct",
    }
    post(client, lesson, data, user=person.user)
    assert attempt(person).interactions == [{"id": "fraga-1", "learner_response": "nej", "result": "correct"}]
    response = client.get(lesson.url)
    assert "Dina svar i lektionen" in response.content.decode() and "nej" in response.content.decode()


@pytest.mark.parametrize(
    "data", [["not", "an", "object"], "text", {str(i): i for i in range(2001)}], ids=["list", "text", "too many keys"]
)
def test_malformed_commits_are_refused_whole(world, data):
    _course, lesson, person, client = world
    assert post(client, lesson, data, user=person.user).status_code == 400
    assert not PackageAttempt.objects.exists()


def test_not_json_and_a_wrong_kind_are_refused(world):
    _course, lesson, person, client = world
    url = reverse("packages:commit", args=[lesson.pk])
    assert client.post(url, "{", content_type="application/json").status_code == 400
    assert post(client, lesson, {}, user=person.user, kind="h5p").status_code == 400
    assert post(client, lesson, {}, user=person.user, kind="scorm1.3").status_code == 400


def test_another_learners_launch_is_refused(world, caplog):
    course, lesson, person, client = world
    other = PersonFactory()
    response = post(
        client,
        lesson,
        {"cmi.core.lesson_status": "completed"},
        user=person.user,
        launch=launch_token(user_id=other.user.pk, lesson_id=lesson.pk),
    )
    assert response.status_code == 403
    assert "launch of another learner" in caplog.text
    assert not Enrolment.objects.filter(course=course).exists()


def test_a_forged_or_other_lessons_launch_is_refused(world):
    _course, lesson, person, client = world
    assert post(client, lesson, {}, user=person.user, launch="1:abc:def").status_code == 403
    other_lesson_token = launch_token(user_id=person.user.pk, lesson_id=lesson.pk + 1000)
    assert post(client, lesson, {}, user=person.user, launch=other_lesson_token).status_code == 403


def test_signed_out_is_refused(world):
    _course, lesson, person, _client = world
    assert post(Client(), lesson, {}, user=person.user).status_code == 401


def test_csrf_is_required(world):
    _course, lesson, person, _client = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(person.user)
    assert post(client, lesson, {"cmi.core.lesson_status": "completed"}, user=person.user).status_code == 403
    assert not PackageAttempt.objects.exists()


def test_rate_limited(world, settings):
    _course, lesson, person, client = world
    from lms.packages import views

    views.COMMIT_RATE, saved = "2/m", views.COMMIT_RATE
    try:
        codes = [post(client, lesson, {}, user=person.user).status_code for _ in range(3)]
    finally:
        views.COMMIT_RATE = saved
    assert codes == [200, 200, 429]


def test_marking_a_package_lesson_done_by_hand_is_refused(world):
    _course, lesson, person, client = world
    response = client.post(reverse("courses:lesson_mark_done", args=[lesson.pk]))
    assert response.status_code == 404
    assert not LessonProgress.objects.exists()


def test_a_course_not_for_the_learner_is_refused(world):
    course, lesson, person, client = world
    course.for_staff = course.for_managers = course.for_politicians = False
    course.save()
    assert post(client, lesson, {}, user=person.user).status_code == 404


@pytest.fixture
def h5p_world():
    from lms.packages import services
    from lms.packages.building import folder_zip
    from lms.packages.demo import H5P_SOURCE
    from lms.packages.models import PackageLessonPage
    from tests.courses.factories import make_course

    course, _lessons = make_course(lessons=0, title="H5P-kursen")
    package = services.package_store(upload=folder_zip(H5P_SOURCE, name="fraga.h5p"))
    lesson = course.add_child(instance=PackageLessonPage(title="Frågan", slug="fragan", package=package))
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    return course, lesson, person, client


def test_an_h5p_state_is_kept_to_resume_and_completes_nothing(h5p_world):
    course, lesson, person, client = h5p_world
    state = json.dumps({"svar": 1, "besvarad": False})
    answer = post(client, lesson, {"state": state}, user=person.user, kind="h5p").json()
    assert answer == {"result": True, "errorCode": 0, "done": False, "problems": []}
    assert attempt(person).suspend_data == state
    assert Enrolment.objects.get(person=person, course=course).completed_at is None

    # The player's page hands the state back to H5P as its previousState.
    token = launch_token(user_id=person.user.pk, lesson_id=lesson.pk)
    page = client.get(reverse("packages:h5p_player", args=[token]))
    assert page.status_code == 200
    kept = re.search(r'<script id="lms-h5p-state" type="application/json">(.*?)</script>', page.content.decode())
    assert json.loads(kept.group(1)) == state


def test_an_oversized_h5p_state_is_refused_and_the_stored_one_kept(h5p_world):
    _course, lesson, person, client = h5p_world
    post(client, lesson, {"state": '{"svar": 0}'}, user=person.user, kind="h5p")
    answer = post(client, lesson, {"state": "x" * 64001}, user=person.user, kind="h5p").json()
    assert "64001 characters, over 64000" in answer["problems"][0]
    assert attempt(person).suspend_data == '{"svar": 0}'


def test_an_h5p_state_beside_anything_else_is_not_a_state(h5p_world):
    _course, lesson, person, client = h5p_world
    response = post(client, lesson, {"state": "{}", "verb": "x"}, user=person.user, kind="h5p")
    assert response.status_code == 400
    assert not PackageAttempt.objects.filter(enrolment__person=person).exists()
