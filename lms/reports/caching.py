"""The admin reports' figures and pages, cached until the roll-up, the targets or what they name change.

Every admin report reads the roll-up (``CompletionSummary``), which changes only when it is recomputed,
and names units and courses. A report's figures and its rendered tables are therefore cached under a
key of everything they depend on: the user's scope (never another user's figures), the report's own
query string (filters), the language, the time zone (the user's own in the admin) and today's date
(targets turn late at midnight), the site
content's version (course titles, unit names and the tree; lms.core.sitecache) and the reports'
version, which every recomputation of the roll-up and every change of a target moves. HR's overview
took about 95 ms a request in-process; with this and the cached sidebar it takes about a quarter of that
(bench/profile_pages.py).
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from lms.core.sitecache import VersionedCache, content_version

from .models import CourseTarget, SummaryRefresh

reports_cache = VersionedCache("reports")


def report_key(request, scope, name: str) -> str:
    """The key of ``name`` for this request: its scope, filters, language, time zone, date and versions."""
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
        f"{content_version(request)}:{reports_cache.version(request)}:{filters}"
    )


def cached_report(request, scope, name: str, compute: Callable[[], Any]) -> Any:
    return reports_cache.cached(report_key(request, scope, name), request, compute)


def connect() -> None:
    """From ReportsConfig.ready: a recomputed roll-up and any change of a target retire the cache."""
    for model in (SummaryRefresh, CourseTarget):
        post_save.connect(reports_cache.changed, sender=model, dispatch_uid=f"reports.cache.save.{model.__name__}")
        post_delete.connect(reports_cache.changed, sender=model, dispatch_uid=f"reports.cache.delete.{model.__name__}")
