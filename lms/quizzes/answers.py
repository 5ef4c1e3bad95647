"""The answers a learner's quiz form sends, read from the request: only this attempt's question fields,
nothing far larger than the form could be. Refusals are ``AnswerError``s with a message for the page."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.utils.translation import gettext as _

from .scoring import AnswerError

# A 40-question quiz with every box ticked is a few kilobytes; anything far larger is not our form.
MAX_BODY_BYTES = 64 * 1024
ANSWER_PREFIX = "q-"


def answers_from_request(request) -> dict[str, list[str]]:
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
