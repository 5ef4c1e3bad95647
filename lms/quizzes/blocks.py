"""Question blocks of a quiz. Each question is a StreamField block and each choice a ListBlock item,
so both carry Wagtail's stable ids: attempts and statistics refer to them across revisions."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError


class QuestionType:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SCENARIO = "scenario"


class MultipleScoring:
    ALL_OR_NOTHING = "all_or_nothing"
    PARTIAL = "partial"

    CHOICES = [
        (ALL_OR_NOTHING, _("All or nothing: full credit only when exactly the right choices are ticked")),
        (PARTIAL, _("Partial credit: each right choice counts, each wrong one takes one away (never below zero)")),
    ]


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=500, help_text=_("What the learner sees."))
    correct = blocks.BooleanBlock(label=_("Correct"), required=False, help_text=_("Tick if this choice is right."))
    feedback = blocks.TextBlock(
        label=_("Feedback"),
        required=False,
        help_text=_(
            "Shown to a learner who picked this choice, once they have passed or used every attempt. "
            "Required in scenarios."
        ),
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


EMPTY_CHOICE = {"text": "", "correct": False, "feedback": ""}


class BaseQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"), help_text=_("The question as the learner reads it."))
    explanation = blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Why the right answer is right. Shown once the learner has passed or used every attempt."),
    )
    # Every question needs at least two choices, so a new one starts with two empty ones.
    choices = blocks.ListBlock(
        ChoiceBlock(), min_num=2, max_num=12, default=[EMPTY_CHOICE, EMPTY_CHOICE], label=_("Choices")
    )

    def clean(self, value):
        value = super().clean(value)
        errors = self.question_errors(value)
        if errors:
            raise StructBlockValidationError(non_block_errors=errors)
        return value

    def question_errors(self, value) -> list[ValidationError]:
        return []

    @staticmethod
    def correct_count(value) -> int:
        return sum(1 for choice in value["choices"] if choice["correct"])


class SingleChoiceQuestionBlock(BaseQuestionBlock):
    def question_errors(self, value):
        if self.correct_count(value) != 1:
            return [ValidationError(_("A single-choice question needs exactly one correct choice."))]
        return []

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceQuestionBlock(BaseQuestionBlock):
    scoring = blocks.ChoiceBlock(
        choices=MultipleScoring.CHOICES,
        default=MultipleScoring.ALL_OR_NOTHING,
        label=_("Scoring"),
        help_text=_("How a partly right answer counts."),
    )

    def question_errors(self, value):
        if self.correct_count(value) < 1:
            return [ValidationError(_("A multiple-choice question needs at least one correct choice."))]
        return []

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


# A true/false question starts with its two choices written (in the content's language, Swedish, not the
# editor's); the editor ticks the right one.
TRUE_FALSE_CHOICES = [{**EMPTY_CHOICE, "text": "Sant"}, {**EMPTY_CHOICE, "text": "Falskt"}]


class TrueFalseQuestionBlock(BaseQuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=2, default=TRUE_FALSE_CHOICES, label=_("Choices"))

    def question_errors(self, value):
        if len(value["choices"]) != 2:
            return [ValidationError(_("A true/false question has exactly two choices, e.g. 'True' and 'False'."))]
        if self.correct_count(value) != 1:
            return [ValidationError(_("Mark exactly one of the two choices as correct."))]
        return []

    class Meta:
        icon = "check"
        label = _("True or false")


class ScenarioQuestionBlock(BaseQuestionBlock):
    def clean(self, value):
        value = super().clean(value)
        missing = {
            i: StructBlockValidationError(
                block_errors={"feedback": ValidationError(_("Every choice of a scenario needs feedback."))}
            )
            for i, choice in enumerate(value["choices"])
            if not (choice["feedback"] or "").strip()
        }
        if missing:
            raise StructBlockValidationError(
                block_errors={"choices": ListBlockValidationError(block_errors=missing)},
                non_block_errors=[ValidationError(_("Every choice of a scenario needs feedback."))],
            )
        return value

    def question_errors(self, value):
        if self.correct_count(value) != 1:
            return [ValidationError(_("A scenario needs exactly one correct choice."))]
        return []

    class Meta:
        icon = "openquote"
        label = _("Scenario")


class QuestionStreamBlock(blocks.StreamBlock):
    single = SingleChoiceQuestionBlock()
    multiple = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scenario = ScenarioQuestionBlock()

    def clean(self, value):
        """Give every choice an id of its own. The editor fills each new question's choices from one
        default state, ids included, so two questions added in one session would share choice ids, and
        attempts and statistics find choices by id. Only the later duplicates get new ids."""
        value = super().clean(value)
        seen = set()
        for question in value:
            for choice in question.value["choices"].bound_blocks:
                if not choice.id or choice.id in seen:
                    choice.id = str(uuid.uuid4())
                seen.add(choice.id)
        return value
