"""The editor's way with quizzes: two choices to start with, labels in sentence case, a warning when the
rules let learners collect the answers, and an explanation when a course already has a (draft) quiz."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, streamfield

from lms.quizzes.blocks import ChoiceBlock, QuestionStreamBlock
from lms.quizzes.models import QuizPage, ResultDisplay
from tests.courses.factories import make_course
from tests.factories import UserFactory

from .factories import make_quiz

pytestmark = pytest.mark.django_db

WARNING = "ingen gräns för antalet försök"


@pytest.fixture
def editor_client(client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


# Questions start with two choices.


@pytest.mark.parametrize("kind", ["single", "multiple", "scenario"])
def test_a_new_question_starts_with_two_empty_choices(kind):
    block = QuestionStreamBlock().child_blocks[kind]
    state = block.get_form_state(block.get_default())  # what the editor's "add question" inserts
    assert len(state["choices"]) == 2
    assert all(not c["value"]["text"] and not c["value"]["correct"] for c in state["choices"])


def test_a_new_true_false_question_starts_with_sant_and_falskt_and_none_ticked():
    block = QuestionStreamBlock().child_blocks["true_false"]
    state = block.get_form_state(block.get_default())
    assert [c["value"]["text"] for c in state["choices"]] == ["Sant", "Falskt"]
    assert not any(c["value"]["correct"] for c in state["choices"])
    assert block.child_blocks["choices"].meta.max_num == 2  # no third choice to add


def test_questions_added_together_never_share_choice_ids():
    """The editor fills every new question's choices from one default state, ids included."""
    block = QuestionStreamBlock()

    def question(text):
        return {
            "type": "single",
            "value": {
                "text": text,
                "explanation": "",
                "choices": [
                    {"type": "item", "id": "same-1", "value": {"text": "A", "correct": True, "feedback": ""}},
                    {"type": "item", "id": "same-2", "value": {"text": "B", "correct": False, "feedback": ""}},
                ],
            },
        }

    cleaned = block.clean(block.to_python([question("Ett?"), question("Två?")]))
    ids = [c.id for q in cleaned for c in q.value["choices"].bound_blocks]
    assert len(set(ids)) == 4 and ids[:2] == ["same-1", "same-2"]  # the first keeps its ids


def test_labels_are_in_sentence_case_in_swedish():
    with translation.override("sv"):
        choice = ChoiceBlock()
        assert [str(choice.child_blocks[name].label) for name in ("text", "correct", "feedback")] == [
            "Svarsalternativ",
            "Rätt",
            "Återkoppling",
        ]
        question = QuestionStreamBlock().child_blocks["multiple"]
        labels = [str(question.child_blocks[name].label) for name in ("text", "explanation", "choices", "scoring")]
        assert labels == ["Fråga", "Förklaring", "Svarsalternativ", "Poängsättning"]


# Unlimited attempts with answers shown: a warning.


@pytest.mark.parametrize(
    ("rules", "warned"),
    [
        ({"max_attempts": None, "result_display": ResultDisplay.WRONG}, True),
        ({"max_attempts": None, "result_display": ResultDisplay.ANSWERS}, True),
        ({"max_attempts": None, "result_display": ResultDisplay.SCORE}, False),
        ({"max_attempts": 3, "result_display": ResultDisplay.WRONG}, False),
    ],
)
def test_the_editor_warns_about_unlimited_attempts_with_answers(editor_client, rules, warned):
    course, _ = make_course(lessons=1, ends_with_quiz=True)
    quiz = make_quiz(course, **rules)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    assert ('data-testid="answer-leak-warning"' in html) is warned
    assert (WARNING in html) is warned


def quiz_form_data(**rules) -> dict:
    def choice(text, correct):
        return {"value": {"text": text, "correct": "on" if correct else "", "feedback": ""}, "deleted": "", "order": 0}

    choices = {"count": 2, "0": choice("Folket", True), "1": {**choice("Kungen", False), "order": 1}}
    return nested_form_data(
        {
            "title": "Kunskapstest",
            "slug": "kunskapstest",
            "intro": "",
            "pass_mark": 80,
            "time_limit_minutes": "",
            "questions_to_draw": "",
            "questions": streamfield([("single", {"text": "Vem?", "explanation": "", "choices": choices})]),
            **rules,
        }
    )


