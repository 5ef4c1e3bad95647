"""A person's poll answers: theirs in the register extract, gone with erasure; nobody else's view."""

import pytest
from django.utils import translation

from lms.access import privacy
from lms.organisation import services
from lms.polls.models import PollTally, PollVote
from lms.polls.selectors import poll_states
from tests.polls.factories import make_poll_lesson, the_poll, votes

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(home_page):
    _course, lesson = make_poll_lesson()
    person, *others = votes(lesson, [1, 9])  # released at 5 and 10
    return lesson, person, others


def section(person):
    extract = privacy.person_extract(person)
    return next(s for s in extract["sections"] if s["key"] == "polls")


def test_the_extract_lists_the_polls_answered_with_the_persons_own_answer(answered):
    lesson, person, _others = answered
    with translation.override("sv"):
        found = section(person)
    assert found["label"] == "Omröstningar i lektioner"
    assert found["data"] == {
        "poll_answers": [
            {"page": lesson.title, "page_id": lesson.pk, "question": "Vad skulle du göra?", "answer": "Tacka ja"}
        ]
    }


def test_the_extract_holds_only_the_persons_answers(answered):
    _lesson, _person, others = answered
    assert [a["answer"] for a in section(others[0])["data"]["poll_answers"]] == ["Tacka nej"]


def test_erasure_deletes_the_persons_answers_and_the_count_goes_down_at_the_next_release(answered):
    lesson, person, others = answered
    counts = lambda: [r.count for r in poll_states(page=lesson, user=others[0].user)[the_poll(lesson).id].results]  # noqa: E731
    services.person_erase(person=person)
    assert not PollVote.objects.filter(user=person.user).exists()
    assert section(person)["data"] == {"poll_answers": []}
    assert counts() == [1, 9, 0]  # not -1 at once: the erasure waits like a changed answer
    votes(lesson, [0, 0, 3])
    assert counts() == [1, 9, 0]
    votes(lesson, [0, 0, 1])  # with the erasure, five waiting: released
    assert counts() == [0, 9, 4]
    assert PollTally.objects.get().counts == {
        c.id: n for c, n in zip(the_poll(lesson).choices[1:], [9, 4], strict=True)
    }


def test_nobody_may_list_answers_in_the_admin(answered, django_user_model):
    from lms.access.rule import policy_for, visible_rows

    _lesson, person, _others = answered
    superuser = django_user_model.objects.create_superuser("root", "root@example.se", "x")
    policy = policy_for(PollVote)
    assert not any(policy.user_has_permission(superuser, action) for action in ("add", "change", "delete", "view"))
    # Rows are their owner's only: not even a superuser reads another person's answer.
    assert not visible_rows(superuser, PollVote.objects.all()).exists()
    assert list(visible_rows(person.user, PollVote.objects.all())) == []  # no permission to list at all
