"""A translation's draft approved in a workflow after its source quiz changed its questions: the approval
is refused with the reason, as the editor's Publish is, and nothing is published or half-approved."""

import copy

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from lms.quizzes.models import QuizPage
from tests.languages.factories import stop_syncing
from tests.languages.test_quiz import english_quiz, with_question

pytestmark = pytest.mark.django_db


def test_approving_a_translation_whose_source_changed_its_questions_is_refused_with_the_reason(editor_client):
    _course, quiz, translated = english_quiz()
    stop_syncing(editor_client, translated)
    translated = QuizPage.objects.get(pk=translated.pk)
    translated.title = "Knowledge test"
    revision = translated.save_revision()
    user = revision.user or quiz.owner
    workflow = translated.get_workflow()
    assert workflow is not None  # Wagtail's own "Moderators approval" on the root: every tree has it
    workflow_state = workflow.start(translated, user)
    published = translated.live_revision_id

    source = QuizPage.objects.get(pk=quiz.pk)  # meanwhile the source quiz gets a fourth question
    source.questions = with_question(copy.deepcopy(list(source.questions.raw_data)))
    source.save_revision().publish()

    task_state = workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[translated.pk, "approve", task_state.pk])
    response = editor_client.post(url, {"comment": ""}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()  # the page's editor, with why (the admin's language here: Swedish)
    assert "”Knowledge test” godkändes inte: den kan inte publiceras som den är." in html
    assert "samma frågor och svarsalternativ som originalet" in html
    translated = QuizPage.objects.get(pk=translated.pk)
    assert translated.live_revision_id == published and translated.title != "Knowledge test"
    assert WorkflowState.objects.get(pk=workflow_state.pk).status == WorkflowState.STATUS_IN_PROGRESS


def test_quizzes_and_surveys_have_the_refusing_approval():
    from wagtail.admin.viewsets.pages import page_viewset_registry

    from lms.languages.admin_views import ApprovalRefusedWhenUnpublishable
    from lms.surveys.models import SurveyPage

    for model in (QuizPage, SurveyPage):
        assert page_viewset_registry.get_by_type(model).workflow_action_view_class is ApprovalRefusedWhenUnpublishable
