"""Reads: the site's live statement (for every page's footer) and who hears of new feedback."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import Site

from lms.access.roles import EDITORS_GROUP
from lms.core import sitecache

from .models import AccessibilityFeedback, AccessibilityStatementPage


def statement_for_site(site: Site | None) -> AccessibilityStatementPage | None:
    """The live, public statement of the site, or None (one query; no site: None)."""
    if site is None:
        return None
    return (
        AccessibilityStatementPage.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .first()
    )


def statement_for_request(request) -> AccessibilityStatementPage | None:
    """The statement of the request's site, looked up once per request."""
    if not hasattr(request, "_accessibility_statement"):
        request._accessibility_statement = statement_for_site(Site.find_for_request(request))
    return request._accessibility_statement


def statement_link_for_request(request) -> sitecache.PageLink | None:
    """The footer's link to the statement, from the cache (``lms.core.sitecache``): every page prints it."""
    return sitecache.per_site(
        "accessibility-statement-link", request, lambda site: sitecache.PageLink.of(statement_for_site(site), request)
    )


def feedback_recipients() -> list[str]:
    """Where a new message is announced: the statement's feedback address (a shared mailbox outlives
    the people reading it), or else every active editor with an address, so none goes unheard."""
    statement = AccessibilityStatementPage.objects.live().exclude(feedback_email="").order_by("path").first()
    if statement is not None:
        return [statement.feedback_email]
    editors = get_user_model().objects.filter(is_active=True, groups__name=EDITORS_GROUP).exclude(email="")
    return sorted(set(editors.values_list("email", flat=True)))


def feedback_of_user(user):
    """A person's messages: sent while signed in, or signed out with their account's e-mail address."""
    mine = Q(user_id=user.pk)
    if user.email:
        mine |= Q(user__isnull=True, email__iexact=user.email)
    return AccessibilityFeedback.objects.filter(mine).order_by("created_at", "pk")
