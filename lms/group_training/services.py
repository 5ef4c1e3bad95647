"""Every write of group sessions, each in one transaction: start, the show of hands, confirm, HR's correction.

Bad input raises ``SessionError`` with a message for the user before anything is written; the
transaction makes the rest all or nothing."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from lms.access.rule import visible_rows
from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate
from lms.courses import services as course_services
from lms.courses.models import CompletionRoute, CoursePage, Enrolment, EnrolmentSource
from lms.organisation.models import OrgUnit, Person

from .models import GroupSession, GroupSessionTerms, SessionAttendance, SessionStatus

CONFIRMED = "group_training.confirm"
CORRECTED = "group_training.correct"


class SessionError(Exception):
    """Input a session refuses; ``str()`` is the message for the user."""


def check_held_on(held_on: date, *, today: date | None = None) -> None:
    """A session is recorded on its day or afterwards, at most the configured number of days back."""
    today = today or timezone.localdate()
    days = settings.LMS_GROUP_SESSION_MAX_BACKDATE_DAYS
    if held_on > today:
        raise SessionError(_("A session cannot be dated in the future."))
    if held_on < today - timedelta(days=days):
        raise SessionError(
            ngettext(
                "A session can be dated at most %(days)d day back; ask HR to record an older one.",
                "A session can be dated at most %(days)d days back; ask HR to record an older one.",
                days,
            )
            % {"days": days}
        )


@transaction.atomic
def session_start(*, course: CoursePage, org_unit: OrgUnit, held_on: date, leader) -> GroupSession:
    """Open a session of a live course for a unit the leader may see."""
    check_held_on(held_on)
    if not course.live:
        raise SessionError(_("The course is not published."))
    if not visible_rows(leader, OrgUnit.objects.filter(pk=org_unit.pk)).exists():
        raise SessionError(_("You may not lead a session for that unit."))
    return GroupSession.objects.create(course=course, org_unit=org_unit, held_on=held_on, leader=leader)


@transaction.atomic
def session_record_hands(*, session: GroupSession, poll_id: str, counts: dict[str, int] | None) -> GroupSession:
    """The show of hands on one poll: counts per choice id, or None to skip the poll."""
    session = GroupSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise SessionError(_("The session is confirmed; its show of hands can no longer change."))
    if counts is None:
        session.poll_counts.pop(poll_id, None)
    else:
        if any(count < 0 or count > 10_000 for count in counts.values()):
            raise SessionError(_("Enter a count from 0 upwards for each answer."))
        session.poll_counts[poll_id] = counts
    session.save(update_fields=["poll_counts"])
    return session


def _completion_moment(held_on: date) -> datetime:
    """Today's session completes now; one recorded afterwards, at noon of its day (certificates say the day)."""
    if held_on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(held_on, time(12)))


def _people_for(*, by, person_ids: list[int]) -> list[Person]:
    """The people ticked, each once, all of them people ``by`` may see: else nothing is written."""
    if len(set(person_ids)) != len(person_ids):
        raise SessionError(_("A person can be ticked only once in a session."))
    people = list(visible_rows(by, Person.objects.filter(pk__in=person_ids, is_active=True)))
    if len(people) != len(person_ids):
        raise SessionError(_("You can tick only active people you may see."))
    return people


