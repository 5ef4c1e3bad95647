"""Admin wiring for the access rule: who sees which part of the group (staff scopes, under Settings)."""

from django.contrib import messages
from django.forms import modelform_factory
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import DeleteView

from . import roles
from .models import StaffScope
from .rule import user_may
from .viewsets import ScopedModelViewSet

# A scope makes its account a staff account (roles.staff_account_ids), whose sign-in details only a
# superuser changes; so giving an account its only staff marker, or taking it, is a superuser's, as
# giving or taking a role is (roles.may_change_roles). Else: take the scope, change the e-mail as a
# learner's, give the scope back.
ONLY_MARKER = _(
    "The staff scope is all that makes %(user)s a staff account (no role, permission or administrator flag): "
    "only a superuser may give or take it, since it decides who may change the account's e-mail address, "
    "username and password. Nothing was changed."
)


def takes_the_only_marker(actor, user) -> bool:
    """Whether ``actor`` may not take (or give) ``user``'s scope because it is their only staff marker."""
    return not roles.may_change_roles(actor=actor) and not roles.is_staff_account(user, counting_scopes=False)


class StaffScopeForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        before = self.instance.user if self.instance.pk else None
        after = cleaned.get("user")
        for user in {before, after} - {None} if before != after else ():
            if takes_the_only_marker(self.for_user, user):
                self.add_error("user", ONLY_MARKER % {"user": user.get_username()})
        return cleaned


class StaffScopeDeleteView(DeleteView):
    """Refuses, with the reason, to take an account's only staff marker; a superuser who does is told
    that the account is a learner's now."""

    def dispatch(self, request, *args, **kwargs):
        user = self.object.user
        if request.user.is_authenticated and takes_the_only_marker(request.user, user):
            messages.error(request, ONLY_MARKER % {"user": user.get_username()})
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.object.user
        response = super().form_valid(form)
        if not roles.is_staff_account(user):
            messages.info(
                self.request,
                gettext("%(user)s is no longer a staff account: it has no role, permission or staff scope.")
                % {"user": user.get_username()},
            )
        return response


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
    delete_view_class = StaffScopeDeleteView

    def get_form_class(self, for_update=False):
        return modelform_factory(StaffScope, form=StaffScopeForm, fields=self.form_fields)

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
