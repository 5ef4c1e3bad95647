"""The roll-up is refreshed soon after the courses app's signals: a completion, an assignment run."""

import pytest

from lms.courses.signals import enrolments_assigned
from lms.requirements.assignment import assign_all, assign_course
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def refreshes(monkeypatch):
    calls = []
    monkeypatch.setattr("lms.reports.services.summary_refresh_soon", lambda: calls.append(1))
    return calls


@pytest.fixture
def sent():
    received = []

    def listener(sender, signal, **kwargs):
        received.append(kwargs)

    enrolments_assigned.connect(listener, dispatch_uid="tests.sent")
    yield received
    enrolments_assigned.disconnect(dispatch_uid="tests.sent")


def test_an_assignment_run_is_announced_once_on_commit(home_page, refreshes, sent, django_capture_on_commit_callbacks):
    course, _lessons = make_course(title="Demokrati", lessons=1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assign_course(course_id=course.pk)
    assert sent == [] and refreshes == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sent == [{"course_ids": [course.pk], "person_ids": None}]
    assert refreshes == [1]


def test_a_run_over_every_course_is_one_announcement(home_page, refreshes, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assign_all(person_ids=[1, 2])
    assert len(sent) == 1 and sent[0]["person_ids"] == [1, 2]
    assert refreshes == [1]
