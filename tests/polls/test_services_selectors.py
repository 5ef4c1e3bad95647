"""Answering a poll and what a learner may see of it: counts only, and only from five answers."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models.query import QuerySet
from django.utils import translation

from lms.core.disclosure import MIN_GROUP
from lms.polls import services
from lms.polls.models import PollTally, PollVote
from lms.polls.selectors import page_polls, poll_states
from lms.reports.selectors import PUBLIC_MIN_GROUP
from tests.factories import UserFactory
from tests.polls.factories import CHOICES, QUESTION, make_poll_lesson, the_poll, votes

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(home_page):
    return make_poll_lesson()[1]


def state(lesson, user):
    return poll_states(page=lesson, user=user)[the_poll(lesson).id]


def test_the_poll_is_read_from_the_lesson_body_with_stable_ids(lesson):
    (poll,) = page_polls(lesson).values()
    assert poll.question == QUESTION
    assert [c.text for c in poll.choices] == CHOICES
    again = the_poll(type(lesson).objects.get(pk=lesson.pk))
    assert again == poll  # the ids are stored, not made up at each read


def test_the_threshold_is_the_public_figures_one():
    assert MIN_GROUP == PUBLIC_MIN_GROUP == 5


def test_before_answering_nothing_is_shown_even_with_many_answers(lesson):
    votes(lesson, [3, 3])
    seen = state(lesson, UserFactory())
    assert not seen.answered and seen.total == 5  # released at the fifth answer; the sixth waits
    assert not seen.results_shown and seen.results == []


def test_four_answers_are_not_released_and_show_nothing(lesson):
    first, *_ = votes(lesson, [2, 1, 1])
    seen = state(lesson, first.user)
    assert seen.answered and seen.total == 0 and seen.mine_waiting
    assert not seen.results_shown and seen.results == []


def test_five_released_answers_are_not_shown_to_one_of_the_five(lesson):
    """The learner's own answer does not count towards the five: four others are too few."""
    first, *_ = votes(lesson, [3, 2, 0])
    seen = state(lesson, first.user)
    assert seen.total == 5 and seen.others == 4 and not seen.mine_waiting
    assert not seen.results_shown and seen.results == []


def test_five_others_show_counts_and_percentages_for_every_choice(lesson):
    votes(lesson, [3, 2, 0])
    (late,) = votes(lesson, [1])  # after the release: not in the counts, which are five others'
    seen = state(lesson, late.user)
    assert seen.results_shown and seen.others == 5 and seen.mine_waiting
    assert [(r.choice.text, r.count, r.percent, r.is_mine) for r in seen.results] == [
        ("Tacka ja", 3, 60, True),
        ("Tacka nej", 2, 40, False),
        ("Fråga chefen", 0, 0, False),
    ]


def test_the_counts_move_only_when_five_people_have_answered_or_changed_since_the_last_release(lesson):
    poll = the_poll(lesson)
    first, *_ = votes(lesson, [6, 4])  # released at 5 and at 10
    counts = lambda: [r.count for r in state(lesson, first.user).results]  # noqa: E731
    assert counts() == [6, 4, 0]
    services.poll_vote(user=first.user, page=lesson, poll_id=poll.id, choice_id=poll.choices[2].id)
    seen = state(lesson, first.user)
    assert counts() == [6, 4, 0] and seen.my_choice == poll.choices[2] and seen.mine_waiting  # no -1/+1
    assert PollVote.objects.filter(user=first.user).count() == 1
    votes(lesson, [0, 0, 3])
    assert counts() == [6, 4, 0]  # four waiting
    votes(lesson, [0, 0, 1])  # the fifth: released
    assert counts() == [5, 4, 5] and not state(lesson, first.user).mine_waiting


