"""Lesson blocks: the site's shared blocks plus what teaching needs (case/dilemma, and a poll after it)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lms.core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from lms.polls.blocks import PollBlock


class DilemmaBlock(blocks.StructBlock):
    """A case from working life and a question to reflect on, with guidance folded away until asked for."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    scenario = blocks.RichTextBlock(label=_("Case"), features=RICH_TEXT_FEATURES)
    reflection_question = blocks.CharBlock(label=_("Reflection question"), max_length=400)
    guidance = blocks.RichTextBlock(
        label=_("Points to consider"),
        features=RICH_TEXT_FEATURES,
        required=False,
        help_text=_("Shown when the learner opens it, after thinking for themselves."),
    )

    class Meta:
        icon = "help"
        label = _("Case / dilemma")
        template = "blocks/dilemma_block.html"
        preview_value = {
            "title": "Kollegan och släktingen",
            "scenario": "<p>En kollega ska handlägga sin kusins bygglovsansökan.</p>",
            "reflection_question": "Vad bör kollegan göra?",
            "guidance": "<p>Tänk på jäv och allmänhetens förtroende.</p>",
        }
        description = _("A realistic case with a question for the learner to reflect on.")


class DiscussionBlock(blocks.StructBlock):
    """A question for a group to talk over, with guidance for whoever leads the talk: shown large in a
    group session's presentation (lms.group_training), and as a question to think about to a learner alone."""

    question = blocks.CharBlock(label=_("Question for the group"), max_length=400)
    leader_guidance = blocks.RichTextBlock(
        label=_("Guidance for the leader"),
        features=RICH_TEXT_FEATURES,
        required=False,
        help_text=_("How to lead the talk and what it should reach; folded away until opened."),
    )
    minutes = blocks.IntegerBlock(
        label=_("Minutes"), required=False, min_value=1, max_value=60, help_text=_("Roughly how long to talk.")
    )

    class Meta:
        icon = "group"
        label = _("Discussion question")
        template = "blocks/discussion_block.html"
        preview_value = {
            "question": "När har ni sett någon behandlas annorlunda på vår arbetsplats?",
            "leader_guidance": "<p>Låt alla komma till tals. Inga namn på kollegor eller brukare.</p>",
            "minutes": 10,
        }
        description = _("A question for a group to discuss, with guidance for the leader of a group session.")


class LessonStreamBlock(BaseStreamBlock):
    dilemma = DilemmaBlock()
    discussion = DiscussionBlock()
    poll = PollBlock()  # answered on the lesson page: views.lesson_poll_vote_view