@pytest.mark.parametrize(("max_attempts", "warned"), [("", True), ("3", False)])
def test_saving_such_a_quiz_warns_after_saving(editor_client, max_attempts, warned):
    course, _ = make_course(lessons=1, ends_with_quiz=True)
    url = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", course.pk])
    response = editor_client.post(url, quiz_form_data(max_attempts=max_attempts, result_display="wrong"))
    assert response.status_code == 302, response.content.decode()[:2000]
    quiz = QuizPage.objects.child_of(course).get()
    assert (WARNING in messages_of(response)) is warned
    assert quiz.max_attempts == (None if warned else 3)


def test_autosave_gets_no_warning_messages(editor_client):
    course, _ = make_course(lessons=1, ends_with_quiz=True)
    quiz = make_quiz(course, max_attempts=None, publish=False, live=False)
    url = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    response = editor_client.post(
        url, quiz_form_data(max_attempts="", result_display="wrong"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and response.json()["success"]
    assert WARNING not in messages_of(response)


# A course with a quiz already: an explanation, not "no permission".


def add_quiz_url(course):
    return reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", course.pk])


@pytest.mark.parametrize("live", [False, True])
def test_adding_a_second_quiz_leads_to_the_first_with_an_explanation(editor_client, live):
    course, _ = make_course(lessons=1, ends_with_quiz=True, title="Likabehandling")
    existing = make_quiz(course, title="Gammalt test", publish=live, live=live)
    response = editor_client.get(add_quiz_url(course))
    edit_url = reverse("wagtailadmin_pages:edit", args=[existing.pk])
    assert response.status_code == 302 and response.url == edit_url
    message = messages_of(response)
    assert "”Likabehandling” har redan ett kunskapstest, ”Gammalt test”" in message
    assert ("utkast" in message) is not live
    assert f'href="{edit_url}"' in message and "Redigera kunskapstestet" in message
    assert "saknar rättigheter" not in message
    # A second quiz is not created by posting the form either.
    editor_client.post(add_quiz_url(course), quiz_form_data(max_attempts="3", result_display="wrong"))
    assert QuizPage.objects.child_of(course).count() == 1


def test_a_course_without_a_quiz_offers_the_form(editor_client):
    course, _ = make_course(lessons=1, ends_with_quiz=True)
    response = editor_client.get(add_quiz_url(course))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="max_attempts"' in html and 'value="3"' in html  # a new quiz starts with three attempts


def test_the_page_type_list_still_offers_the_quiz(editor_client):
    """So the editor who looks for "Kunskapstest" finds it and is led to the existing one."""
    course, _ = make_course(lessons=1, ends_with_quiz=True)
    make_quiz(course, publish=False, live=False)
    response = editor_client.get(reverse("wagtailadmin_pages:add_subpage", args=[course.pk]))
    assert response.status_code == 200 and add_quiz_url(course) in response.content.decode()


def test_copying_a_quiz_to_a_course_with_a_quiz_is_refused_with_a_message(editor_client):
    course, _ = make_course(lessons=1, ends_with_quiz=True, title="Kurs ett")
    other, _ = make_course(lessons=1, ends_with_quiz=True, title="Kurs två")
    quiz = make_quiz(course)
    make_quiz(other, title="Test två", publish=False, live=False)
    response = editor_client.post(
        reverse("wagtailadmin_pages:copy", args=[quiz.pk]),
        {"new_title": "Kopia", "new_slug": "kopia", "new_parent_page": other.pk},
    )
    assert response.status_code == 200
    assert "”Kurs två” har redan ett kunskapstest, ”Test två”" in response.content.decode()
    assert QuizPage.objects.child_of(other).count() == 1
    # Moving one there is refused by Wagtail's own rule.
    assert not quiz.can_move_to(other)
    third, _ = make_course(lessons=1, ends_with_quiz=True, title="Kurs tre")
    assert quiz.can_move_to(third)
