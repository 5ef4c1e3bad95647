"""The admin reports, rendered, cached until the roll-up, the targets or what they name change.

Every admin report reads the roll-up (``CompletionSummary``), which changes only when it is recomputed,
and names units and courses. A report's rendered tables (``{% cached_report_part %}``, reports_tags) are
therefore cached under a key of what they depend on
besides the rows ``reports_cache`` declares: the user's scope (never another user's figures), the
report's own query string (filters), the language, the time zone (the user's own in the admin) and
today's date (targets turn late at midnight). Every write to the roll-up, its refresh time, the targets,
the units (names and the tree) or the pages (course titles) retires them (lms.core.sitecache). HR's
overview took about 95 ms a request in-process; with this and the cached sidebar it takes about a
quarter of that (bench/profile_pages.py).
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language

from lms.core.sitecache import VersionedCache
from lms.organisation.models import OrgUnit

from .models import CompletionSummary, CourseTarget, SummaryRefresh

reports_cache = VersionedCache(
    "reports",
    # Locale: the course list is the source language's courses (languages.in_source_language)
    retired_by=(CompletionSummary, SummaryRefresh, CourseTarget, OrgUnit, "wagtailcore.Page", "wagtailcore.Locale"),
)


def report_key(request, scope, name: str) -> str:
    """The key of ``name`` for this request: its scope, filters, language, time zone and date."""
    if scope.whole_group:
        where = "all"
    elif scope.unit is not None:
        where = f"{scope.unit.pk}.{scope.unit.path}"
    else:
        where = "none"
    query = request.GET.copy()
    for param in ("export", "background"):  # how the figures are delivered, not which
        query.pop(param, None)
    filters = hashlib.blake2b(query.urlencode().encode(), digest_size=12).hexdigest()
    return (
        f"{name}:{where}:{get_language()}:{timezone.get_current_timezone_name()}:{timezone.localdate().isoformat()}:"
        f"{filters}"
    )


def cached_report(request, scope, name: str, compute: Callable[[], Any]) -> Any:
    return reports_cache.cached(report_key(request, scope, name), request, compute)
