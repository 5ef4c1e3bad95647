"""Demo answers to the polls in a demo page, from demo people (not the README's accounts, so
that whoever signs in as one of them meets the question unanswered). Idempotent: the same people
answer the same way on every run. Called by the courses demo with each lesson's ``poll_votes``."""

from itertools import islice

from lms.organisation.demo import DEMO_ACCOUNTS
from lms.organisation.models import Person

from . import services
from .selectors import page_polls


def poll_votes_load(*, page, counts: list[list[int]]) -> int:
    """``counts[i][j]`` demo people choose the j-th answer of the page's i-th poll. Returns the
    number of answers made or confirmed (fewer when there are not enough people)."""
    accounts = {account[0] for account in DEMO_ACCOUNTS}
    people = list(
        Person.objects.filter(is_active=True).exclude(user__username__in=accounts).select_related("user").order_by("pk")
    )
    made = 0
    for poll, per_choice in zip(page_polls(page).values(), counts, strict=False):
        voters = iter(people)
        for choice, n in zip(poll.choices, per_choice, strict=False):
            # As many as there are: a courses demo loaded without the group's people has none.
            for person in islice(voters, n):
                services.poll_vote(user=person.user, page=page, poll_id=poll.id, choice_id=choice.id)
                made += 1
    return made
