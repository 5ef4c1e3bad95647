"""The poll block as editors meet it: made through the lesson editor, and refused when it would
make no sense (too few or too many answers, two alike)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from lms.courses.models import LessonPage
from lms.polls.blocks import PollBlock
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db


def lesson_form(slug="gavor"):
    poll = {
        "question": "Vad skulle du göra?",
        "choices": streamfield([("item", "Tacka ja"), ("item", "Tacka nej")]),
        "explanation": "",
    }
    return nested_form_data(
        {
            "title": "Gåvor",
            "slug": slug,
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Ett fall.</p>")), ("poll", poll)]),
        }
    )


def test_an_editor_adds_a_poll_after_a_case(admin_client, home_page):
    course, _lessons = make_course(lessons=0)
    data = lesson_form()
    case = WagtailPageTestCase()
    case.client = admin_client
    case.assertCanCreate(course, LessonPage, data)
    lesson = LessonPage.objects.get(slug="gavor")
    assert [child.block_type for child in lesson.body] == ["paragraph", "poll"]


def test_the_preview_of_a_new_lesson_shows_the_poll_without_a_form(admin_client, home_page):
    course, _lessons = make_course(lessons=0)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["courses", "lessonpage", course.pk])
    assert admin_client.post(url, lesson_form()).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "Vad skulle du göra?" in html and "Tacka nej" in html
    assert 'name="choice"' not in html  # an unsaved lesson has nowhere to send answers


@pytest.mark.parametrize(
    "choices, message",
    [
        (["Ja"], "minsta antalet"),
        ([f"Svar {i}" for i in range(7)], "maximala antalet"),
        (["Tacka ja", " tacka  JA "], "Två svarsalternativ har samma text: gör dem olika."),
    ],
)
def test_nonsense_polls_are_refused_on_the_answers(choices, message):
    block = PollBlock()
    value = block.to_python({"question": "Vad skulle du göra?", "choices": choices, "explanation": ""})
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    (error,) = refused.value.as_json_data()["blockErrors"]["choices"]["messages"]
    assert message in error


def test_a_new_poll_starts_with_the_two_answer_fields_it_needs():
    block = PollBlock()
    state = block.get_form_state(block.get_default())  # what the editor's "add poll" inserts
    assert len(state["choices"]) == 2 and not any(item["value"] for item in state["choices"])
