"""Answering a survey: what is stored, and every kind of bad input refused with a message and nothing stored."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.organisation.models import Audience
from lms.surveys import services
from lms.surveys.models import Answer, AnswerSet, Participation, PendingAnswerSet
from tests.factories import PersonFactory

from .factories import answers, make_survey, release

pytestmark = pytest.mark.django_db


def stored() -> tuple[int, int, int]:
    """(answer sets, answers, participations) stored, waiting for release or released."""
    waiting = list(PendingAnswerSet.objects.values_list("answers", flat=True))
    return (
        AnswerSet.objects.count() + len(waiting),
        Answer.objects.count() + sum(len(rows) for rows in waiting),
        Participation.objects.count(),
    )


def test_an_answer_is_stored_with_the_day_the_administration_and_the_audience_only(people, group):
    survey = make_survey()
    person = people["a"][0]
    services.survey_answer(
        survey=survey, person=person, answers=answers(channels=("intranet", "manager"), comment="Bra")
    )
    assert not AnswerSet.objects.exists() and not Answer.objects.exists()  # the request writes no result
    (waiting,) = PendingAnswerSet.objects.all()
    assert waiting.answered_on == timezone.localdate() and waiting.reporting_unit == group["adm_a"]
    release(survey)  # the night's release moves it into the results (not yet shown: one alone)
    assert not PendingAnswerSet.objects.exists()
    (answer_set,) = AnswerSet.objects.all()
    assert not answer_set.shown
    assert answer_set.answered_on == timezone.localdate()
    assert answer_set.reporting_unit == group["adm_a"]  # not the unit A1 itself
    assert answer_set.audience == Audience.STAFF
    assert sorted(Answer.objects.values_list("question_key", "value", "text")) == [
        ("channels", "intranet", ""),
        ("channels", "manager", ""),
        ("comment", "", "Bra"),
        ("policy-known", "4", ""),
        ("speak-up", "yes", ""),
    ]
    assert list(Participation.objects.values_list("person_id", flat=True)) == [person.pk]


def test_a_group_level_survey_keeps_no_unit_and_no_audience(people):
    survey = make_survey(reporting_level="group")
    services.survey_answer(survey=survey, person=people["a"][0], answers=answers())
    assert list(PendingAnswerSet.objects.values_list("reporting_unit", "audience")) == [(None, "")]


def test_a_politician_in_a_committee_counts_only_in_the_whole_group(group):
    survey = make_survey()
    politician = PersonFactory(org_unit=group["committee"], audience=Audience.POLITICIAN, employee_number=None)
    services.survey_answer(survey=survey, person=politician, answers=answers())
    assert list(PendingAnswerSet.objects.values_list("reporting_unit", "audience")) == [(None, Audience.POLITICIAN)]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {
                "opens_on": timezone.localdate() - timedelta(days=5),
                "closes_on": timezone.localdate() - timedelta(days=1),
            },
            "stängde",
        ),
        ({"opens_on": timezone.localdate() + timedelta(days=1)}, "öppnar"),
        ({"for_staff": False}, "andra grupper"),
    ],
)
def test_closed_not_yet_open_or_outside_the_audience_is_refused(people, change, message):
    survey = make_survey(**change)
    with pytest.raises(services.SurveyRefused, match=message):
        services.survey_answer(survey=survey, person=people["a"][0], answers=answers())
    assert stored() == (0, 0, 0)


def test_outside_the_surveys_unit_is_refused(people, group):
    survey = make_survey(audience_unit=group["adm_b"])
    with pytest.raises(services.SurveyRefused, match="andra grupper"):
        services.survey_answer(survey=survey, person=people["a"][0], answers=answers())
    services.survey_answer(survey=survey, person=people["b"][0], answers=answers())
    assert stored() == (1, 3, 1)


def test_a_second_answer_is_refused_and_changes_nothing(people):
    survey = make_survey()
    person = people["a"][0]
    services.survey_answer(survey=survey, person=person, answers=answers())
    before = stored()
    with pytest.raises(services.SurveyRefused, match="redan svarat"):
        services.survey_answer(survey=survey, person=person, answers=answers(policy="1"))
    assert stored() == before


@pytest.mark.parametrize(
    "given, message",
    [
        (answers(policy="7"), "svarsalternativ"),
        (answers(speak_up="999"), "svarsalternativ"),
        ({**answers(), "speak-up": ["yes", "no"]}, "Ge ett svar"),
        ({**answers(), "no-such-question": ["1"]}, "ingen sådan fråga"),
        (answers(comment="x" * 2001), "högst 2000"),
        ({"policy-known": [], "speak-up": [], "channels": [], "comment": ""}, "minst en fråga"),
    ],
)
def test_tampered_or_over_long_answers_are_refused_by_the_service(people, given, message):
    survey = make_survey()
    with pytest.raises(services.SurveyRefused, match=message):
        services.survey_answer(survey=survey, person=people["a"][0], answers=given)
    assert stored() == (0, 0, 0)


# --- Through the page, as a learner with a browser without JavaScript --------------------------------


def post(client, survey, **data):
    base = {"q-policy-known": "4", "q-speak-up": "yes", "q-channels": ["intranet"], "q-comment": ""}
    return client.post(survey.url, {**base, **data})


def test_the_learner_answers_and_is_thanked_then_sees_they_have_answered(client, people):
    survey = make_survey()
    client.force_login(people["a"][0].user)
    page = client.get(survey.url)
    assert page.status_code == 200 and b'name="q-policy-known"' in page.content
    assert b"<fieldset" in page.content and b"<legend>" in page.content
    response = post(client, survey)
    assert response.status_code == 302
    page = client.get(survey.url, follow=True)
    assert "Du har redan svarat" in page.content.decode() or "already answered" in page.content.decode()
    assert stored() == (1, 3, 1)


@pytest.mark.parametrize(
    "data, status, text",
    [
        ({"q-policy-known": "9"}, 400, "giltigt"),
        ({"q-speak-up": "<script>"}, 400, "giltigt"),
        ({"q-channels": ["intranet", "hacked"]}, 400, "giltigt"),
        ({"q-comment": "x" * 2001}, 400, "2000"),
        ({"q-policy-known": ""}, 400, "obligatoriskt"),
    ],
)
def test_bad_input_through_the_page_shows_the_form_again_and_stores_nothing(client, people, data, status, text):
    survey = make_survey()
    client.force_login(people["a"][0].user)
    response = post(client, survey, **data)
    assert response.status_code == status
    assert text in response.content.decode().lower()
    assert b'class="error-summary"' in response.content
    assert b'href="#"' not in response.content  # every error links to its field, radio groups too
    assert stored() == (0, 0, 0)


def test_a_second_post_and_a_closed_survey_get_a_message_not_an_error(client, people):
    survey = make_survey()
    client.force_login(people["a"][0].user)
    post(client, survey)
    again = post(client, survey, **{"q-policy-known": "1"})
    assert again.status_code == 409 and b'data-testid="survey-refusal"' in again.content
    assert stored() == (1, 3, 1)
    closed = make_survey(
        title="Stängd",
        closes_on=timezone.localdate() - timedelta(days=2),
        opens_on=timezone.localdate() - timedelta(days=9),
    )
    assert post(client, closed).status_code == 409
    assert stored() == (1, 3, 1)


def test_anonymous_visitors_are_sent_to_sign_in(client, people):
    survey = make_survey()
    response = client.get(survey.url)
    assert response.status_code == 302 and "logga-in" in response["Location"]
