"""The learner's quiz pages, routed by QuizPage (RoutablePageMixin): overview, start, take, result.

Thin: check who may see the quiz, parse the form, call a selector or service, render. Every refusal
is a rendered page with a message and a 4xx status; nothing here writes except through services."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.courses.offers import completion_offers
from lms.courses.selectors import course_visible_to
from lms.organisation.selectors import person_for_user

from . import selectors, services
from .models import Attempt, AttemptStatus, QuizPage
from .scoring import AnswerError
from .snapshot import public_questions, question_pool

# A 40-question quiz with every box ticked is a few kilobytes; anything far larger is not our form.
MAX_BODY_BYTES = 64 * 1024
ANSWER_PREFIX = "q-"


class _Refused(Exception):
    def __init__(self, response):
        self.response = response


def _learner(request, quiz: QuizPage):
    """(person, course) of a signed-in learner who may see the quiz's course; others get sign-in or a 404."""
    if not request.user.is_authenticated:
        raise _Refused(redirect_to_login(request.get_full_path()))
    person = person_for_user(request.user)
    course = selectors.quiz_course(quiz=quiz)
    if not course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
    return person, course


def _error(request, quiz: QuizPage, message, status: int):
    return render(request, "quizzes/error.html", {"page": quiz, "message": message}, status=status)


def _guarded(view):
    def wrapper(request, quiz, *args, **kwargs):
        try:
            return view(request, quiz, *args, **kwargs)
        except _Refused as refused:
            return refused.response

    return wrapper


@_guarded
def quiz_overview(request, quiz: QuizPage):
    person, course = _learner(request, quiz)
    overview = selectors.quiz_overview(person=person, course=course, quiz=quiz)
    return render(
        request,
        "quizzes/quiz_page.html",
        {"page": quiz, "course": course, "overview": overview, "question_count": _question_count(quiz)},
    )


def _question_count(quiz: QuizPage) -> int:
    return min(quiz.questions_to_draw or len(quiz.questions), len(quiz.questions))


@_guarded
def quiz_start(request, quiz: QuizPage):
    person, course = _learner(request, quiz)
    if request.method != "POST":
        return redirect(quiz.url)
    try:
        attempt = services.attempt_start(person=person, quiz=quiz, course=course)
    except services.QuizError as refused:
        return _error(request, quiz, refused.message, refused.status)
    return redirect(quiz.sub_url("take", attempt_id=attempt.pk))


@_guarded
def attempt_take(request, quiz: QuizPage, attempt_id: int):
    person, course = _learner(request, quiz)
    attempt = selectors.person_attempt(person=person, quiz=quiz, attempt_id=attempt_id)
    if attempt is None:
        raise Http404(_("No such attempt."))
    if request.method == "POST":
        return _submit(request, quiz, person, attempt)
    if attempt.status == AttemptStatus.SUBMITTED:
        return redirect(quiz.sub_url("result", attempt_id=attempt.pk))
    if attempt.status == AttemptStatus.EXPIRED or attempt.is_past_deadline(timezone.now()):
        messages.error(request, services.AttemptExpired.default_message)
        return redirect(quiz.url)
    return _render_form(request, quiz, attempt)


def _render_form(request, quiz, attempt, *, given=None, missing=(), status=200):
    questions = public_questions(attempt.questions)
    given = given or {}
    for question in questions:
        question["missing"] = question["id"] in missing
        for choice in question["choices"]:
            choice["checked"] = choice["id"] in given.get(question["id"], ())
    context = {
        "page": quiz,
        "attempt": attempt,
        "questions": questions,
        "missing": [q for q in questions if q["missing"]],
        "action": quiz.sub_url("take", attempt_id=attempt.pk),
    }
    return render(request, "quizzes/attempt_take.html", context, status=status)


def _parse_answers(request) -> dict[str, list[str]]:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
        raise AnswerError(_("The answers sent were far too large for this quiz."))
    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent) as exc:
        raise AnswerError(_("The answers sent were far too large for this quiz.")) from exc
    answers = {}
    for key in data:
        if key == "csrfmiddlewaretoken":
            continue
        if not key.startswith(ANSWER_PREFIX):
            raise AnswerError(_("The answers do not belong to this attempt's questions."))
        answers[key[len(ANSWER_PREFIX) :]] = data.getlist(key)
    return answers


def _submit(request, quiz, person, attempt: Attempt):
    answers: dict[str, list[str]] = {}
    try:
        answers = _parse_answers(request)
        attempt = services.attempt_submit(person=person, attempt_id=attempt.pk, answers=answers)
    except Attempt.DoesNotExist as exc:
        raise Http404(_("No such attempt.")) from exc
    except services.QuizError as refused:
        return _error(request, quiz, refused.message, refused.status)
    except AnswerError as refused:
        if refused.missing:
            return _render_form(request, quiz, attempt, given=answers, missing=set(refused.missing), status=400)
        return _error(request, quiz, str(refused), 400)
    return redirect(quiz.sub_url("result", attempt_id=attempt.pk))


@_guarded
def attempt_result(request, quiz: QuizPage, attempt_id: int):
    person, course = _learner(request, quiz)
    attempt = selectors.person_attempt(person=person, quiz=quiz, attempt_id=attempt_id)
    if attempt is None:
        raise Http404(_("No such attempt."))
    if attempt.status != AttemptStatus.SUBMITTED:
        return redirect(quiz.sub_url("take", attempt_id=attempt.pk))
    overview = selectors.quiz_overview(person=person, course=course, quiz=quiz)
    result = selectors.attempt_result(attempt=attempt, overview=overview)
    context = {
        "page": quiz,
        "course": course,
        "attempt": attempt,
        "overview": overview,
        "enrolment": overview.enrolment,
        "pass_mark": attempt.snapshot["pass_mark"],
        "result": result,
        "rows": result.rows,
        # What comes next: the certificate, the course's evaluation (apps above register them).
        "offers": (
            completion_offers(person=person, course_ids=[course.pk]).get(course.pk, [])
            if overview.enrolment is not None and overview.enrolment.is_completed
            else []
        ),
    }
    return render(request, "quizzes/attempt_result.html", context)


def quiz_preview(request, quiz: QuizPage):
    """Editors' preview of a draft: every question with its right answers marked; starts no attempt."""
    return render(request, "quizzes/quiz_preview.html", {"page": quiz, "questions": question_pool(quiz.questions)})
