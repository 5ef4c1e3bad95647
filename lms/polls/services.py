"""Writes: a learner answers a poll, or changes their answer; the poll's counts are released.

Whether the learner may see the page at all is the page's business (courses' lesson views ask
before calling); this checks that the poll and the choice exist on the page now.

Learners see a poll's released tally (``PollTally``), never the live votes: it is replaced only
when at least ``MIN_GROUP`` people have answered for the first time, changed their answer or been
erased since the last release, so whoever watches the figures sees them move by five people or
more, never by one. Every write to a poll first locks its tally row, so they count one at a time
and always lock in the same order (tally, then votes): no deadlock with a release.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from lms.core.disclosure import MIN_GROUP

from .models import PollTally, PollVote
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
    tally = _tally_locked(page_id=page.pk, block_id=poll.id)
    vote, _created = PollVote.objects.update_or_create(
        user=user, page_id=page.pk, block_id=poll.id, defaults={"choice_id": choice.id}
    )
    poll_tally_release_if_due(tally=tally)
    return vote


def _tally_locked(*, page_id: int, block_id: str) -> PollTally:
    """The poll's tally row, made at its first answer, locked until the transaction ends. (No
    ``get``: two first answers at once both try the insert; the loser reads the winner's row.)"""
    rows = PollTally.objects.select_for_update().filter(page_id=page_id, block_id=block_id)
    tally = rows.first()
    if tally is None:
        try:
            with transaction.atomic():
                tally = PollTally.objects.create(page_id=page_id, block_id=block_id)
        except IntegrityError:
            tally = rows.first()
    return tally


def _waiting(tally: PollTally):
    """The poll's answers that the released counts do not hold as they are now."""
    return PollVote.objects.filter(page_id=tally.page_id, block_id=tally.block_id).exclude(
        released_choice_id=F("choice_id")
    )


@transaction.atomic
def poll_tally_release_if_due(*, tally: PollTally) -> bool:
    """Release the poll's counts if at least MIN_GROUP people's answers wait (new, changed or
    erased since the last release); the caller holds the tally's lock. Returns whether it did."""
    if _waiting(tally).count() + tally.erased_since_release < MIN_GROUP:
        return False
    votes = PollVote.objects.filter(page_id=tally.page_id, block_id=tally.block_id)
    tally.counts = {row["choice_id"]: row["n"] for row in votes.values("choice_id").annotate(n=Count("pk")).order_by()}
    tally.erased_since_release = 0
    tally.save(update_fields=["counts", "erased_since_release"])
    _waiting(tally).update(released_choice_id=F("choice_id"))
    return True


@transaction.atomic
def poll_votes_erase(*, user) -> int:
    """Remove every answer of ``user`` (erasure). The released counts keep theirs until the next
    release, which the erasure counts towards like a changed answer: the counts never drop by one."""
    votes = list(PollVote.objects.filter(user=user).values_list("page_id", "block_id", "released_choice_id"))
    tallies = {
        (t.page_id, t.block_id): t
        for t in PollTally.objects.select_for_update()
        .filter(page_id__in={v[0] for v in votes}, block_id__in={v[1] for v in votes})
        .order_by("pk")
    }
    for page_id, block_id, released in votes:
        tally = tallies.get((page_id, block_id))
        if released and tally is not None:
            tally.erased_since_release += 1
            tally.save(update_fields=["erased_since_release"])
    deleted, _by_model = PollVote.objects.filter(user=user).delete()
    for tally in tallies.values():
        poll_tally_release_if_due(tally=tally)
    return deleted
