"""Admin wiring: the report per learning path, in the reports' menu (reports' own hook), and the issued path
certificates (HR: listed within their part of the group, revoked with a reason as a course's certificate is)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView

from lms.access.rule import user_may
from lms.access.viewsets import RowScopedBulkActionMixin, ScopedSnippetViewSet
from lms.certificates.wagtail_hooks import issued_certificate_buttons, status_text
from lms.reports.selectors import user_may_view_reports

from . import admin_views
from .models import PathCertificate


@hooks.register("register_admin_urls")
def register_path_report_url():
    return [
        path("reports/paths/", admin_views.path_report_view, name="paths_report"),
        path("reports/paths/require/", admin_views.path_requirement_edit_view, name="paths_requirement_add"),
        path("reports/paths/require/<int:pk>/", admin_views.path_requirement_edit_view, name="paths_requirement_edit"),
        path(
            "paths/certificates/revoke/<int:pk>/",
            admin_views.path_certificate_revoke_view,
            name="paths_certificate_revoke",
        ),
    ]


class PathReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_path_report_menu_item():
    return PathReportMenuItem(
        _("Learning paths"), reverse("paths_report"), name="completion-paths", icon_name="list-ol", order=127
    )


class PathCertificateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person__user", "path")

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *issued_certificate_buttons(
                instance,
                download="paths:download",
                revoke="paths_certificate_revoke",
                may_revoke=user_may(self.request.user, PathCertificate, "revoke"),
            ),
        ]


class PathCertificateViewSet(ScopedSnippetViewSet):
    model = PathCertificate
    icon = "tick-inverse"
    menu_label = _("Path certificates")
    url_prefix = "paths/certificates"
    index_view_class = PathCertificateIndexView
    inspect_view_enabled = True
    list_display = [
        Column("display_code", label=_("Code")),
        Column("person", label=_("Person")),
        "path",
        "completed_on",
        Column("status", label=_("Status"), accessor=status_text),
    ]
    list_filter = ["path"]
    search_fields = ["code", "person__user__first_name", "person__user__last_name", "path__title"]
    inspect_view_fields = ["person", "path", "completed_on", "issued_at", "valid_until", "revoked_at", "revoked_reason"]


register_snippet(PathCertificateViewSet)


@hooks.register("register_bulk_action", order=100)
class PathCertificateDeleteBulkAction(RowScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's delete action (nobody may delete path certificates), limited to the scope so its
    confirmation page names no certificate outside it, as for a course's certificates."""

    models = [PathCertificate]
