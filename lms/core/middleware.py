import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Page

from . import sitecache
from .forms import bounded_id
from .storage import StorageUnavailable

logger = logging.getLogger(__name__)


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Swedish unless the visitor chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many
    staff browsers say English; a Swedish public service speaks Swedish first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        # Only the interface's languages: LANGUAGES also lists the content languages Wagtail asks for.
        supported = {code for code, _name in settings.LMS_INTERFACE_LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class CachedSiteMiddleware:
    """Finds the request's Wagtail site in the cache (``sitecache``) before anything asks Wagtail, which
    would query for it on every request. After CommonMiddleware, which has refused hosts not allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sitecache.site_for_request(request)
        return self.get_response(request)


class AdminIdListMiddleware:
    """Wagtail's bulk actions, multiple-item choosers and admin API "find" take ids from the query
    string (``?id=…``) and look them up as given: ``abc``, twenty digits or ``all`` outside a bulk
    action was a 500 (ValueError, or OverflowError on SQLite). Such a request is a 404 here, before
    the view runs. Every model with bulk actions or a chooser in this project has integer keys; one
    keyed otherwise (a UUID) would need this narrowed to the models it fits.

    Two more of Wagtail's views answer a malformed POST (no browser sends one) with a 500: the
    external-link chooser without its URL field (400 here), and a snippet chooser's "create"
    step, which no snippet chooser here offers (404 here)."""

    URL_NAMES = {"wagtail_bulk_action", "chosen_multiple", "wagtailadmin_choose_page_chosen_multiple"}
    API_NAMESPACE = "wagtailadmin_api"
    EXTERNAL_LINK = ("wagtailadmin_choose_page_external_link", "external-link-chooser-url")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        takes_ids = match.url_name in self.URL_NAMES or (
            match.url_name == "find" and self.API_NAMESPACE in match.namespaces
        )
        if takes_ids:
            # "all" (every row of the listing) is a bulk action's word; the others take only keys.
            allows_all = match.url_name == "wagtail_bulk_action"
            if any(not (pk == "all" and allows_all) and bounded_id(pk) is None for pk in request.GET.getlist("id")):
                raise Http404
            # "All in this listing" of pages names the parent page (childOf), looked up as given.
            parent = request.GET.get("childOf")
            if parent is not None and (bounded_id(parent) is None or not Page.objects.filter(pk=parent).exists()):
                raise Http404
        if match.url_name == "create" and any(ns.startswith("wagtailsnippetchoosers_") for ns in match.namespaces):
            raise Http404
        url_name, field = self.EXTERNAL_LINK
        if match.url_name == url_name and request.method == "POST" and field not in request.POST:
            return HttpResponseBadRequest()
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the one choice of policy by path: under ``/admin/`` Wagtail's
    admin gets ``LMS_ADMIN_CONTENT_SECURITY_POLICY`` (it needs inline scripts), everything else the
    site's ``CONTENT_SECURITY_POLICY`` (no inline script). A view's own csp decorators still win."""

    ADMIN_PREFIX = "/admin/"

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.config = settings.LMS_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """``Permissions-Policy: camera=(), microphone=(), …`` (``LMS_PERMISSIONS_POLICY``) on every response
    that has none: the site uses none of those browser features, nor may anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.LMS_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class StorageUnavailableMiddleware:
    """A request that meets a file store it cannot reach (``lms.core.storage.StorageUnavailable``: the
    bucket away, or refusing) gets "temporarily unavailable" (503, Retry-After) instead of a server error.
    Pages that need no file never meet it; the download views open their file before answering, so this
    is where a download ends up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StorageUnavailable):
            return None
        logger.warning("File store unavailable for %s: %s", request.path, exception)
        response = TemplateResponse(request, "core/file_unavailable.html", status=503)
        response["Retry-After"] = "120"
        response["Cache-Control"] = "no-store"
        return response.render()
