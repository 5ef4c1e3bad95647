"""The access tests' world: built once per module inside a transaction that is rolled back at
the end, with private files (certificate PDFs, exports) in a temporary folder."""

import logging

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from .walker import url_targets
from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("access")
    files = override_settings(
        MEDIA_ROOT=str(folder / "media"),
        LMS_PRIVATE_MEDIA_ROOT=str(folder / "private_media"),
        LMS_CERTIFICATE_VERIFY_RATE="1000000/m",  # hundreds of verification requests in a row
    )
    with files, django_db_blocker.unblock():
        with transaction.atomic():
            cache.clear()
            built = build_world()
            yield built
            transaction.set_rollback(True)
        cache.clear()


@pytest.fixture(scope="module")
def targets(world, django_db_blocker):
    """Every URL to request, and the patterns the walker could not fill."""
    with django_db_blocker.unblock():
        return url_targets(world)


@pytest.fixture
def quiet_logs():
    """The loops make thousands of 404s and 403s on purpose; failures are collected, not logged."""
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)
