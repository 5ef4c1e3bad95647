"""Admin views of quizzes: per-question statistics (quizzes.view_question_statistics) and recounting the
results by the grading method (quizzes.recount_results), both over the viewer's part of the group."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import ngettext

from lms.access.rule import scope_of, user_may
from lms.languages.selectors import in_source_language

from . import selectors, services
from .grading import GradingMethod
from .models import Attempt, QuizPage


def may_view_statistics(user) -> bool:
    return user_may(user, Attempt, "view_question_statistics")  # declared in Attempt.Meta.permissions


def may_recount(user) -> bool:
    return user_may(user, Attempt, "recount_results")  # declared in Attempt.Meta.permissions


def question_statistics_view(request, page_id: int):
    if not may_view_statistics(request.user):
        raise PermissionDenied
    quiz = get_object_or_404(in_source_language(QuizPage.objects.all()), pk=page_id)
    statistics = selectors.question_statistics(quiz=quiz, viewer=request.user)  # the viewer's scope only
    context = {
        "quiz": quiz,
        "stats": statistics.questions,
        "submitted": statistics.submitted,
        "scope_unit": scope_of(request.user).unit,
        "header_title": quiz.title,
    }
    return TemplateResponse(request, "quizzes/admin/statistics.html", context)


def quiz_recount_view(request, page_id: int):
    """What recounting by the quiz's grading method would change (GET), and the recount itself (POST,
    with the token of the figures shown): a refusal shows the figures as they are now, with why."""
    if not may_recount(request.user):
        raise PermissionDenied
    quiz = get_object_or_404(in_source_language(QuizPage.objects.all()), pk=page_id)  # attempts name the source
    status = 200
    if request.method == "POST":
        try:
            outcome = services.quiz_recount(quiz=quiz, by=request.user, token=request.POST.get("token", ""))
        except services.QuizError as refused:
            messages.error(request, refused.message)
            status = refused.status
        else:
            messages.success(request, _recounted_message(outcome))
            return redirect("quizzes_recount", page_id=quiz.pk)
    context = {
        "quiz": quiz,
        "plan": selectors.recount_plan(quiz=quiz, viewer=request.user),
        "method_label": GradingMethod(quiz.grading_method).label,
        "scope_unit": scope_of(request.user).unit,
        "header_title": quiz.title,
        # Back to the quiz for whoever may edit it; HR, who may recount but not edit pages, to the dashboard.
        "back_url": reverse("wagtailadmin_pages:edit", args=[quiz.pk])
        if quiz.permissions_for_user(request.user).can_edit()
        else reverse("wagtailadmin_home"),
    }
    return TemplateResponse(request, "quizzes/admin/recount.html", context, status=status)


def _recounted_message(outcome: services.RecountOutcome) -> str:
    message = ngettext(
        "The result that counts changed for %(count)d enrolment.",
        "The result that counts changed for %(count)d enrolments.",
        outcome.changed,
    ) % {"count": outcome.changed}
    if outcome.completed:
        message += " " + ngettext(
            "%(count)d course was completed by it.", "%(count)d courses were completed by it.", outcome.completed
        ) % {"count": outcome.completed}
    return message
