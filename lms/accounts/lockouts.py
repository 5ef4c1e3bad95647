"""Sign-in throttling (django-axes) and its admin: who is locked out, and HR's "Unlock".

Every password sign-in (the site's and Wagtail's admin's) passes ``axes.backends.AxesStandaloneBackend``
first. Failures are counted per account *and* address (``AXES_FAILURE_LIMIT``, e.g. 10): an
attacker guessing one account from one place is stopped, while the real person signing in from
elsewhere is not locked out by them. Failures for one account from *any* addresses are counted too
(``LMS_SIGNIN_ACCOUNT_FAILURE_LIMIT``, higher): a distributed attack on one account stops as well.
A lock ends after ``AXES_COOLOFF_TIME`` or when HR unlocks (``services.account_unlock``).

The client's address is read as django-ratelimit reads it (``RATELIMIT_IP_META_KEY``, by default
``REMOTE_ADDR``), so a made-up ``X-Forwarded-For`` counts for nothing. Password reset is limited
per address and per e-mail address with django-ratelimit (``password_reset_limited``): it is not a
sign-in, so axes does not see it.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited


def client_ip(request) -> str | None:
    """The client's address, from the one header the project trusts (``AXES_CLIENT_IP_CALLABLE``)."""
    value = request.META.get(settings.RATELIMIT_IP_META_KEY) or ""
    # A proxy that appends to a list puts the address it saw last; anything before it is the client's word.
    return value.split(",")[-1].strip() or None


def is_not_a_password_attempt(request, credentials) -> bool:
    """``AXES_WHITELIST_CALLABLE``: single sign-on (no password) is neither counted nor refused."""
    return credentials is not None and not credentials.get("password")


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit for one account from any addresses."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        account_limit = settings.LMS_SIGNIN_ACCOUNT_FAILURE_LIMIT
        if not username or not account_limit:
            return failures
        attempts = AccessAttempt.objects.filter(username=username)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        account_failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        # Scaled to the per-address limit that axes compares with: locked iff account_failures >= account_limit.
        return max(failures, account_failures * settings.AXES_FAILURE_LIMIT // account_limit)


def current_lockouts() -> list[dict]:
    """Accounts locked now: by account and address, or by account alone (the higher limit)."""
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    per_pair = attempts.values("username", "ip_address").annotate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    per_account = {
        row["username"]: row["failures"]
        for row in attempts.values("username").annotate(failures=Sum("failures_since_start"))
    }
    locked: dict[str, dict] = {}
    for row in per_pair:
        username = row["username"] or ""
        if (
            row["failures"] >= settings.AXES_FAILURE_LIMIT
            or per_account.get(row["username"], 0) >= settings.LMS_SIGNIN_ACCOUNT_FAILURE_LIMIT
        ):
            entry = locked.setdefault(
                username, {"username": username, "failures": per_account.get(row["username"], 0), "last": row["last"]}
            )
            entry["last"] = max(entry["last"], row["last"])
    return [
        {**entry, "until": entry["last"] + cool_off if cool_off is not None else None}
        for entry in sorted(locked.values(), key=lambda e: e["username"])
    ]


def may_unlock(user) -> bool:
    from lms.access.rule import user_may

    return user_may(user, AccessAttempt, "delete")  # axes.delete_accessattempt, by Wagtail's policy


def _visible_usernames(user, usernames) -> set[str] | None:
    """The locked usernames ``user`` may see under the access rule: those of people in their part
    of the group, or all of them (None) for a user who sees the whole group."""
    from lms.access.rule import scope_of, visible_rows
    from lms.organisation.models import Person

    if not scope_of(user).is_limited:
        return None
    people = visible_rows(user, Person.objects.filter(user__username__in=list(usernames)))
    return set(people.values_list("user__username", flat=True))


def lockout_index_view(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    lockouts = current_lockouts()
    visible = _visible_usernames(request.user, [entry["username"] for entry in lockouts])
    if visible is not None:
        lockouts = [entry for entry in lockouts if entry["username"] in visible]
    return TemplateResponse(request, "accounts/admin/lockouts.html", {"lockouts": lockouts})


@require_POST
def lockout_unlock_view(request):
    from . import services

    if not may_unlock(request.user):
        raise PermissionDenied
    username = request.POST.get("username", "")[:150]
    visible = _visible_usernames(request.user, [username])
    if visible is not None and username not in visible:
        raise Http404  # outside the user's part of the group: no such lockout for them
    count = services.account_unlock(username=username, by=request.user)
    if count:
        messages.success(request, _("%(username)s can sign in again.") % {"username": username})
    return redirect("organisation_lockouts")


def password_reset_limited(view):
    """Limits a password-reset form's POSTs per address and per e-mail address (429 beyond)."""

    def wrapped(request, *args, **kwargs):
        if request.method == "POST":
            email = (request.POST.get("email") or "").strip().lower()
            limited = is_ratelimited(
                request,
                group="accounts.password_reset.ip",
                key="ip",
                rate=settings.LMS_PASSWORD_RESET_ADDRESS_RATE,
                increment=True,
            )
            limited = (
                is_ratelimited(
                    request,
                    group="accounts.password_reset.email",
                    key=lambda group, request: email,
                    rate=settings.LMS_PASSWORD_RESET_RATE,
                    increment=True,
                )
                or limited
            )
            if limited:
                return TemplateResponse(request, "accounts/password_reset_limited.html", status=429)
        return view(request, *args, **kwargs)

    return wrapped


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the lockout page in the site's look, on both sign-in pages."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return TemplateResponse(
        request, "accounts/lockout.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE
    ).render()
