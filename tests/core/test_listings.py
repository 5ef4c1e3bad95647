"""Issue 34: the admin's lists say "Ja"/"Nej", never "True"/"False", in their columns and in the active
filter ("Aktiv: True" was shown), for every viewset of the project (their base does it)."""

import re

import pytest
from django.utils import translation

from lms.core.listings import YesNoColumn, yes_no, yes_no_columns
from lms.organisation.models import Person
from lms.records.models import RetentionDecision
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_yes_and_no_in_the_readers_language():
    with translation.override("sv"):
        assert (yes_no(True), yes_no(False), yes_no(None)) == ("Ja", "Nej", "")
    with translation.override("en"):
        assert yes_no(True) == "Yes"


def test_boolean_fields_become_yes_no_columns_and_nothing_else_does():
    columns = yes_no_columns(Person, ["full_name", "org_unit", "is_active", "is_active_display"])
    assert columns[:2] == ["full_name", "org_unit"] and columns[3] == "is_active_display"
    assert isinstance(columns[2], YesNoColumn) and columns[2].sort_key == "is_active"
    assert isinstance(yes_no_columns(RetentionDecision, ["reference", "in_force"])[1], YesNoColumn)


def test_the_people_list_and_its_filter_say_ja(admin_client):
    PersonFactory(is_active=True)
    html = admin_client.get("/admin/organisation/people/?is_active=true").content.decode()
    cells = re.sub(r"\s+", " ", html)
    assert ">True<" not in cells and "> True <" not in cells
    assert re.search(r"<td[^>]*>\s*Ja\s*</td>", html)
    assert re.search(r"Aktiv:\s*<b>\s*Ja", html) or re.search(r"Aktiv:\s*(<[^>]+>\s*)*Ja", html)
