"""Writes: answering a survey (anonymous by construction, see models.py), the nightly release that
moves the answers into the results and shows them in batches, and reminding those who have not
answered."""

import random
import uuid
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.access.rule import visible_rows
from lms.core.addresses import page_absolute_url
from lms.core.disclosure import MIN_GROUP
from lms.organisation.models import Person
from lms.requirements import services as requirement_services
from lms.requirements.models import ReminderKind

from . import selectors
from .blocks import FREE_TEXT_MAX
from .models import Answer, AnswerSet, Participation, PendingAnswerSet, SurveyPage, SurveyRelease

MIN_BATCH = MIN_GROUP  # a cell's figures move by at least this many answer sets (the disclosure rule's group)


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
    """Store that ``person`` has answered, and their answers without them, waiting for the night's
    release (models.py): no results table is written here. Refused (SurveyRefused, nothing
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
    PendingAnswerSet.objects.create(answered_on=today, answers=[list(row) for row in rows], **kept)


def survey_release(*, survey_id: int, now: datetime | None = None) -> SurveyRelease | None:
    """The nightly release of one survey (models.py argues it), in one transaction of its own:

    1. the waiting answers are written into the results in a shuffled order under fresh random
       keys, and deleted from the waiting table; the survey's participations are rewritten in
       another shuffled order, so neither order nor ``xmin`` says who answered when;
    2. every cell (reporting unit, audience) with at least five answer sets not yet shown is shown
       whole; at most once a day while the survey is open, and once more the night after it closes;
    3. if a cell was shown, or the survey has closed since the last release, a release records the
       time the pages show. Answers of a cell left under five at closing are never shown.

    Returns the release made, or None. Safe to run twice: the second finds nothing to do."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rng = random.SystemRandom()
    with transaction.atomic():
        survey = SurveyPage.objects.select_for_update(of=("self",)).filter(pk=survey_id).first()
        if survey is None:
            return None
        _mix(survey, rng)
        closed = survey.closes_on is not None and survey.closes_on < today
        last = SurveyRelease.objects.filter(survey=survey).first()
        if not closed and last is not None and timezone.localdate(last.released_at) == today:
            return None  # at most once a day while open
        waiting = {(unit, audience): n for unit, audience, n in _waiting_cells(survey)}
        due = [cell for cell, n in waiting.items() if n >= MIN_BATCH]
        for unit, audience in due:
            cell = {"survey": survey, "reporting_unit_id": unit, "audience": audience, "shown": False}
            AnswerSet.objects.filter(**cell).update(shown=True)
            Answer.objects.filter(**cell).update(shown=True)
        # Closed again after being opened again: the earlier closing release does not count for this closing.
        closing = closed and (
            last is None or not last.closing or timezone.localdate(last.released_at) <= survey.closes_on
        )
        if not due and not closing:
            return None
        return SurveyRelease.objects.create(survey=survey, released_at=now, closing=closed)


def _waiting_cells(survey: SurveyPage) -> list[tuple[int | None, str, int]]:
    return list(
        AnswerSet.objects.filter(survey=survey, shown=False)
        .values_list("reporting_unit_id", "audience")
        .annotate(n=Count("id"))
        .order_by()
    )


def _mix(survey: SurveyPage, rng: random.Random) -> None:
    """Step 1 of ``survey_release``: the waiting answers into the results, shuffled; the
    participations renumbered in another shuffled order."""
    pending = list(PendingAnswerSet.objects.select_for_update().filter(survey=survey))
    if not pending:
        return
    rng.shuffle(pending)
    sets, answers = [], []
    for waiting in pending:
        kept = {"survey": survey, "reporting_unit_id": waiting.reporting_unit_id, "audience": waiting.audience}
        answer_set = AnswerSet(id=uuid.uuid4(), answered_on=waiting.answered_on, **kept)
        sets.append(answer_set)
        answers += [
            Answer(
                id=uuid.uuid4(),
                answer_set=answer_set,
                question_key=key,
                value=value,
                text=text,
                **kept,
            )
            for key, value, text in waiting.answers
        ]
    rng.shuffle(answers)
    AnswerSet.objects.bulk_create(sets)
    Answer.objects.bulk_create(answers)
    PendingAnswerSet.objects.filter(pk__in=[waiting.pk for waiting in pending]).delete()
    # Only the rows read (and locked) here are renumbered; one committed meanwhile keeps its place till the next night.
    rows = list(Participation.objects.select_for_update().filter(survey=survey).values_list("pk", "person_id"))
    people = [person for _pk, person in rows]
    rng.shuffle(people)
    Participation.objects.filter(pk__in=[pk for pk, _person in rows]).delete()
    Participation.objects.bulk_create([Participation(survey=survey, person_id=person) for person in people])


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
