"""Writes: a person's erasure (GDPR art. 17), under the retention decisions in force. Part of the
organisation app's services, in a room of its own for size; ``services`` re-exports its names."""

from datetime import timedelta
from importlib import import_module

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from lms.access import roles

from .models import Person
from .services import SignInProtected, announce_people_changed, person_check_may_change


def _anonymous_label(person_id: int) -> str:
    return f"anonymised-{person_id}"


# Why an erasure happened, stored in its audit-log entry when the nightly run anonymises a leaver.
RETENTION_REASON = gettext_lazy("The retention decision for people's names and contact details")
ERASURE_REASON_REQUIRED = gettext_lazy("Give the reason for the erasure (it is written to the audit log).")


class ErasureReasonRequired(ValidationError):
    def __init__(self):
        super().__init__(ERASURE_REASON_REQUIRED, code="reason_required")


@transaction.atomic
def person_erase(*, person: Person, by=None, reason: str = "") -> Person:
    """Erase a person's personal data as far as the retention decisions in force allow (fail safe).

    Per record type (lms.records) the one account of it, ``person_retention_plan``, decides, and the
    erasure page and the register extract show the same: without a decision in force every row of
    the type is kept as it is (public documents go only under a decision: the Archives Act; GDPR
    art. 17.3 b); with one, the rows it still keeps stay and the rows whose period has run out are
    disposed of as the decision says (the record type's own disposal, attempts and certificates
    before the enrolments they point at). People's names are such a record type: without a decision
    for them, or while it keeps them, the name, e-mail, username and employee number stay and only
    the account is closed (the nightly run anonymises the person once a decision's period has run
    out); otherwise they go. The audit log is a record type too: entries about the person stay as they
    are (names in their labels) unless a decision lets them go.

    Always, whatever the decisions: the account is closed (no password, inactive, no roles, rights
    or staff scope's use; its sessions end), its sign-in lockout rows go, and each app removes what
    is not a public document through the personal-data registry (privacy.py: single sign-on links,
    poll answers, reminders …). The audit-log entry holds the reason (required from a person), the
    rows kept per record type, those kept for want of a decision, and those disposed of.

    Raises PersonProtected when ``by`` may not erase this person, SignInProtected when it is a staff
    account and ``by`` is no superuser (erasure rewrites its sign-in details); ``by=None`` is the
    retention job.
    """
    from lms.access import privacy
    from lms.records.selectors import person_retention_plan

    from .retention import PEOPLE

    reason = (reason or "").strip()
    if by is not None and not reason:
        raise ErasureReasonRequired()
    person = Person.objects.select_for_update().select_related("user").get(pk=person.pk)
    if person.erased_at is not None:
        return person
    person_check_may_change(person=person, by=by)
    if not roles.may_change_sign_in(actor=by, user=person.user):
        # Erasure rewrites the account's username, e-mail address and password: a staff account's, only
        # a superuser (or retention) may.
        raise SignInProtected(person.user, ["email", "username", "password"])
    now = timezone.now()
    plan = person_retention_plan(person, now=now)
    kept = {row.record_type.key: row.kept for row in plan if row.kept}
    profile_kept = PEOPLE in kept
    removed = _dispose_as_decided(person, plan, now=now, skip={PEOPLE})  # the person's own row: below
    # The apps' own parts, while the account still has its e-mail address: some rows (messages sent
    # signed out) are the person's only by that address.
    privacy.erase_sections(person)
    user = person.user
    _end_sign_in(user)
    label = _anonymous_label(person.pk)
    if not profile_kept:
        user.username = label
        user.first_name = ""
        user.last_name = ""
        user.email = ""
    user.set_unusable_password()  # (also ends every session: its hash no longer matches)
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    was_active = person.is_active
    person.is_active = False
    person.deactivated_at = person.deactivated_at or now
    if not profile_kept:
        person.employee_number = None
        person.manager = None
        person.content_language = ""  # which language someone reads in can say where they come from
        person.hr_content_language = ""
        person.erased_at = now
    person.save()
    log(
        instance=person,
        action="lms.erase",
        user=by,
        title=label,
        data={
            "reason": reason,
            "kept": kept,
            "kept_without_decision": sorted(row.record_type.key for row in plan if row.without_decision),
            "removed": removed,
        },
    )
    if was_active:
        announce_people_changed([person.pk])
    return person


def _dispose_as_decided(person: Person, plan, *, now, skip: set[str]) -> dict[str, int]:
    """Dispose of the person's rows whose period under a decision in force has run out, with each
    record type's own disposal, in the registry's order (attempts and certificates before the
    enrolments they point at). Returns the rows disposed of per record type."""
    from lms.records.selectors import rows_erasure_may_remove

    removed: dict[str, int] = {}
    for row in plan:
        declared = row.record_type
        if declared.key in skip or not row.removed:
            continue
        # Only rows still holding what the type disposes of (an enrolment a kept attempt points at stays).
        mine = declared.rows().filter(pk__in=declared.person_rows(person).values("pk"))
        count = declared.dispose(rows_erasure_may_remove(declared.key, mine, now=now))
        if count:
            removed[declared.key] = count
    return removed


def _end_sign_in(user) -> None:
    """What sign-in keeps about the account and is no public document: its sessions (a session store
    knows no user, so the unexpired ones are read, and only while one of the account's may be among
    them) and django-axes' lockout rows for its username."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.conf import settings
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    username = user.get_username()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
    now = timezone.now()
    if user.last_login is None or user.last_login < now - timedelta(seconds=settings.SESSION_COOKIE_AGE):
        return
    engine = import_module(settings.SESSION_ENGINE)
    for session in Session.objects.filter(expire_date__gt=now).iterator(chunk_size=500):
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            engine.SessionStore(session_key=session.session_key).delete()  # the cached copy too
