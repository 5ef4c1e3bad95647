"""Writes of required training: saving requirements, reminders, event sign-up and attendance."""

import logging
from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone, translation

from lms.core.addresses import base_url, page_absolute_url
from lms.core.placeholders import PlaceholderError, fill
from lms.courses import services as course_services
from lms.courses.models import Enrolment
from lms.organisation.models import Person

from . import reminders
from .assignment import AssignmentResult
from .models import MailPreference, MailTemplate, Registration, ReminderKind, ReminderLog, Requirement, TrainingEvent

log = logging.getLogger(__name__)


class SignUpError(Exception):
    """A sign-up that cannot be made; the message is for the person."""


# --- Requirements -------------------------------------------------------------


@transaction.atomic
def requirement_save(*, requirement: Requirement, bodies=None) -> Requirement:
    """Save (with the political bodies it is limited to, when given) and, once committed, assign
    the course to everyone it now covers (through Celery)."""
    previous_course = None
    if requirement.pk:
        previous_course = Requirement.objects.filter(pk=requirement.pk).values_list("course_id", flat=True).first()
    requirement.full_clean()
    requirement.save()
    if bodies is not None:
        requirement.bodies.set(bodies)
    from .tasks import assign_course_task

    for course_id in {requirement.course_id, previous_course} - {None}:
        transaction.on_commit(partial(assign_course_task.delay, course_id))
    return requirement


def requirement_preview(*, requirement: Requirement, body_ids=None) -> dict:
    """How many people the (unsaved) requirement would reach, and how many of them have done the
    course: by unit and audience, and as holders of political assignments (in ``body_ids``)."""
    from .assignment import requirement_holdings, requirement_people

    people = requirement_people(requirement)
    holders = {h.person_id for h in requirement_holdings(requirement, timezone.localdate(), body_ids=body_ids)}
    reached = set(people.values_list("pk", flat=True)) | holders
    total = len(reached)
    done = (
        Enrolment.objects.filter(course_id=requirement.course_id, person_id__in=reached, completed_at__isnull=False)
        .values("person_id")
        .distinct()
        .count()
    )
    by_audience = dict(people.values_list("audience").annotate(n=Count("pk")).order_by())
    return {"total": total, "already_completed": done, "by_audience": by_audience}


def assign_for_people(*, person_ids: list[int]) -> AssignmentResult:
    """After people joined, moved or changed audience: only their enrolments are looked at."""
    from .assignment import assign_all

    return assign_all(person_ids=person_ids)


# --- Reminders ----------------------------------------------------------------


def reminders_send(*, today: date | None = None) -> dict:
    """Send every reminder due today, each exactly once (see ReminderLog)."""
    today = today or timezone.localdate()
    sent = {"learner": 0, "manager": 0, "skipped": 0}
    days_before = settings.LMS_REMINDER_DAYS_BEFORE_DUE
    base = base_url()  # once, not per enrolment
    open_required = (
        Enrolment.objects.open()
        .filter(due_date__isnull=False, person__is_active=True, course__live=True)
        .filter(due_date__lte=today + timezone.timedelta(days=days_before))
        .select_related("person__user", "course")
    )
    for enrolment in open_required.iterator(2000):
        occasion = reminders.occasion_for(due_date=enrolment.due_date, today=today, days_before=days_before)
        if occasion is None:
            continue
        kind, key = occasion
        mandatory = enrolment.is_required
        outcome = _send_once(
            kind=kind,
            recipient=enrolment.person,
            enrolment=enrolment,
            occasion=key,
            mandatory=mandatory,
            context={
                "course": enrolment.course.title,
                "due_date": enrolment.due_date.isoformat(),
                "course_url": page_absolute_url(enrolment.course, base=base),
                "weeks_overdue": reminders.weeks_overdue(due_date=enrolment.due_date, today=today),
            },
        )
        if outcome:
            sent["learner" if outcome == "sent" else "skipped"] += 1
    sent["manager"] = _manager_digests(today)
    return sent


def _manager_digests(today: date) -> int:
    weeks = settings.LMS_MANAGER_DIGEST_AFTER_WEEKS
    cutoff = today - timezone.timedelta(weeks=weeks)
    overdue = (
        Enrolment.objects.open()
        .required()
        .filter(due_date__lte=cutoff, person__is_active=True, person__manager__isnull=False, course__live=True)
        .select_related("person__user", "course")
        .order_by("person__manager_id", "due_date")
    )
    by_manager: dict[int, list[Enrolment]] = {}
    for enrolment in overdue:
        by_manager.setdefault(enrolment.person.manager_id, []).append(enrolment)
    iso_year, iso_week, _day = today.isocalendar()
    count = 0
    for manager in Person.objects.filter(pk__in=by_manager, is_active=True).select_related("user"):
        lines = "\n".join(
            f"- {e.person.full_name}: {e.course.title} ({e.due_date.isoformat()})" for e in by_manager[manager.pk]
        )
        outcome = _send_once(
            kind=ReminderKind.MANAGER_DIGEST,
            recipient=manager,
            enrolment=None,
            occasion=f"{iso_year}-W{iso_week:02d}",
            mandatory=True,
            context={"people": lines},
        )
        count += outcome == "sent"
    return count


STALE_CLAIM = timezone.timedelta(minutes=15)


