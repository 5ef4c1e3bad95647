"""Wagtail's own strings that its Swedish catalogue leaves in English come in Swedish from the project's
catalogue (locale/, first in LOCALE_PATHS): in the page editor, in the admin's JavaScript catalogue, on
the admin's sign-in page and in the people listing."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.access.roles import EDITORS_GROUP, HR_GROUP
from tests.courses.factories import make_course
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(client, group: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def test_the_page_editor_speaks_swedish(client):
    signed_in(client, EDITORS_GROUP)
    course, _lessons = make_course()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    for swedish in ("Autosparande är pausat", "Sidopaneler", "Översiktskarta"):
        assert swedish in html
    for english in ("Autosave is paused", "Side panels", "Minimap"):
        assert english not in html


def test_the_admin_javascript_catalogue_has_the_autosave_messages_in_swedish(client):
    signed_in(client, EDITORS_GROUP)
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))

    assert catalogue["Changes have been autosaved."] == "Ändringarna har sparats automatiskt."
    assert catalogue["Autosave in progress…"] == "Sparar automatiskt…"


def test_the_admin_sign_in_labels_the_password_in_swedish(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    labels = [
        re.sub(r"<[^>]+>|\*", "", label).strip() for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    ]
    assert "Lösenord" in labels and "Password" not in labels


def test_the_people_listing_heads_the_name_column_in_swedish(client):
    signed_in(client, HR_GROUP)
    PersonFactory()
    html = client.get("/admin/organisation/people/").content.decode()
    assert "Full name" not in html and ">Namn<" in re.sub(r"\s+", "", html)
