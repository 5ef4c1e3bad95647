"""Reads: the polls in a page's body, and what one learner may see of each.

What a learner sees of a poll (``PollState``): the form until they have answered; then their
answer, the explanation, and colleagues' answers as counts and percentages from the poll's
released tally (``PollTally``, moved only in steps of at least ``MIN_GROUP`` answers, see
services), once it holds at least ``MIN_GROUP`` answers besides the learner's own
(lms.core.disclosure, the same rule as the public figures). Never who answered what: only counts
leave the database, and never the live ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from lms.core.disclosure import MIN_GROUP

from .blocks import PollBlock
from .models import PollTally, PollVote

POLL_FIELDS = "poll_fields"  # a page type's tuple of the StreamFields that may hold polls (LessonPage: "body")


@dataclass(frozen=True)
class PollChoice:
    id: str
    text: str


@dataclass(frozen=True)
class Poll:
    """A poll block as the learner meets it: its id in the page's body and its choices' ids."""

    id: str
    question: str
    choices: tuple[PollChoice, ...]
    explanation: str

    def choice(self, choice_id) -> PollChoice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class ChoiceResult:
    choice: PollChoice
    count: int
    percent: int
    is_mine: bool


@dataclass(frozen=True)
class PollState:
    """One poll as one learner may see it now: their own answer as it is, everyone's as released."""

    poll: Poll
    my_choice: PollChoice | None
    total: int  # released answers that are one of the poll's current choices
    my_counted_choice: PollChoice | None = None  # what the released counts hold for this learner

    @property
    def answered(self) -> bool:
        return self.my_choice is not None

    @property
    def others(self) -> int:
        """Released answers besides the learner's own: the group the figures describe to them."""
        return self.total - (1 if self.my_counted_choice is not None else 0)

    @property
    def results_shown(self) -> bool:
        return self.answered and self.others >= MIN_GROUP

    @property
    def mine_waiting(self) -> bool:
        """The learner's answer (or their change of it) is not in the figures yet."""
        return self.answered and self.my_choice != self.my_counted_choice

    @property
    def min_group(self) -> int:
        return MIN_GROUP

    # Filled by poll_states; only read through ``results``, which is empty until it may be shown.
    _counts: tuple[tuple[str, int], ...] = ()

    @property
    def results(self) -> list[ChoiceResult]:
        if not self.results_shown:
            return []
        counts = dict(self._counts)
        return [
            ChoiceResult(
                choice=choice,
                count=counts.get(choice.id, 0),
                percent=round(100 * counts.get(choice.id, 0) / self.total),
                is_mine=choice == self.my_choice,
            )
            for choice in self.poll.choices
        ]


def page_polls(page) -> dict[str, Poll]:
    """The polls in the page's StreamFields that hold them (top-level blocks), by block id, in page
    order. ``page`` is the specific page; it names those fields in ``poll_fields`` (its app's page type
    says so: this app reads no other app's models through ``_meta``). No query."""
    polls: dict[str, Poll] = {}
    for name in getattr(page, POLL_FIELDS, ()):
        for child in getattr(page, name) or []:
            if not isinstance(child.block, PollBlock) or not child.id:
                continue
            value = child.value
            polls[child.id] = Poll(
                id=child.id,
                question=value["question"],
                choices=tuple(PollChoice(id=item.id, text=item.value) for item in value["choices"].bound_blocks),
                explanation=value.get("explanation") or "",
            )
    return polls


def poll_states(*, page, user) -> dict[str, PollState]:
    """What ``user`` may see of each poll on ``page``, by block id: one query for all of them (the
    released tallies, with the user's own answer beside each), none when the page has no poll. A
    poll has a tally from its first answer, so a user who answered always finds theirs. Answers
    to a choice an editor has since removed count for nobody, and their writer is asked again."""
    polls = page_polls(page)
    if not polls:
        return {}
    user_id = user.pk if user is not None and user.is_authenticated else None
    mine = PollVote.objects.filter(
        page_id=OuterRef("page_id"), block_id=OuterRef("block_id"), user_id=user_id if user_id else -1
    )
    rows = (
        PollTally.objects.filter(page_id=page.pk, block_id__in=list(polls))
        .annotate(
            my_choice=Subquery(mine.values("choice_id")[:1]),
            my_counted=Subquery(mine.values("released_choice_id")[:1]),
        )
        .values("block_id", "counts", "my_choice", "my_counted")
    )
    found = {row["block_id"]: row for row in rows}
    states = {}
    for poll_id, poll in polls.items():
        row = found.get(poll_id) or {"counts": {}, "my_choice": None, "my_counted": None}
        current = {c.id for c in poll.choices}
        poll_counts = tuple((choice_id, n) for choice_id, n in row["counts"].items() if choice_id in current)
        states[poll_id] = PollState(
            poll=poll,
            my_choice=poll.choice(row["my_choice"]),
            my_counted_choice=poll.choice(row["my_counted"]),
            total=sum(n for _choice, n in poll_counts),
            _counts=poll_counts,
        )
    return states


def votes_of_user(user):
    """The person's own answers, for their register extract."""
    return PollVote.objects.filter(user=user).select_related("page").order_by("page__path", "pk")
