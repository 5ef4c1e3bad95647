"""/healthz for the municipality's monitoring: is the site's machinery working?"""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from . import selectors

# Headers a reverse proxy adds: a request carrying one came through it, whatever address it comes from.
# X-Forwarded-Proto too: production requires it (SECURE_PROXY_SSL_HEADER), and a proxy may send only that.
PROXY_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
)


def healthz_rate(group, request) -> str:
    return settings.LMS_HEALTHZ_RATE


def healthz_limited(request, *, details: bool) -> bool:
    """Counts the request and says whether it is over the rate. Monitoring (the token, or this machine)
    has a budget of its own, so anonymous traffic or wrong tokens (counted per client address, as the
    certificate verification) cannot use it up; nor does monitoring use up an address's."""
    if details:
        return is_ratelimited(
            request,
            group="operations.healthz.details",
            key=lambda group, request: "details",
            rate=healthz_rate,
            increment=True,
        )
    return is_ratelimited(request, group="operations.healthz", key="ip", rate=healthz_rate, increment=True)


def may_see_details(request) -> bool:
    """Monitoring with the token (``Authorization: Bearer …``, compared in constant time), or a probe on
    this machine: connected from a loopback address and not through a proxy (behind nginx on the same
    machine every visitor connects from 127.0.0.1, but with the proxy's headers)."""
    token = settings.LMS_HEALTHZ_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return True
    if any(header in request.META for header in PROXY_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@csrf_exempt  # no form, no session: a monitoring probe carries neither cookie nor token
@never_cache
@require_GET
def healthz_view(request):
    """Anyone gets "ok" (200) or "unavailable" (503): the database and the cache answer. Monitoring
    with the token, or on this machine, gets the details as JSON: yes/no per service (database, cache,
    broker), the queue's length and how long the oldest late work has waited; 503 when any is wrong.
    Never anything about anyone. Throttled (``healthz_limited``: the token is checked first, and
    monitoring has its own budget). Reads neither the session nor the user: it writes no cookie."""
    details = may_see_details(request)
    if healthz_limited(request, details=details):
        return HttpResponse("too many requests\n", status=429, content_type="text/plain; charset=utf-8")
    if not details:
        ok = selectors.health_plain()  # cheap: no broker, no queue, no counting of waiting work
        return HttpResponse(
            "ok\n" if ok else "unavailable\n", status=200 if ok else 503, content_type="text/plain; charset=utf-8"
        )
    report = selectors.health()
    return JsonResponse(report, status=200 if report["ok"] else 503)
