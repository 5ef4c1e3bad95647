"""A person's messages in their register extract, and erasure: who sent a message goes, the
message stays (it is about the site; a received message is a public document, see privacy.py)."""

import pytest

from lms.access import privacy
from lms.accessibility.models import AccessibilityFeedback
from lms.organisation import services as organisation_services
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _section(person) -> dict:
    extract = privacy.person_extract(person)
    return next(s for s in extract["sections"] if s["key"] == "accessibility")


def test_the_extract_has_the_messages_sent_signed_in_and_with_the_accounts_address():
    person = PersonFactory(user__email="Kim.Larare@example.se")
    AccessibilityFeedback.objects.create(message="Inloggad", user=person.user, email="")
    AccessibilityFeedback.objects.create(message="Utloggad", email="kim.larare@example.se", name="Kim")
    AccessibilityFeedback.objects.create(message="Någon annans", email="annan@example.se")
    other = PersonFactory(user__email="annan2@example.se")
    AccessibilityFeedback.objects.create(message="Annan inloggad", user=other.user, email="kim.larare@example.se")
    section = _section(person)
    assert section["label"] == "Meddelanden om webbplatsens tillgänglighet"
    assert [m["message"] for m in section["data"]["accessibility_feedback"]] == ["Inloggad", "Utloggad"]
    assert section["data"]["accessibility_feedback"][1]["name"] == "Kim"


def test_erasure_removes_the_sender_and_keeps_the_message():
    person = PersonFactory(user__email="kim@example.se")
    mine = AccessibilityFeedback.objects.create(
        message="Knappen syns inte", user=person.user, name="Kim", email="kim@example.se"
    )
    signed_out = AccessibilityFeedback.objects.create(message="Utloggad", name="Kim", email="KIM@example.se")
    theirs = AccessibilityFeedback.objects.create(message="Annat", name="Bo", email="bo@example.se")
    organisation_services.person_erase(person=person)
    mine.refresh_from_db()
    signed_out.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.user, mine.name, mine.email, mine.message) == (None, "", "", "Knappen syns inte")
    assert (signed_out.name, signed_out.email, signed_out.message) == ("", "", "Utloggad")
    assert (theirs.name, theirs.email) == ("Bo", "bo@example.se")
    assert _section(person)["data"] == {"accessibility_feedback": []}
