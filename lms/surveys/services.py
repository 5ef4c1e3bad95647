"""Writes: answering a survey (anonymous by construction, see models.py) and reminding those who
have not answered."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.core.addresses import page_absolute_url
from lms.organisation.access import visible_rows
from lms.organisation.models import Person
from lms.requirements import services as requirement_services
from lms.requirements.models import ReminderKind

from . import selectors
from .blocks import FREE_TEXT_MAX
from .models import Answer, AnswerSet, Participation, SurveyPage


class SurveyRefused(Exception):
    """The answer was not stored; the message says why, in words for the learner."""


def _checked(survey: SurveyPage, answers: dict) -> list[tuple[str, str, str]]:
    """(question key, value, text) rows, after checking every key, choice and length again
    (the form does too: this is the rule, whoever calls)."""
    questions = {q["key"]: q for q in survey.question_blocks()}
    rows = []
    for key, given in answers.items():
        question = questions.get(key)
        if question is None:
            raise SurveyRefused(_("The survey has no such question. Reload the page and try again."))
        if question["kind"] == "free_text":
            if len(given) > FREE_TEXT_MAX:
                raise SurveyRefused(_("Write at most %(limit)d characters.") % {"limit": FREE_TEXT_MAX})
            if given:
                rows.append((key, "", given))
            continue
        allowed = {choice for choice, _label in question["choices"]}
        values = list(dict.fromkeys(given))
        if any(value not in allowed for value in values):
            raise SurveyRefused(_("An answer was not one of the question's choices. Reload the page and try again."))
        if len(values) > 1 and question["kind"] != "multiple_choice":
            raise SurveyRefused(_("Give one answer to each question."))
        rows.extend((key, value, "") for value in values)
    return rows


@transaction.atomic
def survey_answer(*, survey: SurveyPage, person: Person | None, answers: dict, today: date | None = None) -> None:
    """Store ``person``'s answers without the person: "has answered" in one table, the answers in
    another, with nothing in common but the survey (models.py). Refused (SurveyRefused, nothing
    stored) when the survey is closed, not meant for them, already answered or the answers are wrong."""
    today = today or timezone.localdate()
    reason = selectors.refusal(survey=survey, person=person, today=today)
    if reason is not None:
        raise SurveyRefused(reason)
    rows = _checked(survey, answers)
    if not rows:
        raise SurveyRefused(_("Answer at least one question before sending."))
    try:
        with transaction.atomic():
            Participation.objects.create(survey=survey, person=person)
    except IntegrityError:  # the same person sending twice at once
        raise SurveyRefused(_("You have already answered this survey. Thank you!")) from None
    keeps_units = survey.keeps_units
    kept = {
        "survey": survey,
        "reporting_unit": selectors.reporting_unit_for(person.org_unit) if keeps_units else None,
        "audience": person.audience if keeps_units else "",
    }
    answer_set = AnswerSet.objects.create(answered_on=today, **kept)
    Answer.objects.bulk_create(
        [Answer(answer_set=answer_set, question_key=key, value=value, text=text, **kept) for key, value, text in rows]
    )


def non_respondents(*, user, survey: SurveyPage):
    """The people in ``user``'s part of the group asked by the survey who have not answered:
    counted for HR and mailed a reminder, never listed by name."""
    asked = selectors.eligible_people(survey=survey).exclude(survey_participations__survey=survey)
    return visible_rows(user, asked)


def survey_remind(*, survey: SurveyPage, user, today: date | None = None) -> dict:
    """Remind, once a day at most, everyone ``user`` may see who has not answered, through the
    reminder machinery (lms.requirements): to themselves only, never to their manager."""
    today = today or timezone.localdate()
    sent = {"sent": 0, "skipped": 0}
    occasion = f"survey-{survey.pk}-{today.isoformat()}"
    survey_url = page_absolute_url(survey)
    for person in non_respondents(user=user, survey=survey).select_related("user"):
        with override(person.language):
            closes_on = survey.closes_on.isoformat() if survey.closes_on else _("when HR closes it")
        outcome = requirement_services.reminder_send_once(
            kind=ReminderKind.SURVEY,
            recipient=person,
            occasion=occasion,
            context={"survey": survey.title, "survey_url": survey_url, "closes_on": closes_on},
        )
        if outcome:
            sent[outcome] += 1
    return sent
