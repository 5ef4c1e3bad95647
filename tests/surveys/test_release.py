"""The release (issue 26): the learner's request writes no result; a worker's nightly release moves
the waiting answers into the results and shows a cell's answers only when it has five new, at most
once a day while the survey is open, and once more the night after it closes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.organisation.models import Audience
from lms.surveys import results, selectors, services, tasks
from lms.surveys.models import Answer, AnswerSet, Participation, PendingAnswerSet, SurveyPage, SurveyRelease
from tests.factories import PersonFactory

from .factories import answers, make_survey, release
from .test_results import hr_user

pytestmark = pytest.mark.django_db


def answer_all(survey, people, **given):
    for person in people:
        services.survey_answer(survey=survey, person=person, answers=answers(**given))


def shown(survey) -> int:
    return AnswerSet.objects.filter(survey=survey, shown=True).count()


def test_the_request_writes_no_result_and_the_release_moves_everything_waiting(people):
    survey = make_survey()
    answer_all(survey, people["a"][:3])
    assert not AnswerSet.objects.exists() and PendingAnswerSet.objects.count() == 3
    assert release(survey) is None  # three in the cell: moved into the results, none shown, no release
    assert not PendingAnswerSet.objects.exists()
    assert AnswerSet.objects.filter(survey=survey, shown=False).count() == 3
    assert not Answer.objects.filter(shown=True).exists()
    assert sorted(Participation.objects.values_list("person_id", flat=True)) == sorted(p.pk for p in people["a"][:3])


def test_a_cell_is_shown_whole_once_it_has_five_and_not_twice_a_day(people):
    survey = make_survey()
    answer_all(survey, people["a"][:4])
    assert release(survey) is None and shown(survey) == 0
    answer_all(survey, people["a"][4:5])
    first = release(survey, days_later=1)
    assert first is not None and shown(survey) == 5
    assert (
        AnswerSet.objects.filter(survey=survey).count()
        == Answer.objects.filter(survey=survey, question_key="policy-known", shown=True).count()
    )
    answer_all(survey, people["b"][:5])
    assert release(survey, days_later=1) is None and shown(survey) == 5  # the same day: no second release
    assert not PendingAnswerSet.objects.exists()  # …though the waiting answers were moved
    assert release(survey, days_later=2) is not None and shown(survey) == 10
    assert SurveyRelease.objects.filter(survey=survey).count() == 2


def test_five_new_spread_over_cells_change_no_figure(people, group):
    survey = make_survey()
    answer_all(survey, people["a"][:5])
    release(survey)
    answer_all(survey, people["a"][5:7] + people["b"][:3])  # five new: two in A, three in B
    assert release(survey, days_later=1) is None
    assert results.survey_results(user=hr_user(), survey=survey).respondents == 5


def test_closing_releases_once_and_a_cell_under_five_is_never_shown(people, group):
    today = timezone.localdate()
    survey = make_survey(opens_on=today - timedelta(days=10), closes_on=today)
    answer_all(survey, people["a"][:6])
    answer_all(survey, people["b"][:2])
    manager = PersonFactory(org_unit=group["unit_a"], audience=Audience.MANAGER)
    services.survey_answer(survey=survey, person=manager, answers=answers())
    assert release(survey).closing is False and shown(survey) == 6  # open: A's six shown
    closing = release(survey, days_later=1)  # the night after the last day
    assert closing is not None and closing.closing
    assert shown(survey) == 6 and AnswerSet.objects.filter(survey=survey, shown=False).count() == 3
    assert release(survey, days_later=2) is None  # once
    assert survey.pk not in selectors.surveys_due_for_release(today=today + timedelta(days=3))
    found = results.survey_results(user=hr_user(), survey=survey)
    assert found.respondents == 6 and found.release == closing


def test_the_nightly_task_asks_for_each_due_survey_and_the_worker_releases_it(people):
    waiting = make_survey(title="Väntar")
    idle = make_survey(title="Tyst")
    answer_all(waiting, people["a"][:5])
    assert selectors.surveys_due_for_release() == [waiting.pk]
    assert tasks.release_survey_results_task.delay().get() == 1
    assert shown(waiting) == 5 and not SurveyRelease.objects.filter(survey=idle).exists()
    assert selectors.surveys_due_for_release() == []


def test_a_survey_closed_without_answers_gets_its_closing_release_once(db, home_page):
    today = timezone.localdate()
    survey = make_survey(opens_on=today - timedelta(days=9), closes_on=today - timedelta(days=1))
    assert selectors.surveys_due_for_release() == [survey.pk]
    assert services.survey_release(survey_id=survey.pk).closing
    assert selectors.surveys_due_for_release() == []


def test_the_release_renumbers_the_participations_in_another_order(people):
    survey = make_survey()
    everyone = people["a"] + people["b"]
    answer_all(survey, everyone)
    arrival = list(Participation.objects.order_by("pk").values_list("person_id", flat=True))
    assert arrival == [p.pk for p in everyone]
    release(survey)
    after = list(Participation.objects.order_by("pk").values_list("person_id", flat=True))
    assert sorted(after) == sorted(arrival) and after != arrival  # 13! orders: a tie is one in six billion


def test_answers_waiting_for_release_already_fix_the_anonymity_settings(people):
    survey = make_survey(reporting_level="group")
    services.survey_answer(survey=survey, person=people["a"][0], answers=answers())
    changed = SurveyPage.objects.get(pk=survey.pk)
    changed.reporting_level = "organisation"
    with pytest.raises(Exception, match="Fixed|Låst"):
        changed.full_clean()


def test_the_results_page_shows_the_release_time_and_a_fixed_sentence_not_a_count(client, people):
    from django.urls import reverse

    survey = make_survey()
    client.force_login(hr_user())
    url = reverse("surveys_admin:results", args=[survey.pk])
    page = client.get(url).content.decode()
    assert "Inga resultat släppta än" in page and "Nästa släpp när minst 5 nya har svarat" in page
    answer_all(survey, people["a"][:5])
    made = release(survey)
    page = client.get(url).content.decode()
    stamp = timezone.localtime(made.released_at).strftime("%Y-%m-%d %H:%M")
    assert f"Resultat per {stamp}" in page and "Nästa släpp när minst 5 nya har svarat" in page
    assert "Har inte svarat än" not in page
    csv_text = client.get(url + "?export=csv")
    body = b"".join(csv_text.streaming_content) if csv_text.streaming else csv_text.content
    assert f"Resultat per {stamp}" in body.decode("utf-8-sig")


def test_the_waiting_and_release_tables_hold_no_person_and_no_moment_finer_than_the_release():
    from django.db import models

    from lms.organisation.models import OrgUnit

    for field in PendingAnswerSet._meta.get_fields():
        if field.is_relation and field.many_to_one:
            assert field.related_model in {SurveyPage, OrgUnit}, field
        assert not isinstance(field, (models.DateTimeField, models.TimeField, models.AutoField)), field
    assert isinstance(PendingAnswerSet._meta.pk, models.UUIDField)
    assert {f.name for f in SurveyRelease._meta.get_fields() if f.is_relation} == {"survey"}


def test_the_migration_keeps_what_was_shown_live_shown_and_unpairs_it(people, group):
    """Answers stored before releases (written beside their participations) stay shown, under one
    release per survey, rewritten with fresh keys, the participations renumbered."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lms.surveys.migrations.0002_released_in_batches")
    today = timezone.localdate()
    closed = make_survey(title="Stängd", opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=2))
    for person in people["a"]:  # as the code before releases stored them: one set per participation
        Participation.objects.create(survey=closed, person=person)
        old = AnswerSet.objects.create(
            survey=closed, answered_on=today - timedelta(days=9), reporting_unit=group["adm_a"]
        )
        Answer.objects.create(
            answer_set=old, survey=closed, reporting_unit=group["adm_a"], question_key="policy-known", value="4"
        )
    keys = set(AnswerSet.objects.values_list("pk", flat=True))
    arrival = list(Participation.objects.order_by("pk").values_list("person_id", flat=True))

    migration.release_what_was_live(apps, None)

    assert AnswerSet.objects.filter(shown=True).count() == 7 and Answer.objects.filter(shown=True).count() == 7
    assert not keys & set(AnswerSet.objects.values_list("pk", flat=True))
    after = list(Participation.objects.order_by("pk").values_list("person_id", flat=True))
    assert sorted(after) == sorted(arrival) and after != arrival
    (made,) = SurveyRelease.objects.filter(survey=closed)
    assert made.closing
    assert results.survey_results(user=hr_user(), survey=closed).respondents == 7
