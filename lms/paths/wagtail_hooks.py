"""Admin wiring: the report per learning path, in the reports' menu (reports' own hook)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.reports.selectors import user_may_view_reports

from . import admin_views


@hooks.register("register_admin_urls")
def register_path_report_url():
    return [
        path("reports/paths/", admin_views.path_report_view, name="paths_report"),
        path("reports/paths/require/", admin_views.path_requirement_edit_view, name="paths_requirement_add"),
        path("reports/paths/require/<int:pk>/", admin_views.path_requirement_edit_view, name="paths_requirement_edit"),
    ]


class PathReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_path_report_menu_item():
    return PathReportMenuItem(
        _("Learning paths"), reverse("paths_report"), name="completion-paths", icon_name="list-ol", order=127
    )
