"""The packages in the admin: a package a lesson plays is not deleted, from its own page or in bulk, and
the editor is told why (Wagtail reads the PROTECT on PackageLessonPage.package from its reference index)."""

import re

import pytest
from django.urls import reverse

from lms.packages.models import ContentPackage

from .helpers import package_course, stored_package

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_package_a_lesson_plays_is_not_deleted(admin_client, home_page):
    _course, _made, lesson = package_course()
    url = reverse("wagtailsnippets_packages_contentpackage:delete", args=[lesson.package_id])

    asked = admin_client.get(url)
    assert asked.status_code == 200
    assert "hindrar att den raderas" in text_of(asked)

    admin_client.post(url)
    assert ContentPackage.objects.filter(pk=lesson.package_id).exists()


def test_nor_in_bulk(admin_client, home_page):
    _course, _made, lesson = package_course()
    unused = stored_package(title="Oanvänt")
    url = reverse("wagtail_bulk_action", args=["packages", "contentpackage", "delete"])
    chosen = f"{url}?id={lesson.package_id}&id={unused.pk}"

    asked = admin_client.get(chosen)
    assert asked.status_code == 200
    assert "hindrar att den raderas" in text_of(asked)
    assert "Ja, radera" not in text_of(asked)  # only the way back is offered

    admin_client.post(chosen)
    assert ContentPackage.objects.filter(pk__in=[lesson.package_id, unused.pk]).count() == 2


def test_an_unused_package_is_deleted(admin_client, home_page):
    unused = stored_package(title="Oanvänt")
    url = reverse("wagtailsnippets_packages_contentpackage:delete", args=[unused.pk])
    assert "Ja, radera" in text_of(admin_client.get(url))
    admin_client.post(url)
    assert not ContentPackage.objects.filter(pk=unused.pk).exists()
