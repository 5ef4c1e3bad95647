"""The editors' listing of feedback: built on the access rule's base, rows of the whole group, so
editors and HR for the whole group read the messages, a user limited to part of the group reads
none, and a learner reaches no admin at all. Editors mark a message handled with a note."""

import pytest
from django.contrib.auth.models import Group

from lms.access.models import StaffScope
from lms.access.roles import EDITORS_GROUP, HR_GROUP
from lms.accessibility.models import AccessibilityFeedback
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory

from .conftest import soup

pytestmark = pytest.mark.django_db

LIST = "/admin/accessibility/feedback/"


def _member(group_name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def feedback(db):
    return AccessibilityFeedback.objects.create(
        message="Kontrasten på knappen är för svag.", page_url="/kurser/", email="kim@example.se"
    )


def test_editors_read_the_messages_and_mark_them_handled(client, feedback):
    client.force_login(_member(EDITORS_GROUP))
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "Kontrasten på knappen är för svag." in listing.content.decode()
    edit_url = f"{LIST}edit/{feedback.pk}/"
    form = soup(client.get(edit_url))
    assert form.select_one("textarea[name=message]") is None  # the message itself is read only
    response = client.post(edit_url, {"handled": "on", "note": "Kontrasten rättad i temat."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.handled and feedback.handled_at is not None and feedback.note == "Kontrasten rättad i temat."
    assert feedback.message == "Kontrasten på knappen är för svag."
    client.get(LIST)  # shows (and so uses up) the "saved" message that names it
    assert "Kontrasten på knappen" not in client.get(f"{LIST}?handled=false").content.decode()
    assert "Kontrasten på knappen" in client.get(f"{LIST}?handled=true").content.decode()


def test_nobody_adds_a_message_by_hand_and_editors_delete_none(client, feedback):
    client.force_login(_member(EDITORS_GROUP))
    client.post(f"{LIST}add/", {"message": "Handskrivet"})
    assert not AccessibilityFeedback.objects.filter(message="Handskrivet").exists()
    client.post(f"{LIST}delete/{feedback.pk}/")
    assert AccessibilityFeedback.objects.filter(pk=feedback.pk).exists()


def test_hr_for_the_whole_group_may_delete_one_on_request(client, feedback):
    client.force_login(_member(HR_GROUP))
    assert client.get(LIST).status_code == 200
    client.post(f"{LIST}delete/{feedback.pk}/")
    assert not AccessibilityFeedback.objects.filter(pk=feedback.pk).exists()


def test_a_user_limited_to_part_of_the_group_sees_no_message(client, feedback):
    hr = _member(HR_GROUP)
    StaffScope.objects.create(user=hr, org_unit=OrgUnitFactory(name="Förvaltning A", code="FA"))
    client.force_login(hr)
    listing = client.get(LIST)
    assert "Kontrasten på knappen" not in listing.content.decode()
    assert client.get(f"{LIST}edit/{feedback.pk}/").status_code == 404
    assert client.get(f"{LIST}inspect/{feedback.pk}/").status_code == 404
    client.post(f"{LIST}edit/{feedback.pk}/", {"handled": "on"})
    feedback.refresh_from_db()
    assert not feedback.handled


def test_a_learner_reaches_no_admin(client, feedback):
    client.force_login(PersonFactory().user)
    response = client.get(LIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
