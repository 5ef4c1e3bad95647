"""/healthz for the municipality's monitoring: is the site's machinery working?"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from . import selectors


@csrf_exempt  # no form, no session: a monitoring probe carries neither cookie nor token
@never_cache
@require_GET
def healthz_view(request):
    """Public by design: yes/no per service, a queue length and an age in seconds, nothing about
    anyone. 200 when all is well, 503 otherwise (for monitoring and alerts; a load balancer should not
    take the site out on it, since pages keep working without the cache). Reads neither the session
    nor the user, so it writes no session and costs a handful of cheap queries."""
    report = selectors.health()
    return JsonResponse(report, status=200 if report["ok"] else 503)
