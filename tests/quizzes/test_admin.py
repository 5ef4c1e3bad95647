"""Authoring in the Wagtail admin: validation of questions, editing keeps ids, preview."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from lms.quizzes.blocks import QuestionStreamBlock
from tests.factories import UserFactory

from .factories import make_course_with_quiz, multiple, scenario, single, true_false

pytestmark = pytest.mark.django_db


def clean(block_type, value):
    block = QuestionStreamBlock().child_blocks[block_type]
    with translation.override("en"):
        try:
            block.clean(block.to_python(value))
        except ValidationError as exc:
            return " ".join(str(m) for m in getattr(exc, "non_block_errors", exc.messages))
    return ""


def with_correct(question, flags):
    kind, value = question
    value = {**value, "choices": [{**c, "correct": f} for c, f in zip(value["choices"], flags, strict=True)]}
    return kind, value


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (single(), ""),
        (with_correct(single(), [True, True, False]), "exactly one correct"),
        (with_correct(single(), [False, False, False]), "exactly one correct"),
        (multiple(), ""),
        (with_correct(multiple(), [False] * 4), "at least one correct"),
        (true_false(), ""),
        (with_correct(true_false(), [True, True]), "exactly one of the two"),
        (scenario(), ""),
        (with_correct(scenario(), [True, True, False]), "exactly one correct"),
        (
            ("scenario", {**scenario()[1], "choices": [{**c, "feedback": ""} for c in scenario()[1]["choices"]]}),
            "needs feedback",
        ),
    ],
)
def test_question_validation(question, message):
    result = clean(*question)
    assert (message in result) if message else result == ""


def test_a_true_false_question_has_at_most_two_choices():
    """The editor cannot even add a third (issue 34); a forged one is refused on the choices."""
    block = QuestionStreamBlock().child_blocks["true_false"]
    value = {**true_false()[1], "choices": true_false()[1]["choices"] * 2}
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        block.clean(block.to_python(value))
    assert "maximum number of items is 2" in str(refused.value.block_errors["choices"].non_block_errors)


def test_editor_can_open_edit_and_preview(client, db):
    from django.contrib.auth.models import Group

    _course, _lessons, quiz = make_course_with_quiz()
    editor = UserFactory(is_superuser=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[quiz.pk]))
    # Nothing posted to preview yet: Wagtail's "preview not available" page, still 200 (GET is allowed).
    assert response.status_code == 200


def test_preview_marks_right_answers(rf, db):
    _course, _lessons, quiz = make_course_with_quiz(quiz_fields={"questions": [single("Förhandsfråga?")]})
    request = rf.get("/")
    request.user = UserFactory()
    html = quiz.serve_preview(request, "").content.decode()
    assert "Förhandsfråga?" in html and "rätt svar" in html
