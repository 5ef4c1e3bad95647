"""Per-question statistics of a quiz, in the Wagtail admin, for holders of quizzes.view_question_statistics."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import selectors
from .models import Attempt, AttemptStatus, QuizPage

STATISTICS_PERMISSION = "quizzes.view_question_statistics"


def may_view_statistics(user) -> bool:
    return user.has_perm(STATISTICS_PERMISSION)


def question_statistics_view(request, page_id: int):
    if not may_view_statistics(request.user):
        raise PermissionDenied
    quiz = get_object_or_404(QuizPage, pk=page_id)
    context = {
        "quiz": quiz,
        "stats": selectors.question_statistics(quiz=quiz),
        "submitted": Attempt.objects.filter(quiz=quiz, status=AttemptStatus.SUBMITTED).count(),
        "header_title": quiz.title,
    }
    return TemplateResponse(request, "quizzes/admin/statistics.html", context)
