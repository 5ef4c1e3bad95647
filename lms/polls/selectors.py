"""Reads: the polls in a page's body, and what one learner may see of each.

What a learner sees of a poll (``PollState``): the form until they have answered; then their
answer, the explanation, and colleagues' answers as counts and percentages once at least
``MIN_GROUP`` people have answered (lms.core.disclosure, the same rule as the public figures).
Never who answered what: only counts leave the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail.fields import StreamField

from lms.core.disclosure import MIN_GROUP

from .blocks import PollBlock
from .models import PollVote


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
    """One poll as one learner may see it now."""

    poll: Poll
    my_choice: PollChoice | None
    total: int  # people whose answer is one of the poll's current choices

    @property
    def answered(self) -> bool:
        return self.my_choice is not None

    @property
    def results_shown(self) -> bool:
        return self.answered and self.total >= MIN_GROUP

    @property
    def more_needed(self) -> int:
        """How many more answers before the results are shown (0 once they are)."""
        return max(MIN_GROUP - self.total, 0)

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
    """The polls in the page's StreamFields (top-level blocks), by block id, in page order.
    ``page`` is the specific page. No query."""
    polls: dict[str, Poll] = {}
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for child in getattr(page, field.name) or []:
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
    """What ``user`` may see of each poll on ``page``, by block id: one query for all of them,
    none when the page has no poll. Answers to a choice an editor has since removed count for
    nobody, and their writer is asked again."""
    polls = page_polls(page)
    if not polls:
        return {}
    user_id = user.pk if user is not None and user.is_authenticated else None
    counts: dict[str, dict[str, int]] = {poll_id: {} for poll_id in polls}
    mine: dict[str, str] = {}
    rows = (
        PollVote.objects.filter(page_id=page.pk, block_id__in=list(polls))
        .values("block_id", "choice_id")
        .annotate(n=Count("pk"), mine=Count("pk", filter=Q(user_id=user_id)))
        .order_by()
    )
    for row in rows:
        counts[row["block_id"]][row["choice_id"]] = row["n"]
        if row["mine"]:
            mine[row["block_id"]] = row["choice_id"]
    states = {}
    for poll_id, poll in polls.items():
        current = {c.id for c in poll.choices}
        poll_counts = tuple((choice_id, n) for choice_id, n in counts[poll_id].items() if choice_id in current)
        states[poll_id] = PollState(
            poll=poll,
            my_choice=poll.choice(mine.get(poll_id)),
            total=sum(n for _choice, n in poll_counts),
            _counts=poll_counts,
        )
    return states


def votes_of_user(user):
    """The person's own answers, for their register extract."""
    return PollVote.objects.filter(user=user).select_related("page").order_by("page__path", "pk")
