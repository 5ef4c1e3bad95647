import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from lms.accessibility.services import statement_page_ensure


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def statement(home_page):
    """The platform's own statement under the home page, as the first install makes it."""
    return statement_page_ensure(parent=home_page, feedback_email="tillganglighet@example.se")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # django-ratelimit counts in the cache; each test starts from nothing
    yield
    cache.clear()
