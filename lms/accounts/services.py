"""Accounts' writes: sign-in lockouts into the audit log, and lifting them."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from lms.access.rule import user_may


def _lockout_log_anchor(username: str):
    """The account an entry about sign-in lockouts is written on; a name without an account: its attempt row."""
    from axes.models import AccessAttempt

    user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    return user or AccessAttempt.objects.filter(username=username).order_by("pk").first()


def account_lockout_record(*, username: str | None, ip_address: str | None) -> None:
    """Write a lockout to the audit log, once per lock (axes says it again at each later try)."""
    from axes.helpers import get_cool_off

    anchor = _lockout_log_anchor(username or "")
    if anchor is None:
        return
    since = timezone.now() - (get_cool_off() or timedelta(0))
    already = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(anchor, for_concrete_model=False),
        object_id=str(anchor.pk),
        action__in=["lms.lockout", "lms.unlock"],
        timestamp__gte=since,
    ).exists()
    if not already:
        log(instance=anchor, action="lms.lockout", user=None, title=username or "", data={"ip_address": ip_address})


@transaction.atomic
def account_unlock(*, username: str, by) -> int:
    """Lift every sign-in lock on an account (all addresses); returns how many attempt rows went."""
    from axes.models import AccessAttempt

    if not user_may(by, AccessAttempt, "delete"):  # as lockouts.may_unlock
        raise PermissionDenied
    attempts = AccessAttempt.objects.filter(username=username)
    anchor = _lockout_log_anchor(username)
    count, _deleted = attempts.delete()
    if count and anchor is not None:
        log(instance=anchor, action="lms.unlock", user=by, title=username)
    return count
