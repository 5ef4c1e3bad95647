"""The poll block: one question after a dilemma ("Vad skulle du göra?"), answered in the lesson.

Pages put it in their body's StreamBlock (courses' ``LessonStreamBlock``). Its id in the stream
names the poll and its choices' list-item ids name the choices, so answers survive an editor
rewording, reordering or adding choices. The page that shows it puts ``poll_states``
(``selectors.poll_states``) and ``poll_vote_url`` (where the form posts) in its context; without
them (the editor's preview) the block shows the question and choices without a form.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

MIN_CHOICES = 2
MAX_CHOICES = 6

# The context keys the page fills in (see the module docstring).
STATES_CONTEXT_KEY = "poll_states"
VOTE_URL_CONTEXT_KEY = "poll_vote_url"


class PollBlock(blocks.StructBlock):
    """One question with two to six answers; colleagues' answers are shown, as counts only, to
    those who have answered, once enough have (lms.core.disclosure.MIN_GROUP)."""

    question = blocks.CharBlock(
        label=_("Question"),
        max_length=300,
        help_text=_("One question the learner answers, e.g. 'What would you do?'."),
    )
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Answer"), max_length=200),
        min_num=MIN_CHOICES,
        max_num=MAX_CHOICES,
        default=[""] * MIN_CHOICES,  # a new poll shows the two answer fields it needs
        label=_("Answers to choose from"),
        help_text=_("Two to six. Rewording an answer keeps the votes for it; removing it drops them."),
    )
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        max_length=1000,
        help_text=_("Optional. Shown once the learner has answered, e.g. what the rules say."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Poll")
        template = "polls/blocks/poll_block.html"
        preview_value = {
            "question": "Vad skulle du göra?",
            "choices": ["Tacka ja", "Tacka nej", "Fråga min chef först"],
            "explanation": "En förmån från en anbudsgivare kan påverka, eller uppfattas påverka, din bedömning.",
        }
        description = _(
            "A question the learners answer; they see how colleagues answered once at least five have. "
            "Put it after a case."
        )

    def clean(self, value):
        value = super().clean(value)
        texts = [" ".join(str(text).split()).casefold() for text in value["choices"]]
        if len(set(texts)) != len(texts):
            raise StructBlockValidationError(
                block_errors={
                    "choices": ListBlockValidationError(
                        non_block_errors=[
                            ValidationError(_("Two answers have the same text: make each one different."))
                        ]
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        states = context.get(STATES_CONTEXT_KEY) or {}
        # The stream puts the block's id in the context (StreamValue.StreamChild.render).
        context["poll"] = states.get(context.get("id"))
        return context
