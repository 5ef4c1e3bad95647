"""The observer (issue 26): HR, with the right to read free text, reads every page and export that
shows survey figures (the results list, the results page, its CSV and XLSX, /resultat/, the plan's
survey indicator) and a learner's register extract; the learner answers through the site; HR reads
them all again. Only the extract has changed. After a release with five new answers in one group,
the figures have changed."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.access.roles import ensure_roles
from lms.plans.measurements import SURVEY_AGREEMENT
from lms.surveys import services
from tests.factories import PersonFactory, hr_user
from tests.plans.factories import CommitmentFactory, IndicatorFactory, PlanFactory

from .factories import answers, make_survey, release

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value="|"CSRF_TOKEN": ")[^"]+')  # new per response


@pytest.fixture
def hr(db):
    ensure_roles()
    user = hr_user(username="hr-observatör", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_free_text"))
    return user


def read_everything(client: Client, *, survey, commitment, learner) -> dict[str, object]:
    results_url = reverse("surveys_admin:results", args=[survey.pk])
    pages = {
        "results list": reverse("surveys_admin:list"),
        "results": results_url,
        "csv": results_url + "?export=csv",
        "public figures": "/resultat/",
        "plan indicator": reverse("plans_commitment", args=[commitment.pk]),
        "register extract": reverse("organisation_person_personal_data", args=[learner.pk]),
    }
    seen: dict[str, object] = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[name] = CSRF.sub(rb"\1<csrf>", body)
    workbook = load_workbook(io.BytesIO(b"".join(client.get(results_url + "?export=xlsx").streaming_content)))
    seen["xlsx"] = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    return seen


def test_nothing_hr_can_read_moves_when_one_person_answers_until_a_release_of_five(client, hr, people, group):
    today = timezone.localdate()
    survey = make_survey(
        title="Efter kampanjen", publish_results=True, opens_on=today - timedelta(days=5), closes_on=today
    )
    earlier = make_survey(
        title="Före kampanjen",
        publish_results=True,
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=30),
    )
    for person in people["a"] + people["b"][:5]:
        services.survey_answer(
            survey=earlier, person=person, answers=answers(policy="2"), today=today - timedelta(days=40)
        )
        services.survey_answer(survey=survey, person=person, answers=answers(policy="4", comment="Bra kurs"))
    release(earlier)
    release(survey, days_later=-1)  # last night's release
    plan = PlanFactory()
    commitment = CommitmentFactory(plan=plan, number=1)
    IndicatorFactory(commitment=commitment, kind=SURVEY_AGREEMENT, survey=survey, question_key="policy-known")
    learner = PersonFactory(org_unit=group["unit_a"])
    more = [PersonFactory(org_unit=group["unit_a"]) for _ in range(4)]

    client.force_login(hr)
    before = read_everything(client, survey=survey, commitment=commitment, learner=learner)
    assert "Resultat per" in before["results"].decode() and "12" in before["results"].decode()

    learner_client = Client()
    learner_client.force_login(learner.user)
    sent = learner_client.post(
        survey.url, {"q-policy-known": "1", "q-speak-up": "no", "q-channels": ["manager"], "q-comment": "Min åsikt"}
    )
    assert sent.status_code == 302

    after = read_everything(client, survey=survey, commitment=commitment, learner=learner)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["register extract"]  # it may say that she answered: that is stored
    assert survey.title in after["register extract"].decode()

    # Four more in the same group (administration A, staff): five new since the last release.
    for person in more:
        services.survey_answer(survey=survey, person=person, answers=answers(policy="1", comment="Min åsikt"))
    assert read_everything(client, survey=survey, commitment=commitment, learner=learner) == after
    assert release(survey) is not None  # tonight's
    released = read_everything(client, survey=survey, commitment=commitment, learner=learner)
    moved = {name for name in after if after[name] != released[name]}
    assert moved >= {"results list", "results", "csv", "xlsx", "plan indicator"}, moved
    assert 'data-testid="respondents">17<' in released["results"].decode()
    assert "Min åsikt" in released["results"].decode()
