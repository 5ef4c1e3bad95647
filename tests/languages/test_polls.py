"""A poll in a translated lesson: asked in the learner's language, answered and counted on the source."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lms.polls.models import PollVote
from tests.factories import PersonFactory
from tests.languages.factories import translate
from tests.polls.factories import make_poll_lesson, the_poll

pytestmark = pytest.mark.django_db


def test_the_poll_is_asked_in_english_and_the_vote_counts_on_the_source(client, home_page):
    _course, lesson = make_poll_lesson()
    translate(lesson, "en", {"Vad skulle du göra?": "What would you do?", "Tacka nej": "Say no"}, prefix="[en] ")
    person = PersonFactory(content_language="en")
    client.force_login(person.user)
    poll = the_poll(lesson)

    section = BeautifulSoup(client.get(lesson.url).content, "html.parser").select_one("[data-testid=poll]")
    assert section["id"] == f"poll-{poll.id}"  # the source's block: the same id in the translation
    assert section.select_one("fieldset legend").get_text() == "What would you do?"
    labels = [label.get_text() for label in section.select("label")]
    assert "Say no" in labels

    response = client.post(
        reverse("courses:lesson_poll_vote", args=[lesson.pk]), {"poll": poll.id, "choice": poll.choices[1].id}
    )
    assert response.status_code == 302
    vote = PollVote.objects.get()
    assert (vote.page_id, vote.block_id, vote.choice_id) == (lesson.pk, poll.id, poll.choices[1].id)
