"""Results for HR: counts and shares, the small-group rule on every breakdown, the access rule's
scope, the comparison between two measurement points, response rates and reminders."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from lms.organisation.models import Audience
from lms.requirements.models import ReminderLog
from lms.surveys import results, services
from lms.surveys.models import SurveyPage
from tests.factories import PersonFactory, UserFactory, hr_user
from tests.helpers import status_and_location

from .factories import SurveySeriesFactory, answers, make_survey, release

pytestmark = pytest.mark.django_db


def question(found, key):
    return next(q for q in found.questions if q.key == key)


def test_counts_shares_and_the_mean_of_the_scale(people):
    survey = make_survey()
    policies = ["5", "5", "4", "4", "4", "2", "dont-know", "1", "3", "5", "4", "4"]
    for person, policy in zip(people["a"] + people["b"][:5], policies, strict=True):
        services.survey_answer(
            survey=survey, person=person, answers=answers(policy=policy, channels=("intranet", "manager"))
        )
    assert (
        results.survey_results(user=hr_user(username="hr"), survey=survey).respondents == 0
    )  # nothing before the release
    release(survey)
    found = results.survey_results(user=hr_user(username="hr2"), survey=survey)
    assert found.respondents == 12
    policy = question(found, "policy-known")
    assert {c.key: c.count for c in policy.choices} == {"1": 1, "2": 1, "3": 1, "4": 5, "5": 3, "dont-know": 1}
    assert {c.key: c.percent for c in policy.choices}["4"] == 42
    assert policy.mean == round((1 + 2 + 3 + 20 + 15) / 11, 1)  # "don't know" left out
    channels = question(found, "channels")
    assert channels.answered == 12 and [c.percent for c in channels.choices] == [100, 100, 0]
    assert policy.chart["bars"][0].label == "1"


def test_a_unit_under_five_is_not_counted_until_it_has_five_so_nothing_can_be_subtracted(people, group):
    """A answered by 7, B by 3: B's answers wait (in no figure, the total included: the total minus A
    would be B); when two more in B have answered, B's five are shown at the next night's release."""
    survey = make_survey()
    for person in people["a"] + people["b"][:3]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    release(survey)
    found = results.survey_results(user=hr_user(username="hr"), survey=survey)
    policy = question(found, "policy-known")
    assert found.respondents == 7 and not policy.hidden
    assert [(row.label, row.answered) for row in policy.by_unit] == [("Förvaltning A", 7)]
    for person in people["b"][3:5]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    release(survey)  # the same day: at most one release a day
    assert results.survey_results(user=hr_user(username="hr2"), survey=survey).respondents == 7
    release(survey, days_later=1)
    policy = question(results.survey_results(user=hr_user(username="hr3"), survey=survey), "policy-known")
    assert [(row.label, row.answered) for row in policy.by_unit] == [("Förvaltning A", 7), ("Förvaltning B", 5)]


def test_units_of_five_or_more_are_shown_with_their_shares(people, group):
    survey = make_survey()
    for person in people["a"]:
        services.survey_answer(survey=survey, person=person, answers=answers(policy="5"))
    for person in people["b"][:5]:
        services.survey_answer(survey=survey, person=person, answers=answers(policy="1"))
    release(survey)
    policy = question(results.survey_results(user=hr_user(username="hr"), survey=survey), "policy-known")
    rows = {row.label: row for row in policy.by_unit}
    assert rows["Förvaltning A"].answered == 7 and rows["Förvaltning A"].percents[4] == 100
    assert rows["Förvaltning B"].answered == 5 and rows["Förvaltning B"].percents[0] == 100
    # Audiences: everyone is staff: one group, the whole total, shown.
    assert [(r.label, r.answered) for r in policy.by_audience] == [("Medarbetare", 12)]


def test_a_small_audience_is_in_no_figure_so_it_cannot_be_subtracted(people, group):
    survey = make_survey()
    for person in people["a"] + people["b"]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    for _ in range(2):
        manager = PersonFactory(org_unit=group["unit_a"], audience=Audience.MANAGER)
        services.survey_answer(survey=survey, person=manager, answers=answers(policy="1"))
    release(survey)
    found = results.survey_results(user=hr_user(username="hr"), survey=survey)
    policy = question(found, "policy-known")
    assert found.respondents == 13 and {c.key: c.count for c in policy.choices}["1"] == 0
    assert [(r.label, r.answered) for r in policy.by_audience] == [("Medarbetare", 13)]


def test_fewer_than_five_answers_show_nothing(people):
    survey = make_survey()
    for person in people["a"][:4]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    release(survey)
    found = results.survey_results(user=hr_user(username="hr"), survey=survey)
    assert found.hidden and all(q.hidden for q in found.questions)
    assert all(c.count == 0 and c.percent is None for c in question(found, "policy-known").choices)


def test_hr_limited_to_an_administration_counts_only_its_answers(client, people, group):
    survey = make_survey()
    for person in people["a"][:5]:
        services.survey_answer(survey=survey, person=person, answers=answers(policy="5"))
    for person in people["b"]:
        services.survey_answer(survey=survey, person=person, answers=answers(policy="1"))
    release(survey)
    limited = hr_user(username="hr-a", scope=group["adm_a"])
    found = results.survey_results(user=limited, survey=survey)
    assert found.respondents == 5
    assert {c.key: c.count for c in question(found, "policy-known").choices}["1"] == 0
    assert [r.label for r in found.response_rates] == ["Förvaltning A", "Totalt"]
    client.force_login(limited)
    page = client.get(reverse("surveys_admin:results", args=[survey.pk])).content.decode()
    assert "Förvaltning B" not in page
    below = hr_user(username="hr-a1", scope=group["unit_a"])  # answers are kept by administration: none is inside A1
    assert results.survey_results(user=below, survey=survey).respondents == 0


def test_learners_and_editors_cannot_open_results(client, people):
    survey = make_survey()
    client.force_login(people["a"][0].user)
    results_url = reverse("surveys_admin:results", args=[survey.pk])
    assert status_and_location(client.get(results_url)) == (302, "/admin/login/")  # a learner: no admin access
    editor = UserFactory(username="ed", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (reverse("surveys_admin:results", args=[survey.pk]), reverse("surveys_admin:list")):
        response = client.get(url)  # Wagtail turns the refusal into a message on the dashboard
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_two_points_of_a_series_are_compared_question_by_question(people):
    series = SurveySeriesFactory(name="Demokratikampanjen")
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    before = make_survey(
        title="Före",
        series=series,
        measurement_point="Före",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=30),
    )
    after = make_survey(title="Efter", series=series, measurement_point="Efter")
    everyone = people["a"] + people["b"]
    for person in everyone:
        services.survey_answer(
            survey=before, person=person, answers=answers(policy="2"), today=today - timedelta(days=40)
        )
    SurveyPage.objects.filter(pk=before.pk).update(opens_on=before.opens_on)
    for person in everyone:
        services.survey_answer(survey=after, person=person, answers=answers(policy="4"))
    release(before)
    release(after)
    found = results.survey_results(user=hr_user(username="hr"), survey=after)
    assert found.earlier_survey.pk == before.pk
    policy = question(found, "policy-known")
    assert policy.mean == 4.0 and policy.earlier.mean == 2.0
    assert {c.key: c.percent for c in policy.earlier.choices}["2"] == 100


def rates(survey, user):
    return {r.label: (r.asked, r.answered, r.percent) for r in results.response_rates(user=user, survey=survey)}


def test_response_rate_per_administration_from_the_release(people, group):
    survey = make_survey()
    for person in people["a"][:5]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    hr = hr_user(username="hr")
    # Nothing released yet: no one has answered as far as any page may say, a band for every row.
    assert rates(survey, hr) == {"Förvaltning A": (7, 0, None), "Förvaltning B": (6, 0, None), "Totalt": (13, 0, None)}
    release(survey)
    # B answered not at all: on a list of who works there that says what each of them did, so B is
    # banded ("at most 17 %") and A hidden, since the total less A would pin B at exactly none.
    found = {r.label: r for r in results.response_rates(user=hr, survey=survey)}
    assert rates(survey, hr) == {"Förvaltning A": (7, 5, None), "Förvaltning B": (6, 0, None), "Totalt": (13, 5, 38)}
    assert found["Förvaltning A"].hidden and found["Förvaltning A"].reason_text == "skulle röja en annan grupp"
    assert found["Förvaltning B"].band_text == "högst 17\xa0%"


def test_no_response_rate_for_a_group_under_five_nor_one_it_could_be_worked_out_from(people, group):
    """Three politicians of the committee are asked: their row is hidden, and so is the smallest
    other (B), or the total minus the shown ones would give the three's figures."""
    survey = make_survey()
    for _ in range(3):
        PersonFactory(org_unit=group["committee"], audience=Audience.POLITICIAN, employee_number=None)
    for person in people["a"][:5] + people["b"][:5]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    release(survey)
    shown = {r.label: (r.hidden, r.percent) for r in results.response_rates(user=hr_user(username="hr"), survey=survey)}
    assert shown == {
        "Förvaltning A": (False, 71),
        "Förvaltning B": (True, None),
        "Övriga (utanför alla förvaltningar och bolag)": (True, None),
        "Totalt": (False, 62),
    }


