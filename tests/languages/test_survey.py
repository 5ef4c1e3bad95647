"""A survey in the learner's language: the source survey's address, a translation's words (sections,
questions, choices) matched by block id, the answers stored against the source survey under its keys
and with nothing of the language; the results count every answer once; a translation keeps the source's
blocks."""

import copy

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import StringSegment

from lms.surveys.models import Answer, AnswerSet, Participation, PendingAnswerSet, SurveyPage
from lms.surveys.results import headline_results
from lms.surveys.selectors import surveys_for
from tests.factories import OrgUnitFactory, PersonFactory
from tests.languages.factories import edit_form_data, stop_syncing, translate
from tests.surveys.factories import make_survey, release

pytestmark = pytest.mark.django_db

ANSWERS = {"q-policy-known": "4", "q-speak-up": "yes", "q-channels": ["intranet", "manager"], "q-comment": ""}


def soup(response, status=200):
    assert response.status_code == status, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def survey(home_page):
    survey = make_survey(title="Demokrati i vardagen")
    translate(survey, "en", prefix="[en] ")
    return survey


def test_the_survey_in_english_is_answered_on_the_source_under_its_keys(client, survey):
    translated = SurveyPage.objects.get(translation_key=survey.translation_key, locale__language_code="en")
    person = PersonFactory(content_language="en")
    client.force_login(person.user)

    page = soup(client.get(survey.url))
    assert (page.find("h1").text, page.find("h1")["lang"]) == ("[en] Demokrati i vardagen", "en")
    assert (page.select_one("form h2").text, page.select_one("form h2")["lang"]) == ("[en] Om arbetsplatsen", "en")
    legends = [(legend.span.text, legend.span["lang"]) for legend in page.select("fieldset legend")]
    assert legends == [
        ("[en] Jag känner till likabehandlingspolicyn.", "en"),
        ("[en] Skulle du säga ifrån om en kollega kränktes?", "en"),
        ("[en] Var får du information?", "en"),
    ]
    free_text = page.find("label", attrs={"for": "id_q-comment"})
    assert (free_text.text.strip(), free_text["lang"]) == ("[en] Något mer?", "en")
    speak_up = page.select('input[name="q-speak-up"]')
    assert [i["value"] for i in speak_up] == ["yes", "maybe", "no"]  # the source's keys
    labels = [page.find("label", attrs={"for": i["id"]}) for i in speak_up]
    assert [(label.text, label["lang"]) for label in labels] == [
        ("[en] Ja", "en"),
        ("[en] Kanske", "en"),
        ("[en] Nej", "en"),
    ]
    # The scale's labels are the interface's, not the survey's: no content language on them.
    scale = page.find("label", attrs={"for": page.select('input[name="q-policy-known"]')[0]["id"]})
    assert not scale.has_attr("lang")

    response = client.post(survey.url, ANSWERS)
    assert response.status_code == 302
    (waiting,) = PendingAnswerSet.objects.all()
    assert waiting.survey_id == survey.pk
    assert sorted(map(tuple, waiting.answers)) == [
        ("channels", "intranet", ""),
        ("channels", "manager", ""),
        ("policy-known", "4", ""),
        ("speak-up", "yes", ""),
    ]
    assert list(Participation.objects.values_list("survey_id", "person_id")) == [(survey.pk, person.pk)]
    assert not PendingAnswerSet.objects.filter(survey=translated).exists()

    # Answered once, in every language.
    page = soup(client.get(survey.url, {"sprak": "sv"}))
    assert page.select_one("[data-testid=survey-refusal]") is not None and page.find("form", action=survey.url) is None


def test_keys_are_not_offered_for_translation(survey):
    words = set(
        StringSegment.objects.filter(source__object_id=survey.translation_key).values_list("string__data", flat=True)
    )
    assert "Jag känner till likabehandlingspolicyn." in words and "Ja" in words
    assert not words & {"policy-known", "speak-up", "channels", "comment", "yes", "maybe", "no", "intranet"}


def test_the_results_count_each_answer_once_whatever_the_language(client, survey):
    unit = OrgUnitFactory()
    people = [PersonFactory(org_unit=unit, content_language=code) for code in ("en", "en", "sv", "en", "")]
    for person in people:
        client.force_login(person.user)
        assert client.post(survey.url, ANSWERS).status_code == 302
    # What is stored says nothing of the language: the English and the Swedish answers are alike.
    stored = {
        (tuple(map(tuple, row.answers)), row.reporting_unit_id, row.audience, row.answered_on)
        for row in PendingAnswerSet.objects.all()
    }
    assert len(stored) == 1 and PendingAnswerSet.objects.filter(survey=survey).count() == 5

    release(survey)
    results = headline_results(survey=survey)
    assert results.respondents == 5 and AnswerSet.objects.filter(shown=True).count() == 5
    speak_up = next(q for q in results.questions if q.key == "speak-up")
    assert {c.key: c.count for c in speak_up.choices} == {"yes": 5, "maybe": 0, "no": 0}
    assert set(Answer.objects.values_list("survey_id", flat=True)) == {survey.pk}


def test_the_survey_list_offers_the_source_survey_once_with_its_title_in_english(client, survey):
    person = PersonFactory(content_language="en")
    assert [s.pk for s in surveys_for(person=person)] == [survey.pk]
    client.force_login(person.user)
    page = soup(client.get(survey.get_parent().url))
    titles = [(a.get_text(strip=True), a.span["lang"], a["href"]) for a in page.select(".card__title a")]
    assert titles == [("[en] Demokrati i vardagen", "en", survey.url)]


def without_a_choice(stream):
    stream[2]["value"]["choices"].pop()
    return stream


def with_a_question(stream):
    extra = copy.deepcopy(stream[1])
    extra["id"] = "9a1b2c3d-0000-4000-8000-000000000001"
    extra["value"]["key"] = "extra"
    return [*stream, extra]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (without_a_choice, "Saknas här: “Nej”. Finns inte i originalet: –."),
        (with_a_question, "Saknas här: –. Finns inte i originalet: “[en] Jag känner till likabehandlingspolicyn.”."),
    ],
)
def test_a_survey_translation_that_drops_or_adds_a_block_is_not_published(editor_client, survey, change, named):
    translated = SurveyPage.objects.get(translation_key=survey.translation_key, locale__language_code="en")
    stop_syncing(editor_client, translated)
    published = translated.live_revision_id
    stream = change(copy.deepcopy(list(translated.questions.raw_data)))
    data = edit_form_data(editor_client, translated, {"questions": stream}, **{"action-publish": "publish"})
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[translated.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "En översättning har samma avsnitt, frågor och svarsalternativ som originalenkäten" in html
    assert named in html
    translated = SurveyPage.objects.get(pk=translated.pk)
    assert translated.live_revision_id == published and not translated.has_unpublished_changes
    assert len(translated.questions) == 5


def test_a_survey_translation_with_the_source_blocks_is_published(editor_client, survey):
    translated = SurveyPage.objects.get(translation_key=survey.translation_key, locale__language_code="en")
    stop_syncing(editor_client, translated)
    stream = copy.deepcopy(list(translated.questions.raw_data))
    stream[2]["value"]["choices"][0]["value"]["label"] = "Yes"
    data = edit_form_data(editor_client, translated, {"questions": stream}, **{"action-publish": "publish"})
    assert editor_client.post(reverse("wagtailadmin_pages:edit", args=[translated.pk]), data).status_code == 302
    translated = SurveyPage.objects.get(pk=translated.pk)
    assert translated.questions[2].value["choices"][0]["label"] == "Yes"
