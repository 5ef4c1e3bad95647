from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views.account import PasswordResetView as AdminPasswordResetView
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.documents import urls as wagtaildocs_urls

from lms.access.viewsets import ScopedLogEntriesView
from lms.accounts.lockouts import password_reset_limited
from lms.accounts.oidc import AdminSignOutView
from lms.core import serving
from lms.core.spreadsheets import safe_export_view
from lms.core.storage import is_local
from lms.core.views import media_file_view
from lms.languages.admin_views import snippet_detail, snippets_listing
from lms.operations.views import healthz_view


def admin_view(view):
    """As Wagtail wraps its own admin URLs: signed-in admin users only, never cached."""
    return never_cache(display_custom_404(require_admin_access(view)))


def safe_exports(prefix: str, view_class) -> list:
    """Wagtail's own listing at ``prefix`` (and its results), ahead of Wagtail's, with its CSV export on
    the CSV-safe base (lms.core.spreadsheets): page titles and people's names reach these exports."""
    safe = safe_export_view(view_class)
    return [
        path(prefix, admin_view(safe.as_view())),
        path(f"{prefix}results/", admin_view(safe.as_view(results_only=True))),
    ]


urlpatterns = [
    # For the municipality's monitoring: the services and the oldest waiting work, no personal data.
    path("healthz", healthz_view, name="healthz"),
    # Wagtail's site history, limited to an HR user's part of the group; ahead of Wagtail's own.
    path("admin/reports/site-history/", admin_view(ScopedLogEntriesView.as_view())),
    path("admin/reports/site-history/results/", admin_view(ScopedLogEntriesView.as_view(results_only=True))),
    # Wagtail's password reset, limited per address and e-mail address (lockouts.py); ahead of Wagtail's own.
    *safe_exports("admin/reports/locked/", LockedPagesView),
    *safe_exports("admin/reports/aging-pages/", AgingPagesView),
    *safe_exports("admin/reports/workflow/", WorkflowView),
    *safe_exports("admin/reports/workflow_tasks/", WorkflowTasksView),
    *safe_exports("admin/redirects/", RedirectIndexView),
    *safe_exports("admin/searchpicks/reports/search-terms/", SearchTermsReportView),
    path("admin/password_reset/", password_reset_limited(AdminPasswordResetView.as_view())),
    # Wagtail's sign-out, ending the identity provider's session too after single sign-on; ahead of Wagtail's own.
    path("admin/logout/", admin_view(AdminSignOutView.as_view()), name="lms_admin_logout"),
    # wagtail-localize's snippet chooser API within the access rule (lms/languages/admin_views.py); ahead of its own.
    path("admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/", admin_view(snippets_listing)),
    path("admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/", admin_view(snippet_detail)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("konto/oidc/", include("lms.accounts.oidc_urls")),
    path("konto/", include("lms.accounts.urls")),
    path("kurssprak/", include("lms.languages.urls")),
    path("resultat/", include("lms.reports.urls")),
    path("", include("lms.courses.urls")),
    path("", include("lms.packages.urls")),
    path("", include("lms.requirements.urls")),
    path("intyg/open-badges/", include("lms.badges.urls")),
    path("intyg/", include("lms.certificates.urls")),
    path("", include("lms.paths.urls")),
    path("grupptraffar/", include("lms.group_training.urls")),
]

if settings.DEBUG and is_local(default_storage):
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:  # images in a bucket (or a MEDIA_ROOT the web server in front does not serve): through the storage
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<name>.+)$", media_file_view, name="media_file")]

# Wagtail's page serving comes last: it catches every other path. Ours first: the same pattern and name,
# with the site's root page from the cache (lms/core/serving.py); Wagtail's other URLs after it.
urlpatterns += [
    re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
