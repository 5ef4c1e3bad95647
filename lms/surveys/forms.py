"""The learner's answer form, built from the survey's questions. Django's own validation refuses
choices that are not the question's (tampered ids) and over-long text, field by field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .blocks import DONT_KNOW, FREE_TEXT_MAX

AGREEMENT_LABELS = {
    "1": _("1 – Do not agree at all"),
    "2": "2",
    "3": "3",
    "4": "4",
    "5": _("5 – Agree completely"),
    DONT_KNOW: _("Don't know"),
}


def field_name(key: str) -> str:
    return f"q-{key}"


class SurveyAnswerForm(forms.Form):
    """One field per question, in order; ``answers()`` gives {question key: [values] or text}."""

    def __init__(self, *args, survey, words=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = survey.question_blocks(words)  # words: the texts in the learner's language
        for question in self.questions:
            self.fields[field_name(question["key"])] = self._field(question)

    @staticmethod
    def _field(question: dict) -> forms.Field:
        common = {"label": question["text"], "help_text": question["help_text"], "required": question["required"]}
        kind = question["kind"]
        if kind == "agreement":
            choices = [(key, AGREEMENT_LABELS[key]) for key, _label in question["choices"]]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        if kind == "single_choice":
            return forms.ChoiceField(choices=question["choices"], widget=forms.RadioSelect, **common)
        if kind == "multiple_choice":
            return forms.MultipleChoiceField(choices=question["choices"], widget=forms.CheckboxSelectMultiple, **common)
        return forms.CharField(
            max_length=FREE_TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")},
            **common,
        )

    def sections(self):
        """The bound fields grouped by section, for the template: [(heading, [(question, field)])]."""
        grouped: list[tuple[str | None, list]] = []
        for question in self.questions:
            if not grouped or grouped[-1][0] != question["section"]:
                grouped.append((question["section"], []))
            grouped[-1][1].append((question, self[field_name(question["key"])]))
        return grouped

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(self.answers().values()):
            raise forms.ValidationError(_("Answer at least one question before sending."))
        return cleaned

    def answers(self) -> dict[str, list[str] | str]:
        found = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question["key"]))
            if question["kind"] == "free_text":
                found[question["key"]] = (value or "").strip()
            elif question["kind"] == "multiple_choice":
                found[question["key"]] = list(value or [])
            else:
                found[question["key"]] = [value] if value else []
        return found
