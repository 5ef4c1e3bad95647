"""Admin wiring of group sessions: HR's overview in the Reports menu, a session's page, the audit log's actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.access.rule import user_may

from . import admin_views, services
from .models import GroupSession


@hooks.register("register_admin_urls")
def register_group_session_urls():
    return [
        path("group-sessions/", admin_views.overview_view, name="group_training_admin_overview"),
        path("group-sessions/<int:pk>/", admin_views.session_admin_view, name="group_training_admin_session"),
    ]


class GroupSessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may(request.user, GroupSession, "view")


@hooks.register("register_reports_menu_item")
def register_group_sessions_menu_item():
    return GroupSessionsMenuItem(
        _("Group sessions"),
        reverse("group_training_admin_overview"),
        name="group-sessions",
        icon_name="group",
        order=130,
    )


@hooks.register("register_log_actions")
def register_group_session_log_actions(actions):
    actions.register_action(services.CONFIRMED, _("Confirm group session"), _("Group session confirmed"))
    actions.register_action(services.CORRECTED, _("Correct group session"), _("Group session corrected"))
