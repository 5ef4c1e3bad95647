"""Per-question statistics of a quiz, in the Wagtail admin, for holders of quizzes.view_question_statistics."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from lms.access.rule import scope_of, user_may

from . import selectors
from .models import Attempt, QuizPage


def may_view_statistics(user) -> bool:
    return user_may(user, Attempt, "view_question_statistics")  # declared in Attempt.Meta.permissions


def question_statistics_view(request, page_id: int):
    if not may_view_statistics(request.user):
        raise PermissionDenied
    quiz = get_object_or_404(QuizPage, pk=page_id)
    statistics = selectors.question_statistics(quiz=quiz, viewer=request.user)  # the viewer's scope only
    context = {
        "quiz": quiz,
        "stats": statistics.questions,
        "submitted": statistics.submitted,
        "scope_unit": scope_of(request.user).unit,
        "header_title": quiz.title,
    }
    return TemplateResponse(request, "quizzes/admin/statistics.html", context)
