"""Admin wiring of the HR import: its views (upload, dry run, confirm) in the municipal group's menu, and
its audit-log action. A user limited to part of the group may not run it (its menu item is hidden, its
URLs refuse): a full import deactivates everyone missing from the file, across the whole group."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from lms.organisation.selectors import user_is_limited_to_a_subtree
from lms.organisation.wagtail_hooks import MUNICIPAL_GROUP_MENU_HOOK

from . import admin_views


class ImportMenuItem(MenuItem):
    """Shown to users who may import: the permission, and the whole group in sight."""

    def is_shown(self, request):
        return admin_views.may_import(request.user) and not user_is_limited_to_a_subtree(request.user)


class ImportViewSet(ViewSet):
    """Upload an HR export, see its dry run, confirm the real run (HR: add people)."""

    # Its name and paths as before it left organisation: bookmarks, templates and tests use them.
    name = "organisation_imports"
    url_prefix = "organisation/imports"
    icon = "upload"
    menu_label = _("Import from HR")
    menu_hook = MUNICIPAL_GROUP_MENU_HOOK  # in the municipal group's menu, after units and people
    menu_order = 3

    def get_menu_item(self, order=None):
        return ImportMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )

    def get_urlpatterns(self):
        return [
            path("", admin_views.import_index_view, name="index"),
            path("<int:pk>/", admin_views.import_detail_view, name="detail"),
            path("<int:pk>/confirm/", admin_views.import_confirm_view, name="confirm"),
        ]


@hooks.register("register_admin_viewset")
def register_import():
    return ImportViewSet()


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action("lms.import", _("Import from the HR system"), _("Imported from the HR system"))
