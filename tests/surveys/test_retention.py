"""Survey answers are a record type of the records-management plan, disposed of per survey as a whole:
a decision counts from the survey's closing release, so an open survey or one closed within the period
keeps every answer (however old), and an older closed one loses all of them in one run. Never part of a
survey's answers: deleting them day by day would show, to anyone watching the table, which answers came
in which release. Without a decision nothing goes. The "has answered" rows are their own record type,
counted from the same closing."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.records import services as records_services
from lms.records.registry import RetentionEvent
from lms.surveys import services
from lms.surveys.models import Answer, AnswerSet, Participation, PendingAnswerSet
from tests.factories import PersonFactory
from tests.records.factories import RetentionDecisionFactory

from .factories import answers, make_survey

pytestmark = pytest.mark.django_db

YEAR = timedelta(days=365)


def _answered_and_released(survey, *, days_ago: list[int], released_days_ago: int) -> None:
    """People answer ``survey`` on the days given; the worker releases it on the day after."""
    for ago in days_ago:
        with time_machine.travel(timezone.now() - timedelta(days=ago), tick=False):
            services.survey_answer(survey=survey, person=PersonFactory(), answers=answers())
    services.survey_release(survey_id=survey.pk, now=timezone.now() - timedelta(days=released_days_ago))


@pytest.fixture
def surveys():
    """Three surveys with answers from three years ago and later: one still open, one closed a month
    ago, one closed three years ago. Each has five answer sets, so every one is released and shown."""
    today = timezone.localdate()
    still_open = make_survey(title="Öppen", opens_on=today - 4 * YEAR)
    _answered_and_released(still_open, days_ago=[3 * 365 + 2] * 3 + [1, 1], released_days_ago=0)
    closed_lately = make_survey(title="Nyss stängd", opens_on=today - 4 * YEAR, closes_on=today - timedelta(days=30))
    _answered_and_released(closed_lately, days_ago=[3 * 365 + 2] * 3 + [40, 40], released_days_ago=29)
    closed_long_ago = make_survey(title="Länge sedan", opens_on=today - 4 * YEAR, closes_on=today - 3 * YEAR)
    _answered_and_released(closed_long_ago, days_ago=[3 * 365 + 30] * 5, released_days_ago=3 * 365 - 1)
    return still_open, closed_lately, closed_long_ago


def _answer_sets(survey) -> int:
    return AnswerSet.objects.filter(survey=survey).count()


def test_the_answers_are_counted_from_the_surveys_closing_not_from_the_day_of_answering():
    decision = RetentionDecisionFactory.build(record_type="survey_answers", counted_from=RetentionEvent.CREATED)
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert "counted_from" in refused.value.message_dict


def test_without_a_decision_no_answer_goes(surveys):
    assert records_services.retention_apply() == []
    assert AnswerSet.objects.count() == 15 and Participation.objects.count() == 15


def test_an_open_or_lately_closed_survey_keeps_every_answer_and_an_old_closed_one_loses_all_at_once(surveys):
    still_open, closed_lately, closed_long_ago = surveys
    assert AnswerSet.objects.filter(shown=True).count() == 15
    RetentionDecisionFactory(record_type="survey_answers", keep_for=2, counted_from=RetentionEvent.SURVEY_CLOSED)
    (run,) = records_services.retention_apply()
    assert (run.status, run.rows) == ("done", 5)
    # Answered three years ago, but their survey is open or closed a month ago: every one stays.
    assert (_answer_sets(still_open), _answer_sets(closed_lately), _answer_sets(closed_long_ago)) == (5, 5, 0)
    assert not Answer.objects.filter(survey=closed_long_ago).exists()
    assert Answer.objects.filter(survey=still_open).count() == Answer.objects.filter(survey=closed_lately).count() > 0
    assert Participation.objects.count() == 15  # their own record type, without a decision here


def test_an_answer_left_unshown_goes_with_the_rest_of_its_survey(surveys):
    """A cell left under five at closing is never shown; it leaves with its survey's shown answers, not apart."""
    closed_long_ago = surveys[2]
    AnswerSet.objects.filter(pk=AnswerSet.objects.filter(survey=closed_long_ago).first().pk).update(shown=False)
    RetentionDecisionFactory(record_type="survey_answers", keep_for=2, counted_from=RetentionEvent.SURVEY_CLOSED)
    records_services.retention_apply()
    assert _answer_sets(closed_long_ago) == 0


def test_a_survey_opened_again_keeps_its_answers_until_it_closes_again_and_is_released():
    today = timezone.localdate()
    survey = make_survey(title="Öppnad igen", opens_on=today - 4 * YEAR, closes_on=today - 3 * YEAR)
    _answered_and_released(survey, days_ago=[3 * 365 + 30] * 5, released_days_ago=3 * 365 - 1)
    survey.closes_on = today + timedelta(days=10)
    survey.save()
    services.survey_answer(survey=survey, person=PersonFactory(), answers=answers())
    RetentionDecisionFactory(record_type="survey_answers", keep_for=2, counted_from=RetentionEvent.SURVEY_CLOSED)
    records_services.retention_apply()
    assert (_answer_sets(survey), PendingAnswerSet.objects.filter(survey=survey).count()) == (5, 1)

    # Closed again yesterday: kept until the closing release, then counted from that release.
    survey.closes_on = today - timedelta(days=1)
    survey.save()
    records_services.retention_apply()
    assert _answer_sets(survey) == 5
    assert services.survey_release(survey_id=survey.pk).closing
    records_services.retention_apply(now=timezone.now() + 2 * YEAR - timedelta(days=1))
    assert _answer_sets(survey) == 6
    records_services.retention_apply(now=timezone.now() + 2 * YEAR + timedelta(days=1))
    assert _answer_sets(survey) == 0


def test_the_has_answered_rows_go_per_survey_under_their_own_decision(surveys):
    still_open, closed_lately, closed_long_ago = surveys
    RetentionDecisionFactory(record_type="survey_participation", keep_for=2, counted_from=RetentionEvent.SURVEY_CLOSED)
    (run,) = records_services.retention_apply()
    assert run.rows == 5
    assert [Participation.objects.filter(survey=s).count() for s in surveys] == [5, 5, 0]
    assert AnswerSet.objects.count() == 15  # the answers are the other record type's
