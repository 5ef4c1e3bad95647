"""Admin wiring for the access rule: who sees which part of the group (staff scopes, under Settings)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import StaffScope
from .rule import user_may
from .viewsets import ScopedModelViewSet


class StaffScopeViewSet(ScopedModelViewSet):
    """Who sees which part of the group. Administrators who see the whole group (model
    permissions and the declaration), never the scoped user."""

    model = StaffScope
    icon = "lock"
    url_prefix = "organisation/staff-scopes"  # its URLs and their names from before the split
    name = "organisation_staffscope"
    add_to_admin_menu = False
    menu_label = _("Staff scopes")
    form_fields = ["user", "org_unit"]
    list_display = ["user", "org_unit"]


@hooks.register("register_admin_viewset")
def register_staff_scopes():
    return StaffScopeViewSet()


@hooks.register("register_settings_menu_item")
def register_staff_scopes_menu_item():
    class StaffScopesMenuItem(MenuItem):
        def is_shown(self, request):
            return user_may(request.user, StaffScope, "change")

    return StaffScopesMenuItem(
        _("Staff scopes"), reverse("organisation_staffscope:index"), name="staff-scopes", icon_name="lock", order=900
    )
