"""The editor need not type a survey question's key: one left empty is made from the text when the page
is saved, unique in the survey, and stays once stored whatever the text becomes; typed keys are kept."""

import pytest
from django.core.exceptions import ValidationError

from lms.surveys.blocks import KEY_MAX, SurveyStreamBlock, make_key

from .factories import make_survey


def cleaned(raw: list[dict]):
    block = SurveyStreamBlock()
    return block.clean(block.to_python(raw))


def question(text: str, key: str = "", kind: str = "agreement", **more) -> dict:
    return {"type": kind, "value": {"key": key, "text": text, "help_text": "", "required": False, **more}}


def keys(value) -> list[str]:
    return [child.value["key"] for child in value if child.block_type != "section"]


def test_an_empty_key_is_made_from_the_question():
    value = cleaned([question("Jag känner till fullmäktiges mål för demokrati.")])
    assert keys(value) == ["jag-kanner-till-fullmaktiges-mal-for-dem"]
    assert len(keys(value)[0]) <= KEY_MAX


def test_typed_keys_stay_and_made_keys_never_repeat_them():
    value = cleaned(
        [
            question("Jag litar på mina kolleger.", key="jag-litar-pa-mina-kolleger"),
            question("Jag litar på mina kolleger."),
            question("Jag litar på mina kolleger."),
        ]
    )
    assert keys(value) == ["jag-litar-pa-mina-kolleger", "jag-litar-pa-mina-kolleger-2", "jag-litar-pa-mina-kolleger-3"]


def test_choice_keys_are_made_from_their_labels():
    choices = [{"key": "", "label": "Ja, alltid"}, {"key": "nej", "label": "Nej"}, {"key": "", "label": "Nej"}]
    value = cleaned([question("Säger du ifrån?", kind="single_choice", choices=choices)])
    assert [c["key"] for c in value[0].value["choices"]] == ["ja-alltid", "nej", "nej-2"]


def test_a_text_without_letters_gets_a_plain_key():
    assert make_key("???", set(), fallback="fraga") == "fraga"
    assert make_key("???", {"fraga"}, fallback="fraga") == "fraga-2"
    assert len(make_key("a" * 60, {"a" * KEY_MAX}, fallback="x")) == KEY_MAX


def test_a_typed_key_is_still_checked():
    with pytest.raises(ValidationError):
        cleaned([question("Fråga", key="Med Versaler")])


@pytest.mark.django_db
def test_a_made_key_is_stored_and_stays_when_the_question_is_reworded():
    survey = make_survey()
    raw = survey.questions.raw_data
    raw.append(question("Jag vet vart jag vänder mig."))
    survey.questions = SurveyStreamBlock().clean(SurveyStreamBlock().to_python(list(raw)))
    survey.save_revision().publish()
    survey.refresh_from_db()
    made = [q["key"] for q in survey.question_blocks()][-1]
    assert made == "jag-vet-vart-jag-vander-mig"

    raw = survey.questions.raw_data
    raw[-1]["value"]["text"] = "Jag vet vem jag ska fråga."
    survey.questions = SurveyStreamBlock().clean(SurveyStreamBlock().to_python(list(raw)))
    survey.save_revision().publish()
    survey.refresh_from_db()
    assert [q["key"] for q in survey.question_blocks()][-1] == made