def test_reminders_go_to_those_who_have_not_answered_once_a_day_and_name_nobody_to_anyone(
    client, people, group, django_capture_on_commit_callbacks
):
    survey = make_survey()
    boss = PersonFactory(org_unit=group["unit_a"], audience=Audience.MANAGER)
    for person in people["a"]:
        person.manager = boss
        person.save()
    for person in people["a"][:5]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    services.survey_answer(survey=survey, person=boss, answers=answers())
    client.force_login(hr_user(username="hr"))
    url = reverse("surveys_admin:remind", args=[survey.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Påminnelser är på väg till dem som inte har svarat" in page and "8 personer" not in page  # no live count
    expected = {p.user.email for p in people["a"][5:] + people["b"]}
    assert {m.to[0] for m in mail.outbox} == expected
    assert boss.user.email not in {m.to[0] for m in mail.outbox}
    for message in mail.outbox:  # each mail is the person's own: no other name in it
        others = [p for p in people["a"] + people["b"] if p.user.email != message.to[0]]
        assert not any(
            p.user.last_name in message.body
            for p in others
            if p.user.last_name not in message.body.split("Hej ")[1].split("!")[0]
        )
    assert ReminderLog.objects.filter(kind="survey").count() == len(expected)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == len(expected)  # not again today
    assert client.get(url).status_code == 405  # a GET never sends
