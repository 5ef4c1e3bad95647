"""Writes: a learner answers a poll, or changes their answer.

Whether the learner may see the page at all is the page's business (courses' lesson views ask
before calling); this checks that the poll and the choice exist on the page now.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import PollVote
from .selectors import page_polls

# What the learner is told once their answer is stored (the lesson view says it).
ANSWER_SAVED = _("Thank you for your answer.")


class PollError(Exception):
    """A vote that cannot be stored: the message says why, for the learner."""


@transaction.atomic
def poll_vote(*, user, page, poll_id: str, choice_id: str) -> PollVote:
    """Store ``user``'s answer ``choice_id`` to the poll ``poll_id`` on ``page`` (the specific
    page), replacing an earlier answer. Raises PollError for a poll or choice the page does not
    have, or an anonymous user; nothing is stored then.

    Two requests at once make one row: the unique constraint refuses the second insert and
    update_or_create then updates the row the first made."""
    if user is None or not user.is_authenticated:
        raise PollError(_("Sign in to answer."))
    poll = page_polls(page).get(str(poll_id))
    if poll is None:
        raise PollError(_("This question is no longer on the page. Read the page again and answer."))
    choice = poll.choice(str(choice_id))
    if choice is None:
        raise PollError(_("Choose one of the answers."))
    vote, _created = PollVote.objects.update_or_create(
        user=user, page_id=page.pk, block_id=poll.id, defaults={"choice_id": choice.id}
    )
    return vote


@transaction.atomic
def poll_votes_erase(*, user) -> int:
    """Remove every answer of ``user`` (erasure); the polls' counts go down by theirs."""
    deleted, _by_model = PollVote.objects.filter(user=user).delete()
    return deleted