def _attend(*, session: GroupSession, people: list[Person]) -> list[SessionAttendance]:
    """Attendance rows for ``people``, their current enrolments made where missing and completed (or, where
    the course keeps its quiz individual, their lessons recorded as done): a constant number of queries."""
    course = session.course
    person_ids = [p.pk for p in people]
    latest: dict[int, Enrolment] = {}
    for enrolment in Enrolment.objects.filter(course=course, person_id__in=person_ids).order_by("person_id", "cycle"):
        latest[enrolment.person_id] = enrolment  # the last cycle wins
    missing = [pid for pid in person_ids if pid not in latest]
    Enrolment.objects.bulk_create(
        [Enrolment(person_id=pid, course=course, cycle=1, source=EnrolmentSource.SELF) for pid in missing],
        ignore_conflicts=True,
    )
    if missing:
        latest.update({e.person_id: e for e in Enrolment.objects.filter(course=course, person_id__in=missing, cycle=1)})
    open_ids = [e.pk for e in latest.values() if e.completed_at is None]
    when = _completion_moment(session.held_on)
    if GroupSessionTerms.objects.filter(course=course, quiz_required_after_session=True).exists():
        course_services.enrolments_mark_lessons_done(enrolment_ids=open_ids, when=when)
        counted = set(open_ids)
    else:
        counted = set(
            course_services.enrolments_complete_via(
                enrolment_ids=open_ids, via=CompletionRoute.GROUP_SESSION, completed_at=when
            )
        )
    try:
        with transaction.atomic():
            return SessionAttendance.objects.bulk_create(
                [
                    SessionAttendance(
                        session=session,
                        person_id=pid,
                        enrolment_id=latest[pid].pk if latest[pid].pk in counted else None,
                    )
                    for pid in person_ids
                ]
            )
    except IntegrityError:
        raise SessionError(_("A person can be in a session only once.")) from None


@transaction.atomic
def session_confirm(*, session: GroupSession, person_ids: list[int], by) -> GroupSession:
    """Record who was present and complete their enrolments "in a group session"; audit-logged.
    Refused as a whole: a session confirmed already, dated too far back, nobody ticked, a person
    ticked twice or one the leader may not see."""
    session = GroupSession.objects.select_for_update().select_related("course").get(pk=session.pk)
    if not session.is_open:
        raise SessionError(_("The session is confirmed already; HR can correct it."))
    check_held_on(session.held_on)
    if not person_ids:
        raise SessionError(_("Tick at least one person who was present."))
    people = _people_for(by=by, person_ids=person_ids)
    attendances = _attend(session=session, people=people)
    session.status, session.confirmed_at = SessionStatus.CONFIRMED, timezone.now()
    session.save(update_fields=["status", "confirmed_at"])
    log(
        instance=session,
        action=CONFIRMED,
        user=by,
        data={
            "present": len(attendances),
            "completed": sum(1 for a in attendances if a.enrolment_id),
            "held_on": session.held_on.isoformat(),
            "course": session.course.title,
        },
    )
    return session


@transaction.atomic
def session_correct(
    *, session: GroupSession, by, reason: str, add_ids: list[int] = (), remove_ids: list[int] = ()
) -> GroupSession:
    """HR's correction of a confirmed session, with a reason: people added (their enrolments completed as
    at confirmation) or removed (a completion the session made is withdrawn and its certificate revoked).
    Audit-logged with the reason and who changed; all or nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise SessionError(_("Give a reason for the correction."))
    session = GroupSession.objects.select_for_update().select_related("course").get(pk=session.pk)
    if session.is_open:
        raise SessionError(_("An open session is confirmed by its leader, not corrected."))
    add_ids, remove_ids = list(add_ids), list(remove_ids)
    if not add_ids and not remove_ids:
        raise SessionError(_("Add or remove at least one person."))
    present = set(session.attendances.values_list("person_id", flat=True))
    if present & set(add_ids):
        raise SessionError(_("A person can be in a session only once."))
    if set(remove_ids) - present:
        raise SessionError(_("Only people recorded as present can be removed."))
    removed = list(
        visible_rows(by, SessionAttendance.objects.filter(session=session, person_id__in=remove_ids)).select_related(
            "enrolment"
        )
    )
    if len(removed) != len(remove_ids):
        raise SessionError(_("You can remove only people you may see."))
    for attendance in removed:
        if attendance.enrolment is not None and course_services.enrolment_withdraw_completion(
            enrolment=attendance.enrolment, via=CompletionRoute.GROUP_SESSION
        ):
            certificate = Certificate.objects.filter(enrolment=attendance.enrolment, revoked_at__isnull=True).first()
            if certificate is not None:
                certificate_services.certificate_revoke(certificate=certificate, reason=reason, user=by)
    SessionAttendance.objects.filter(pk__in=[a.pk for a in removed]).delete()
    if add_ids:
        _attend(session=session, people=_people_for(by=by, person_ids=add_ids))
    log(
        instance=session,
        action=CORRECTED,
        user=by,
        data={"reason": reason, "added": sorted(add_ids), "removed": sorted(remove_ids)},
    )
    return session
