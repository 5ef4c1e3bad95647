"""A quiz in the learner's language: the source quiz's address, attempts and answer keys, a translation's
words (start page, questions, choices, result, explanations, feedback) looked up by id; a translation
cannot change the scoring, nor drop or add a question or choice."""

import copy

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lms.quizzes.models import Attempt, QuizPage
from tests.factories import PersonFactory
from tests.languages.factories import edit_form_data, stop_syncing, translate
from tests.quizzes.factories import as_post, make_course_with_quiz, right_answers, scenario, single, true_false

pytestmark = pytest.mark.django_db


def soup(response, status=200):
    assert response.status_code == status, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def english_quiz(**quiz_fields):
    """A course whose quiz (a single choice, a scenario, a true/false) is translated into English, every
    text with "[en] " before it."""
    questions = [
        single("Vem bestämmer i en demokrati?", right=1, explanation="Folket väljer sina företrädare."),
        scenario("En kollega skämtar om någons ursprung. Vad gör du?"),
        true_false("Alla är lika inför lagen.", true=True),
    ]
    fields = {"questions": questions, "intro": "Tre frågor om demokrati.", "max_attempts": 2, **quiz_fields}
    course, _lessons, quiz = make_course_with_quiz(title="Demokrati", quiz_fields=fields)
    return course, quiz, translate(quiz, "en", prefix="[en] ")


def learner(client, code="en"):
    person = PersonFactory(content_language=code)
    client.force_login(person.user)
    return person


def start(client, quiz) -> Attempt:
    assert client.post(quiz.sub_url("start")).status_code == 302
    return Attempt.objects.latest("pk")


def texts(page, selector) -> list[tuple[str, str]]:
    """(text, lang) of each element ``selector`` finds."""
    return [(element.get_text(" ", strip=True), element.get("lang")) for element in page.select(selector)]


def test_the_quiz_in_english_at_the_source_address_counts_on_the_source(client):
    course, quiz, translated = english_quiz()
    person = learner(client)

    page = soup(client.get(quiz.url))
    assert page.find("h1").text == "[en] Kunskapstest" and page.find("h1")["lang"] == "en"
    assert page.select_one(".lead").text == "[en] Tre frågor om demokrati." and page.select_one(".lead")["lang"] == "en"
    breadcrumb = page.select_one(".breadcrumbs a span")
    assert breadcrumb.text == "Demokrati" and breadcrumb["lang"] == "sv"  # the course itself is not translated

    attempt = start(client, quiz)
    assert attempt.quiz_id == quiz.pk and attempt.person_id == person.pk  # the source quiz, never the translation
    page = soup(client.get(quiz.sub_url("take", attempt_id=attempt.pk)))
    assert texts(page, ".question__text") == [(f"[en] {q['text']}", "en") for q in attempt.questions]
    labels = page.select(".choice label")
    assert [label["lang"] for label in labels] == ["en"] * 8
    assert labels[0].text == "[en] " + attempt.questions[0]["choices"][0]["text"]
    # The form names the source's questions and choices.
    source_ids = {c["id"] for q in attempt.questions for c in q["choices"]}
    assert {i["value"] for i in page.select(".choice input")} == source_ids

    response = client.post(quiz.sub_url("take", attempt_id=attempt.pk), as_post(right_answers(attempt)))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.passed and attempt.counted
    assert not Attempt.objects.filter(quiz=translated).exists()

    # Passed: the review is unlocked, the explanations and the feedback in English.
    page = soup(client.get(response.url))
    assert texts(page, ".quiz-review__text")[0] == ("[en] Vem bestämmer i en demokrati?", "en")
    explanation = page.select_one(".quiz-review__explanation span")
    assert explanation.text == "[en] Folket väljer sina företrädare." and explanation["lang"] == "en"
    assert texts(page, ".quiz-review__feedback") == [("[en] Återkoppling 0", "en")]


def test_a_learner_switches_language_mid_attempt_and_the_words_follow(client):
    _course, quiz, _english = english_quiz()
    translate(quiz, "sv-x-ll", prefix="Lätt: ")
    person = learner(client)
    attempt = start(client, quiz)
    take = quiz.sub_url("take", attempt_id=attempt.pk)
    assert texts(soup(client.get(take)), ".question__text")[0][1] == "en"

    response = client.post("/kurssprak/", {"language": "sv-x-ll", "next": take})
    assert response.status_code == 302 and response["Location"] == take
    page = soup(client.get(take))
    assert texts(page, ".question__text") == [(f"Lätt: {q['text']}", "sv-x-ll") for q in attempt.questions]
    assert page.find("h1")["lang"] == "sv-x-ll"

    # Back to Swedish, the source: the snapshot's words.
    person.content_language = "sv"
    person.save()
    page = soup(client.get(take))
    assert texts(page, ".question__text") == [(q["text"], "sv") for q in attempt.questions]

    # The same attempt, scored once, whatever was read.
    assert client.post(take, as_post(right_answers(attempt))).status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 100 and Attempt.objects.filter(person=person).count() == 1


