"""Question blocks of a quiz. Each question is a StreamField block and each choice a ListBlock item,
so both carry Wagtail's stable ids: attempts and statistics refer to them across revisions."""

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
    text = blocks.CharBlock(label=_("choice"), max_length=500, help_text=_("What the learner sees."))
    correct = blocks.BooleanBlock(label=_("correct"), required=False, help_text=_("Tick if this choice is right."))
    feedback = blocks.TextBlock(
        label=_("feedback"),
        required=False,
        help_text=_("Shown after submitting, to a learner who picked this choice. Required in scenarios."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class BaseQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("question"), help_text=_("The question as the learner reads it."))
    explanation = blocks.TextBlock(
        label=_("explanation"),
        required=False,
        help_text=_("Why the right answer is right. Shown after submitting, if the quiz shows answers."),
    )
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=12, label=_("choices"))

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
        label=_("scoring"),
        help_text=_("How a partly right answer counts."),
    )

    def question_errors(self, value):
        if self.correct_count(value) < 1:
            return [ValidationError(_("A multiple-choice question needs at least one correct choice."))]
        return []

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")


class TrueFalseQuestionBlock(BaseQuestionBlock):
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
