"""Survey answers are a record type of the records-management plan: a decision counted from the day of
answering removes exactly the answer sets (and their answers) answered before its cutoff; without one
nothing goes; the "has answered" rows are not the decision's (they go with erasure)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lms.records import services as records_services
from lms.records.registry import RetentionEvent
from lms.surveys import services
from lms.surveys.models import Answer, AnswerSet, Participation
from tests.factories import PersonFactory
from tests.records.factories import RetentionDecisionFactory

from .factories import answers, make_survey, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    survey = make_survey(opens_on=timezone.localdate() - timedelta(days=3 * 365))
    with time_machine.travel(timezone.now() - timedelta(days=3 * 365), tick=False):
        services.survey_answer(survey=survey, person=PersonFactory(), answers=answers())
    services.survey_answer(survey=survey, person=PersonFactory(), answers=answers())
    release(survey)
    return survey


def test_without_a_decision_no_answer_goes(answered):
    assert records_services.retention_apply() == []
    assert AnswerSet.objects.count() == 2 and Participation.objects.count() == 2


def test_a_decision_removes_the_answers_older_than_its_period_and_only_those(answered):
    RetentionDecisionFactory(record_type="survey_answers", keep_for=2, counted_from=RetentionEvent.CREATED)
    records_services.retention_apply()
    assert list(AnswerSet.objects.values_list("answered_on", flat=True)) == [timezone.localdate()]
    assert set(Answer.objects.values_list("answer_set__answered_on", flat=True)) == {timezone.localdate()}
    assert Participation.objects.count() == 2  # not the decision's: erasure's