def reminder_send_once(*, kind, recipient: Person, occasion: str, context: dict, mandatory: bool = True) -> str | None:
    """One mail to one person about something other than an enrolment (the apps above: a survey not
    yet answered), sent at most once per kind, person and occasion (ReminderLog). Returns "sent",
    "skipped" (no e-mail address) or None (already sent)."""
    return _send_once(
        kind=kind, recipient=recipient, enrolment=None, occasion=occasion, mandatory=mandatory, context=context
    )


def _send_once(*, kind, recipient: Person, enrolment, occasion: str, mandatory: bool, context: dict) -> str | None:
    """Claim the occasion in ReminderLog, send, mark it sent. Returns "sent", "skipped" or None (already done).

    The claim is a unique row, so a task retried or a beat fired twice finds it and sends
    nothing. A send that fails releases the claim for the retry; a worker that died
    mid-send leaves a claim that another run may take over once it is stale."""
    now = timezone.now()
    try:
        with transaction.atomic():
            entry, created = ReminderLog.objects.get_or_create(
                kind=kind, recipient=recipient, enrolment=enrolment, occasion=occasion
            )
    except IntegrityError:  # a parallel run claimed it between our look and our insert
        return None
    if not created:
        if entry.status != ReminderLog.Status.SENDING:
            return None
        taken_over = ReminderLog.objects.filter(
            pk=entry.pk, status=ReminderLog.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
        ).update(claimed_at=now)
        if not taken_over:
            return None  # someone else is sending it right now
    if (not mandatory and not _wants_optional(recipient)) or not recipient.user.email:
        ReminderLog.objects.filter(pk=entry.pk).update(status=ReminderLog.Status.SKIPPED)
        return "skipped"
    subject, body = render_mail(kind=kind, language=recipient.language, name=recipient.full_name, **context)
    try:
        send_mail(subject, body, None, [recipient.user.email])
    except Exception:
        ReminderLog.objects.filter(pk=entry.pk).delete()  # release the claim so a retry can send it
        raise
    ReminderLog.objects.filter(pk=entry.pk).update(status=ReminderLog.Status.SENT, sent_at=timezone.now())
    return "sent"


def _wants_optional(person: Person) -> bool:
    pref = MailPreference.objects.filter(person=person).values_list("optional_reminders", flat=True).first()
    return True if pref is None else pref


def render_mail(*, kind: str, language: str, **context) -> tuple[str, str]:
    """Subject and body in the person's language, from HR's template or the built-in default."""
    language = language if language in dict(settings.LMS_INTERFACE_LANGUAGES) else settings.LANGUAGE_CODE
    template = MailTemplate.objects.filter(kind=kind, language=language).first()
    default = reminders.DEFAULT_TEMPLATES[kind][language]
    with translation.override(language):
        if template is not None:
            try:
                return _fill_mail(template.subject, template.body, context)
            except PlaceholderError:
                # Saved before the form checked it (or edited in the database): the built-in text
                # goes out instead, so one bad template cannot stop every reminder run.
                log.warning("Mail template %s is invalid; sent the built-in text instead.", template.pk)
        return _fill_mail(*default, context)


def _fill_mail(subject: str, body: str, context: dict) -> tuple[str, str]:
    allowed = reminders.PLACEHOLDERS
    return fill(subject, context, allowed).replace("\n", " "), fill(body, context, allowed)


@transaction.atomic
def mail_preference_set(*, person: Person, optional_reminders: bool) -> MailPreference:
    pref, _created = MailPreference.objects.update_or_create(
        person=person, defaults={"optional_reminders": optional_reminders}
    )
    return pref


# --- Training events ----------------------------------------------------------


@transaction.atomic
def event_sign_up(*, event: TrainingEvent, person: Person) -> Registration:
    """Sign up, if there is a seat. The event row is locked so two last-seat sign-ups can't both win."""
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    existing = Registration.objects.filter(event=event, person=person).first()
    if existing:
        return existing
    if event.starts_at <= timezone.now():
        raise SignUpError("started")
    if event.registrations.count() >= event.seats:
        raise SignUpError("full")
    return Registration.objects.create(event=event, person=person)


@transaction.atomic
def event_cancel(*, event: TrainingEvent, person: Person) -> None:
    Registration.objects.filter(event=event, person=person, attended=False).delete()


@transaction.atomic
def event_record_attendance(
    *, event: TrainingEvent, attended_person_ids: set[int], among: set[int] | None = None
) -> int:
    """Mark who attended; each attendee's enrolment on the event's course is completed.

    ``among``: the people whose registrations the recorder saw (an HR user limited to part of
    the group sees only theirs); the others' attendance is left as it is. None: everyone."""
    count = 0
    registrations = event.registrations.select_related("person").select_for_update()
    if among is not None:
        registrations = registrations.filter(person_id__in=among)
    for registration in registrations:
        attended = registration.person_id in attended_person_ids
        if attended == registration.attended:
            continue
        registration.attended = attended
        registration.attendance_recorded_at = timezone.now() if attended else None
        registration.save(update_fields=["attended", "attendance_recorded_at"])
        if attended:
            enrolment = course_services.enrolment_self_enrol(person=registration.person, course=event.course)
            course_services.enrolment_complete_by_attendance(enrolment=enrolment)
            count += 1
    return count
