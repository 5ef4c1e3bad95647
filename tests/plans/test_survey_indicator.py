"""The attitude-survey indicator: the share answering 4–5 among those answering 1–5, group-wide,
hidden under MIN_GROUP answers; its survey and question are validated."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.plans.measurements import SURVEY_AGREEMENT, measure
from lms.plans.models import Indicator
from lms.surveys.models import Answer, AnswerSet
from tests.surveys.factories import make_survey

from .factories import IndicatorFactory


def _answer(survey, value: str) -> None:
    answer_set = AnswerSet.objects.create(survey=survey, answered_on=timezone.localdate(), shown=True)
    Answer.objects.create(answer_set=answer_set, survey=survey, question_key="policy-known", value=value, shown=True)


@pytest.fixture
def survey(db, home_page):
    return make_survey()


def _indicator(plan, survey, key="policy-known"):
    return IndicatorFactory(commitment=plan.test_commitments[0], kind=SURVEY_AGREEMENT, survey=survey, question_key=key)


def test_share_agreeing_excludes_dont_know(plan, survey):
    for value in ("5", "4", "4", "3", "1", "dont-know", "dont-know"):
        _answer(survey, value)
    assert measure(_indicator(plan, survey), on=timezone.localdate()) == Decimal("60.0")


def test_under_min_group_answers_the_figure_is_hidden(plan, survey):
    for value in ("5", "5", "5", "5", "dont-know"):
        _answer(survey, value)
    assert measure(_indicator(plan, survey), on=timezone.localdate()) is None


def test_a_question_that_is_not_an_agreement_question_is_refused(plan, survey):
    indicator = Indicator(
        commitment=plan.test_commitments[0],
        name="x",
        kind=SURVEY_AGREEMENT,
        survey=survey,
        question_key="speak-up",
        target_value=Decimal("80"),
        target_year=plan.end_year,
    )
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert "question_key" in refused.value.message_dict
    indicator.question_key = "no-such-key"
    with pytest.raises(ValidationError):
        indicator.full_clean()
    indicator.survey = None
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert "survey" in refused.value.message_dict
    assert not Indicator.objects.exists()
    indicator.survey, indicator.question_key = survey, "policy-known"
    indicator.full_clean()
