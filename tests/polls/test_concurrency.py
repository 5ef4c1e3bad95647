"""Parallel answers on the real PostgreSQL: one row per person and poll, whatever arrives at once."""

import pytest

from lms.polls import services
from lms.polls.models import PollVote
from tests.factories import PersonFactory
from tests.polls.factories import make_poll_lesson, the_poll
from tests.quizzes.test_concurrency import THREADS, run_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_simultaneous_answers_by_one_person_make_one_row(require_postgres, home_page):
    _course, lesson = make_poll_lesson()
    poll = the_poll(lesson)
    person = PersonFactory()
    choices = iter([c.id for c in poll.choices] * THREADS)

    outcomes = run_parallel(
        lambda: services.poll_vote(user=person.user, page=lesson, poll_id=poll.id, choice_id=next(choices))
    )

    assert all(isinstance(o, PollVote) for o in outcomes), outcomes
    (vote,) = PollVote.objects.filter(user=person.user)
    assert vote.choice_id in {c.id for c in poll.choices}