def test_words_the_translation_lacks_stay_the_source_words(client):
    _course, quiz, translated = english_quiz()
    stream = copy.deepcopy(list(translated.questions.raw_data))
    dropped_question = stream.pop(0)["id"]
    dropped_choice = stream[0]["value"]["choices"].pop(1)["id"]
    translated.questions = stream
    translated.save(clean=False)  # as it could be after its source changed: no longer the source's blocks
    learner(client)
    attempt = start(client, quiz)
    page = soup(client.get(quiz.sub_url("take", attempt_id=attempt.pk)))
    for question in attempt.questions:
        shown = page.find(id=f"q-{question['id']}").select_one(".question__text")
        if question["id"] == dropped_question:
            assert (shown.text, shown["lang"]) == (question["text"], "sv")
        else:
            assert (shown.text, shown["lang"]) == ("[en] " + question["text"], "en")
    label = page.find("label", attrs={"for": f"c-{dropped_choice}"})
    choice = next(c for q in attempt.questions for c in q["choices"] if c["id"] == dropped_choice)
    assert (label.text, label["lang"]) == (choice["text"], "sv")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_translator_cannot_change_which_answer_is_right(client, editor_client):
    """Converted to manual editing, the English quiz is published with another choice marked right in
    every question; the learner's score is still the source's."""
    _course, quiz, translated = english_quiz(max_attempts=None, grading_method="highest")
    stop_syncing(editor_client, translated)
    stream = copy.deepcopy(list(translated.questions.raw_data))
    for question in stream:
        choices = question["value"]["choices"]
        flags = [choice["value"]["correct"] for choice in choices]
        for choice, flag in zip(choices, flags[-1:] + flags[:-1], strict=True):  # the next choice is "right"
            choice["value"]["correct"] = flag
    data = edit_form_data(editor_client, translated, {"questions": stream}, **{"action-publish": "publish"})
    assert editor_client.post(edit_url(translated), data).status_code == 302
    translated = QuizPage.objects.get(pk=translated.pk)
    assert not translated.has_unpublished_changes
    right_in_translation = {
        q.id: {c.id for c in q.value["choices"].bound_blocks if c.value["correct"]} for q in translated.questions
    }
    right_in_source = {
        q.id: {c.id for c in q.value["choices"].bound_blocks if c.value["correct"]} for q in quiz.questions
    }
    assert right_in_translation.keys() == right_in_source.keys()
    assert all(right_in_translation[q].isdisjoint(right_in_source[q]) for q in right_in_source)

    # The translation's preview shows the right answers learners are scored by: the source's.
    preview = soup(translated.make_preview_request())
    marked = [li.span.text for li in preview.select("li.choice--right")]
    source_right = [
        c.value["text"] for q in quiz.questions for c in q.value["choices"].bound_blocks if c.value["correct"]
    ]
    assert marked == ["[en] " + text for text in source_right]
    assert {li.span["lang"] for li in preview.select("li.choice--right")} == {"en"}

    person = learner(client)
    assert translation_is_read(client, quiz)
    # The source's right answers: full marks.
    attempt = start(client, quiz)
    client.post(quiz.sub_url("take", attempt_id=attempt.pk), as_post(right_answers(attempt)))
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.passed
    # The translation's "right" answers: nothing.
    attempt = start(client, quiz)
    answers = {question: sorted(choices) for question, choices in right_in_translation.items()}
    client.post(quiz.sub_url("take", attempt_id=attempt.pk), as_post(answers))
    attempt.refresh_from_db()
    assert attempt.score == 0 and not attempt.passed
    assert Attempt.objects.filter(person=person, quiz=quiz).count() == 2


def translation_is_read(client, quiz) -> bool:
    return soup(client.get(quiz.url)).find("h1")["lang"] == "en"


def without_question(stream):
    return stream[1:]


def without_choice(stream):
    stream[0]["value"]["choices"].pop()
    return stream


def with_question(stream):
    extra = copy.deepcopy(stream[0])
    extra["id"] = "4f7e0c1e-0000-4000-8000-000000000001"
    for n, choice in enumerate(extra["value"]["choices"]):
        choice["id"] = f"4f7e0c1e-0000-4000-8000-00000000010{n}"
    return [*stream, extra]


def with_choice(stream):
    stream[1]["value"]["choices"].append(
        {
            "type": "item",
            "id": "4f7e0c1e-0000-4000-8000-000000000200",
            "value": {"text": "Extra", "correct": False, "feedback": "Extra återkoppling"},
        }
    )
    return stream


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (without_question, "Saknas här: “Vem bestämmer i en demokrati?”, “Vem bestämmer i en demokrati? svar 0”"),
        (without_choice, "Saknas här: “Vem bestämmer i en demokrati? svar 2”. Finns inte i originalet: –."),
        (with_question, "Saknas här: –. Finns inte i originalet: “[en] Vem bestämmer i en demokrati?”, “[en] Vem"),
        (with_choice, "Finns inte i originalet: “Extra”."),
    ],
)
def test_a_translation_that_drops_or_adds_a_question_or_choice_is_not_published(editor_client, change, named):
    _course, quiz, translated = english_quiz()
    stop_syncing(editor_client, translated)
    published = translated.live_revision_id
    stream = change(copy.deepcopy(list(translated.questions.raw_data)))
    data = edit_form_data(editor_client, translated, {"questions": stream}, **{"action-publish": "publish"})
    response = editor_client.post(edit_url(translated), data)
    assert response.status_code == 200
    html = response.content.decode()  # the editor's messages, in Swedish (the admin's language here)
    assert "En översättning har samma frågor och svarsalternativ som originalet, varken fler eller färre" in html
    assert named in html
    translated = QuizPage.objects.get(pk=translated.pk)
    assert translated.live_revision_id == published and not translated.has_unpublished_changes
    assert len(translated.questions) == 3


def test_a_translation_with_the_source_blocks_is_published(editor_client):
    """The same form with only words changed goes through: the refusal above is about the blocks."""
    _course, quiz, translated = english_quiz()
    stop_syncing(editor_client, translated)
    stream = copy.deepcopy(list(translated.questions.raw_data))
    stream[0]["value"]["text"] = "Who decides in a democracy?"
    data = edit_form_data(editor_client, translated, {"questions": stream}, **{"action-publish": "publish"})
    assert editor_client.post(edit_url(translated), data).status_code == 302
    assert QuizPage.objects.get(pk=translated.pk).questions[0].value["text"] == "Who decides in a democracy?"
