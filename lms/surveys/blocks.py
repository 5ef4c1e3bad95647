"""The questions of a survey, as StreamField blocks: sections and four kinds of question.

Every question and every choice has a **key**: a short stable name the answers are stored under.
Texts may be reworded later; the key stays, so two measurement points of an attitude survey with
the same keys can be compared, and answers already given keep meaning the same thing. An editor
need not type one: a key left empty is made from the text when the page is saved (``make_key``),
and from then on it is stored and stays whatever the text becomes (``SurveyPage.clean`` refuses
removing a key that has answers).
"""

from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

KEY_HELP = _(
    "Leave empty: it is made from the text when you save, and then stays when you reword. Or type a short "
    "name (lower-case letters, digits, hyphens), e.g. the same as in an earlier survey of the series."
)
KEY_MAX = 40
key_validator = RegexValidator(r"^[a-z0-9][a-z0-9-]{0,39}$", _("Use lower-case letters, digits and hyphens."))

FREE_TEXT_MAX = 2000  # characters; longer answers are refused with a message
DONT_KNOW = "dont-know"
SCALE = ("1", "2", "3", "4", "5")


class KeyBlock(blocks.CharBlock):
    """A key: a name the answers are stored under, in no language. wagtail-localize offers a block's
    text for translation unless the block says it has none: a translator never sees a key, and a
    translation keeps its source's (the learner's answers are stored under the source's keys anyway)."""

    def get_translatable_segments(self, value) -> list:
        return []


def _key_block(label=None):
    return KeyBlock(
        label=label or _("Key"), required=False, max_length=KEY_MAX, help_text=KEY_HELP, validators=[key_validator]
    )


def make_key(text: str, taken: set[str], fallback: str) -> str:
    """A key from a text ("Jag litar på mina kolleger" → "jag-litar-pa-mina-kolleger"), not one of
    ``taken``: lower-case ASCII, at most KEY_MAX characters, "-2", "-3"… added when needed."""
    base = slugify(text)[:KEY_MAX].strip("-") or fallback
    key, n = base, 1
    while key in taken:
        n += 1
        suffix = f"-{n}"
        key = base[: KEY_MAX - len(suffix)].rstrip("-") + suffix
    return key


class ChoiceBlock(blocks.StructBlock):
    key = _key_block()
    label = blocks.CharBlock(label=_("Choice"), max_length=200)

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class QuestionBlock(blocks.StructBlock):
    """What every question has: a key, the question and whether an answer is needed."""

    key = _key_block()
    text = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=300)
    required = blocks.BooleanBlock(label=_("Answer required"), required=False, default=False)


class AgreementBlock(QuestionBlock):
    """A statement rated 1 (do not agree at all) to 5 (agree completely), or "don't know"."""

    class Meta:
        icon = "list-ol"
        label = _("Agreement scale 1–5")
        description = _("A statement answered from 1 (do not agree at all) to 5 (agree completely), or 'don't know'.")
        preview_value = {"key": "policy-known", "text": "Jag känner till likabehandlingspolicyn."}


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=12, label=_("Choices"))

    def clean(self, value):
        value = super().clean(value)
        # Empty choice keys from their labels, after the typed ones so those keep their names.
        taken = {choice["key"] for choice in value["choices"] if choice["key"]}
        for choice in value["choices"]:
            if not choice["key"]:
                choice["key"] = make_key(choice["label"], taken, fallback="val")
                taken.add(choice["key"])
        keys = [choice["key"] for choice in value["choices"]]
        if len(keys) != len(set(keys)):
            raise StructBlockValidationError(block_errors={"choices": _("Each choice needs its own key.")})
        return value


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        description = _("One answer from a list.")


class MultipleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "tick-inverse"
        label = _("Multiple choice")
        description = _("Any number of answers from a list.")


class FreeTextBlock(QuestionBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Free text")
        description = _("A written answer. Text can reveal who wrote it: use sparingly.")


class SectionBlock(blocks.StructBlock):
    """Starts a group of questions under a heading."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)

    class Meta:
        icon = "title"
        label = _("Section")
        description = _("A heading that groups the questions after it.")


QUESTION_KINDS = ("agreement", "single_choice", "multiple_choice", "free_text")


class SurveyStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    agreement = AgreementBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    free_text = FreeTextBlock()

    def clean(self, value):
        value = super().clean(value)
        questions = [child for child in value if child.block_type in QUESTION_KINDS]
        taken = {child.value["key"] for child in questions if child.value["key"]}
        for child in questions:
            if not child.value["key"]:
                child.value["key"] = make_key(child.value["text"], taken, fallback="fraga")
                taken.add(child.value["key"])
        keys = [child.value["key"] for child in questions]
        if not keys:
            raise StreamBlockValidationError(non_block_errors=[_("Add at least one question.")])
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise StreamBlockValidationError(
                non_block_errors=[
                    _("Each question needs its own key; used more than once: %(keys)s")
                    % {"keys": ", ".join(duplicates)}
                ]
            )
        return value
