"""Anonymous by construction (issue 15, "done when"): no table, admin view or export a staff user can
reach links an answer to a person, and a survey's anonymity cannot change after its first answer."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils.form_data import nested_form_data, streamfield

from lms.access.roles import ensure_roles
from lms.organisation.models import OrgUnit
from lms.surveys import services
from lms.surveys.models import Answer, AnswerSet, Participation, SurveyPage
from tests.factories import PersonFactory, hr_user

from .factories import answers, make_survey, release

pytestmark = pytest.mark.django_db


def test_the_answer_tables_hold_nothing_that_points_at_a_person_or_a_moment():
    for model in (AnswerSet, Answer):
        for field in model._meta.get_fields():
            if field.is_relation and field.many_to_one:
                assert field.related_model in {SurveyPage, AnswerSet, OrgUnit}, field
            assert not isinstance(field, (models.DateTimeField, models.TimeField, models.AutoField)), field
        assert isinstance(model._meta.pk, models.UUIDField)
    # "has answered" and the answers share the survey and nothing else.
    participation = {f.name for f in Participation._meta.get_fields() if f.concrete} - {"id", "survey"}
    answer_set = {f.name for f in AnswerSet._meta.get_fields() if f.concrete} - {"id", "survey"}
    assert participation == {"person"} and not participation & answer_set
    assert not any(f.name.endswith("_at") for f in Participation._meta.get_fields())


@pytest.fixture
def answered(people, group):
    """Thirteen people answered (eight in A, five in B); one of them wrote a recognisable text."""
    survey = make_survey()
    writer = PersonFactory(org_unit=group["unit_a"], user__first_name="Zebulon", user__last_name="Kvistholm")
    services.survey_answer(
        survey=survey, person=writer, answers=answers(policy="2", comment="Texten om arbetsmiljön på våning tre")
    )
    for person in [*people["a"], *people["b"][:5]]:
        services.survey_answer(survey=survey, person=person, answers=answers())
    release(survey)
    return survey, writer


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def hr_with_free_text(db):
    ensure_roles()
    user = hr_user(username="hr-fritext")
    user.user_permissions.add(Permission.objects.get(codename="view_free_text"))
    return user


def test_no_admin_page_or_export_puts_an_answer_beside_a_person(client, answered, hr_with_free_text):
    survey, writer = answered
    client.force_login(hr_with_free_text)
    names = {writer.user.first_name, writer.user.last_name, writer.user.username, writer.user.email}
    for person in Participation.objects.select_related("person__user"):
        names |= {person.person.user.email, person.person.employee_number}
    results_url = reverse("surveys_admin:results", args=[survey.pk])
    pages = {
        "list": client.get(reverse("surveys_admin:list")),
        "results": client.get(results_url),
        "csv": client.get(results_url + "?export=csv"),
    }
    xlsx = client.get(results_url + "?export=xlsx")
    assert all(response.status_code == 200 for response in [*pages.values(), xlsx])
    results_page = pages["results"].content.decode()
    assert "Texten om arbetsmiljön på våning tre" in results_page  # free text, to the one with the right…
    texts = {k: body(r).decode() for k, r in pages.items()}
    workbook = load_workbook(io.BytesIO(body(xlsx)))
    texts["xlsx"] = " ".join(str(c.value) for row in workbook.active.iter_rows() for c in row)
    for name, text in texts.items():
        assert not any(n in text for n in names), name  # …and nobody's name anywhere beside it
    rows = list(csv.reader(io.StringIO(texts["csv"])))
    assert rows[0][:2] == ["Fråga", "Grupp"] and len(rows) > 5
    # Nor is an answer row listed anywhere: the answers are no admin model at all.
    assert client.get("/admin/snippets/surveys/answerset/").status_code == 404
    assert client.get("/admin/snippets/surveys/participation/").status_code == 404


def test_free_text_needs_its_own_permission(client, answered):
    ensure_roles()
    hr = hr_user(username="hr-utan")
    client.force_login(hr)
    page = client.get(reverse("surveys_admin:results", args=[answered[0].pk])).content.decode()
    assert "Texten om arbetsmiljön" not in page and 'data-testid="respondents">13<' in page


# --- Anonymity cannot be switched off after the first answer ------------------------------------------


def test_the_reporting_level_and_free_text_are_fixed_once_answers_exist(people):
    survey = make_survey(reporting_level="group")
    survey.reporting_level = "organisation"
    survey.full_clean()  # no answers yet: still free to change
    survey.reporting_level = "group"
    services.survey_answer(survey=survey, person=people["a"][0], answers=answers())
    survey = SurveyPage.objects.get(pk=survey.pk)
    for field, value in [
        ("reporting_level", "organisation"),
        ("allow_free_text", False),
        ("kind", "course_evaluation"),
    ]:
        changed = SurveyPage.objects.get(pk=survey.pk)
        setattr(changed, field, value)
        with pytest.raises(ValidationError) as error:
            changed.full_clean()
        assert field in error.value.message_dict or "course" in error.value.message_dict
    with pytest.raises(ValidationError):  # save() validates too: no way round it through the model
        changed = SurveyPage.objects.get(pk=survey.pk)
        changed.reporting_level = "organisation"
        changed.save()
    assert SurveyPage.objects.get(pk=survey.pk).reporting_level == "group"


def test_removing_an_answered_question_or_choice_is_refused(people):
    survey = make_survey()
    services.survey_answer(survey=survey, person=people["a"][0], answers=answers(speak_up="maybe"))
    survey = SurveyPage.objects.get(pk=survey.pk)
    blocks = [(c.block_type, dict(c.value)) for c in survey.questions]
    survey.questions = [b for b in blocks if b[0] != "agreement"]
    with pytest.raises(ValidationError, match="policy-known"):
        survey.full_clean()


def test_removing_a_choice_nobody_chose_is_refused_too_so_the_refusal_tells_no_answer(people):
    """One answer waits for its release: if only chosen keys were kept, removing "no" (allowed) and
    "maybe" (refused) would tell the editor what that one person chose."""
    survey = make_survey()
    services.survey_answer(survey=survey, person=people["a"][0], answers=answers(speak_up="maybe"))
    survey = SurveyPage.objects.get(pk=survey.pk)
    for removed in ("maybe", "no"):
        changed = SurveyPage.objects.get(pk=survey.pk)
        blocks = []
        for child in changed.questions:
            value = dict(child.value)
            if child.block_type == "single_choice":
                value["choices"] = [dict(c) for c in value["choices"] if c["key"] != removed]
            blocks.append((child.block_type, value))
        changed.questions = blocks
        with pytest.raises(ValidationError) as error:
            changed.full_clean()
        assert f"speak-up/{removed}" in str(error.value)


def _edit_data(survey, **overrides):
    data = {
        "title": survey.title,
        "slug": survey.slug,
        "intro": "",
        "kind": survey.kind,
        "opens_on": survey.opens_on.isoformat(),
        "for_staff": "on",
        "for_managers": "on",
        "for_politicians": "on",
        "reporting_level": survey.reporting_level,
        "allow_free_text": "on",
        "questions": streamfield(
            [
                (
                    "agreement",
                    {"key": "policy-known", "text": "Jag känner till policyn.", "help_text": "", "required": "on"},
                ),
                ("free_text", {"key": "comment", "text": "Något mer?", "help_text": ""}),
            ]
        ),
        **overrides,
    }
    return nested_form_data(data)


def test_the_editor_cannot_switch_anonymity_after_the_first_answer(client, people):
    from tests.factories import UserFactory as Users

    admin = Users(username="redaktor-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    survey = make_survey(
        questions=[
            (
                "agreement",
                {"key": "policy-known", "text": "Jag känner till policyn.", "help_text": "", "required": True},
            ),
            ("free_text", {"key": "comment", "text": "Något mer?", "help_text": "", "required": False}),
        ]
    )
    edit = reverse("wagtailadmin_pages:edit", args=[survey.pk])
    # Before any answer the editor may change it (and back).
    response = client.post(edit, {**_edit_data(survey, reporting_level="group"), "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SurveyPage.objects.get(pk=survey.pk).reporting_level == "group"
    survey = SurveyPage.objects.get(pk=survey.pk)
    services.survey_answer(survey=survey, person=people["a"][0], answers={"policy-known": ["3"], "comment": ""})
    response = client.post(edit, {**_edit_data(survey, reporting_level="organisation"), "action-publish": "publish"})
    assert response.status_code == 200
    assert "Fixed: the survey already has answers." in response.content.decode() or "Låst" in response.content.decode()
    assert SurveyPage.objects.get(pk=survey.pk).reporting_level == "group"
