import pytest
from django.core.cache import cache

from lms.certificates import services
from tests.certificates.factories import complete, make_certificate_course, make_learner


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()  # the verification rate limit counts in the cache
    yield
    cache.clear()


@pytest.fixture
def course(home_page):
    course, lessons = make_certificate_course()
    course.test_lessons = lessons
    return course


@pytest.fixture
def learner(db):
    return make_learner(email="anna@example.se")


@pytest.fixture
def enrolment(course, learner):
    return complete(learner, course.test_lessons)


@pytest.fixture
def certificate(enrolment):
    certificate = services.certificate_issue(enrolment=enrolment)
    return services.certificate_render(certificate=certificate)
