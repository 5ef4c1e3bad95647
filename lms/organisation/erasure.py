"""Writes: a person's erasure (GDPR art. 17), under the retention decisions in force. Part of the
organisation app's services, in a room of its own for size; ``services`` re-exports its names."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from . import roles
from .models import Person
from .services import SignInProtected, _announce_people_changed, person_check_may_change


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
    """Erase a person's personal data, keeping the figures right and what a retention decision keeps.

    The Person row stays in its unit and audience with all its enrolments, so every
    completion figure is unchanged; names, e-mail, username and employee number go,
    the account can no longer sign in, and the person is deactivated. Earlier
    audit-log entries lose the name in their label. Other apps erase their own data
    through the personal-data registry (privacy.py).

    Records that a retention decision in force keeps (lms.records) are left as they are, each app
    asking for its own record type: when the decision for people's names keeps the person's, only
    the account is closed and the person stays unerased (the nightly run anonymises them when the
    period has run out). The entry in the audit log says why (``reason``, required from a person)
    and how many records of each type were kept.

    Raises PersonProtected when ``by`` may not erase this person; ``by=None`` is the
    retention job.
    """
    from lms.records.selectors import person_retention_plan, rows_erasure_may_remove

    from . import privacy
    from .retention import AUDIT_LOG, PEOPLE, audit_log_about

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
    kept = {row.record_type.key: row.kept for row in person_retention_plan(person) if row.kept}
    profile_kept = PEOPLE in kept
    # The apps' own parts first, while the account still has its e-mail address: some rows (messages
    # sent signed out) are the person's only by that address.
    privacy.erase_sections(person)
    now = timezone.now()
    label = _anonymous_label(person.pk)
    user = person.user
    if not profile_kept:
        user.username = label
        user.first_name = ""
        user.last_name = ""
        user.email = ""
    user.set_unusable_password()
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
        person.erased_at = now
    person.save()
    # Sessions of the account end with it: an inactive user is refused by every backend.
    if not profile_kept:
        rows_erasure_may_remove(AUDIT_LOG, audit_log_about(person)).update(label=label)
    log(instance=person, action="lms.erase", user=by, title=label, data={"reason": reason, "kept": kept})
    if was_active:
        _announce_people_changed([person.pk])
    return person
