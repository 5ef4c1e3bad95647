"""Admin wiring of operations: "Väntande arbete" under Settings, for whoever may see any of its rows."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, selectors


@hooks.register("register_admin_urls")
def register_waiting_work_url():
    return [path("operations/waiting-work/", admin_views.waiting_work_view, name="operations_waiting_work")]


class WaitingWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_view_waiting_work(request.user)


@hooks.register("register_settings_menu_item")
def register_waiting_work_menu_item():
    return WaitingWorkMenuItem(
        _("Waiting work"), reverse("operations_waiting_work"), name="waiting-work", icon_name="time", order=920
    )
