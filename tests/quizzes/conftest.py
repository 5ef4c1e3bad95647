import pytest

from lms.courses.services import lesson_mark_done

from .factories import make_course_with_quiz, make_learner


@pytest.fixture
def course_quiz(db):
    """A course with one lesson and a published three-question quiz (pass mark 60 %)."""
    course, lessons, quiz = make_course_with_quiz()
    return course, lessons, quiz


@pytest.fixture
def learner(db):
    return make_learner()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner.user)
    return client


@pytest.fixture
def lessons_done(course_quiz, learner):
    for lesson in course_quiz[1]:
        lesson_mark_done(person=learner, lesson=lesson)
