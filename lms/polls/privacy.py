"""The polls app's section of a person's register extract, and its part of erasure.

The extract lists the polls the person answered, with their own answer: it is their data. Nobody
else ever reads it (models.PollVote).

Erasure deletes the person's answers rather than keeping them without the link. A poll is a
prompt to reflect in a lesson, not a statistic the organisation must keep (the surveys are that);
an answer kept without its account would still sit in the row order beside the others and could
be matched with what else is known of who answered when. The counts go down by one.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import register_personal_data_section

from .selectors import page_polls, votes_of_user
from .services import poll_votes_erase

POLLS_LABEL = pgettext_lazy("personal data", "Polls in lessons")

KEY_LABELS = {
    "poll_answers": pgettext_lazy("personal data", "Your answers to polls in lessons"),
    "page": pgettext_lazy("personal data", "Page"),
    "page_id": pgettext_lazy("personal data", "Page id"),
    "question": pgettext_lazy("personal data", "Question"),
    "answer": pgettext_lazy("personal data", "Your answer"),
}


def polls_section(person) -> dict:
    answers = []
    polls_by_page: dict[int, dict] = {}
    for vote in votes_of_user(person.user):
        if vote.page_id not in polls_by_page:
            polls_by_page[vote.page_id] = page_polls(vote.page.specific)
        poll = polls_by_page[vote.page_id].get(vote.block_id)
        choice = poll.choice(vote.choice_id) if poll is not None else None
        answers.append(
            {
                "page": vote.page.title,
                "page_id": vote.page_id,
                # A poll or answer an editor has since removed: its ids are all that is left.
                "question": poll.question if poll is not None else vote.block_id,
                "answer": choice.text if choice is not None else vote.choice_id,
            }
        )
    return {"poll_answers": answers}


def erase_polls(person) -> None:
    """Runs inside ``person_erase``'s transaction."""
    poll_votes_erase(user=person.user)


register_personal_data_section("polls", POLLS_LABEL, polls_section, erase=erase_polls, key_labels=KEY_LABELS)