def test_one_person_changing_back_and_forth_is_one_waiting_answer(lesson):
    poll = the_poll(lesson)
    first, *_ = votes(lesson, [6, 4])
    for i in range(12):
        choice = poll.choices[1 + i % 2]
        services.poll_vote(user=first.user, page=lesson, poll_id=poll.id, choice_id=choice.id)
    assert [r.count for r in state(lesson, first.user).results] == [6, 4, 0]
    # Back to the answer the counts hold: nothing waits at all.
    services.poll_vote(user=first.user, page=lesson, poll_id=poll.id, choice_id=poll.choices[0].id)
    assert not state(lesson, first.user).mine_waiting


def test_answering_the_same_again_changes_nothing(lesson):
    poll = the_poll(lesson)
    first, *_ = votes(lesson, [6, 4])
    for _i in range(5):
        services.poll_vote(user=first.user, page=lesson, poll_id=poll.id, choice_id=poll.choices[0].id)
    assert PollTally.objects.get().counts == {poll.choices[0].id: 6, poll.choices[1].id: 4}


def test_one_row_per_person_and_poll_is_a_database_rule(lesson):
    (person,) = votes(lesson, [1])
    vote = PollVote.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        PollVote.objects.create(user=person.user, page=lesson, block_id=vote.block_id, choice_id=vote.choice_id)


def test_a_second_request_that_lost_the_race_updates_the_row_the_first_made(lesson, monkeypatch):
    """The two requests both saw no row; the first inserted. The second's insert meets the unique
    constraint, and update_or_create then finds and updates that row: one answer, the last."""
    (person,) = votes(lesson, [1])
    poll = the_poll(lesson)
    real_get = QuerySet.get
    misses = iter([True])

    def get_missing_once(self, *args, **kwargs):  # the moment before the first request committed
        if next(misses, False):
            raise PollVote.DoesNotExist
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "get", get_missing_once)
    services.poll_vote(user=person.user, page=lesson, poll_id=poll.id, choice_id=poll.choices[1].id)
    monkeypatch.undo()
    assert list(PollVote.objects.values_list("choice_id", flat=True)) == [poll.choices[1].id]


@pytest.mark.parametrize(
    "poll_id, choice_index, message",
    [
        ("no-such-poll", 0, "no longer on the page"),
        (None, None, "Choose one of the answers"),  # a choice id from elsewhere
        (None, "", "Choose one of the answers"),  # nothing chosen
    ],
)
def test_unknown_polls_and_choices_store_nothing(lesson, poll_id, choice_index, message):
    poll = the_poll(lesson)
    choice_id = {None: "4a0c2b1e-0000-4000-8000-000000000000", "": "", 0: poll.choices[0].id}[choice_index]
    with translation.override("en"), pytest.raises(services.PollError, match=message):
        services.poll_vote(user=UserFactory(), page=lesson, poll_id=poll_id or poll.id, choice_id=choice_id)
    assert not PollVote.objects.exists()


def test_anonymous_cannot_answer(lesson):
    from django.contrib.auth.models import AnonymousUser

    poll = the_poll(lesson)
    with pytest.raises(services.PollError):
        services.poll_vote(user=AnonymousUser(), page=lesson, poll_id=poll.id, choice_id=poll.choices[0].id)
    assert not PollVote.objects.exists()


def test_answers_to_a_removed_choice_count_for_nobody_and_their_writer_is_asked_again(lesson):
    people = votes(lesson, [1, 5])
    body = lesson.body
    poll_child = next(child for child in body if child.block_type == "poll")
    del poll_child.value["choices"][0]  # the editor removes the first answer
    lesson.save()
    seen = state(type(lesson).objects.get(pk=lesson.pk), people[0].user)
    assert not seen.answered and seen.total == 4  # released at five: one for the removed answer


def test_two_polls_on_a_page_are_counted_apart(home_page):
    _course, lesson = make_poll_lesson(polls=2)
    first, second = page_polls(lesson).values()
    votes(lesson, [5], poll=first)
    voter = votes(lesson, [1], poll=second)[0]
    states = poll_states(page=lesson, user=voter.user)
    assert (states[first.id].total, states[second.id].total) == (5, 0)
    assert not states[first.id].answered and states[second.id].answered
