"""Admin wiring for the municipal group: the unit tree, the people in it, the HR
import, and each person's register extract and erasure.

Units and people declare their ``row_access`` (models.py); their viewsets are built on the access
rule's base (viewsets.py), so a user limited to part of the group sees only its units and people
in lists, search, exports and every view of one object (404 outside). Such a user may not run the
HR import (its menu item is hidden, its URLs refuse). Who is limited where (``StaffScope``) is
set by administrators under Settings."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ActionMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSetGroup

from . import admin_views, lockouts, oidc_admin, roles, selectors, services
from .access import user_may
from .forms import OrgUnitForm, PersonForm
from .models import OrgUnit, Person, StaffScope
from .viewsets import ScopedModelViewSet


class OrgUnitViewSet(ScopedModelViewSet):
    model = OrgUnit
    icon = "site"
    menu_label = _("Organisational units")
    url_prefix = "organisation/units"
    list_display = [Column("indented_name", label=_("Name")), "code", "kind"]
    list_filter = ["kind"]
    list_export = ["name", "code", "kind", "depth", "path"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    list_per_page = 100
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return OrgUnitForm


class PersonActionMenuItem(ActionMenuItem):
    """A button for an action on people, shown when Person's permission policy allows it."""

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def is_shown(self, user):
        return admin_views.may(user, self.action)


class PersonIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "org_unit")

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            PersonActionMenuItem(
                _("Register extract"),
                url=reverse("organisation_person_personal_data", args=[instance.pk]),
                icon_name="doc-full",
                priority=40,
                action=admin_views.EXTRACT_ACTION,
            ),
        ]


class PersonEditView(EditView):
    """Says at once why the form of a protected person is read-only (PersonForm refuses to save it),
    and writes a refused change of a staff account's sign-in details to the audit log."""

    def get(self, request, *args, **kwargs):
        person = self.get_object()
        if selectors.person_is_protected_from(person=person, actor=request.user):
            messages.warning(request, services.PROTECTED_MESSAGE % {"name": person.full_name})
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form):
        if getattr(form, "refused_sign_in", None):
            services.sign_in_change_record(
                user=self.object.user,
                by=self.request.user,
                fields=form.refused_sign_in,
                via="people_edit",
                allowed=False,
            )
        return super().form_invalid(form)


class PersonViewSet(ScopedModelViewSet):
    model = Person
    index_view_class = PersonIndexView
    edit_view_class = PersonEditView
    inspect_view_class = oidc_admin.PersonInspectView  # with the person's single sign-on links
    icon = "user"
    menu_label = _("People")
    url_prefix = "organisation/people"
    list_display = ["full_name", "org_unit", "audience", "employee_number", "is_active"]
    list_filter = ["audience", "is_active", "org_unit__kind"]
    # Wagtail's export reads attributes by dotted path (not ORM lookups with "__").
    list_export = ["full_name", "user.email", "employee_number", "org_unit.name", "audience", "is_active"]
    export_headings = {"full_name": _("Name"), "user.email": _("E-mail"), "org_unit.name": _("Organisational unit")}
    search_fields = ["user__first_name", "user__last_name", "user__email", "employee_number"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return PersonForm


class ImportMenuItem(MenuItem):
    """Shown to users who may import: the permission, and the whole group in sight."""

    def is_shown(self, request):
        return admin_views.may(request.user, admin_views.IMPORT_ACTION) and not selectors.user_is_limited_to_a_subtree(
            request.user
        )


class ImportViewSet(ViewSet):
    """Upload an HR export, see its dry run, confirm the real run (HR: add people)."""

    name = "organisation_imports"
    url_prefix = "organisation/imports"
    icon = "upload"
    menu_label = _("Import from HR")

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


class MunicipalGroupViewSetGroup(ModelViewSetGroup):
    menu_label = _("Municipal group")
    menu_icon = "group"
    menu_order = 300
    items = (OrgUnitViewSet, PersonViewSet, ImportViewSet)


class StaffScopeViewSet(ScopedModelViewSet):
    """Who sees which part of the group. Administrators who see the whole group (model
    permissions and the declaration), never the scoped user."""

    model = StaffScope
    icon = "lock"
    url_prefix = "organisation/staff-scopes"
    name = "organisation_staffscope"
    add_to_admin_menu = False
    menu_label = _("Staff scopes")
    form_fields = ["user", "org_unit"]
    list_display = ["user", "org_unit"]


@hooks.register("register_admin_viewset")
def register_municipal_group():
    return [MunicipalGroupViewSetGroup(), StaffScopeViewSet()]


@hooks.register("register_settings_menu_item")
def register_staff_scopes_menu_item():
    class StaffScopesMenuItem(MenuItem):
        def is_shown(self, request):
            return user_may(request.user, StaffScope, "change")

    return StaffScopesMenuItem(
        _("Staff scopes"), reverse("organisation_staffscope:index"), name="staff-scopes", icon_name="lock", order=900
    )


@hooks.register("register_log_actions")
def register_organisation_log_actions(actions):
    """Sensitive actions of the municipal group, written to Wagtail's audit log."""
    actions.register_action("lms.import", _("Import from the HR system"), _("Imported from the HR system"))
    actions.register_action("lms.erase", _("Erase personal data"), _("Personal data erased"))
    actions.register_action("lms.oidc.roles", _("Roles from single sign-on"), _("Roles changed by single sign-on"))
    actions.register_action(
        "lms.oidc.linked",
        _("Linked to an organisation account"),
        _("Linked to an organisation account for single sign-on"),
    )
    actions.register_action(
        "lms.oidc.unlinked",
        _("Organisation account unlinked"),
        _("Link to an organisation account for single sign-on removed"),
    )
    actions.register_action("lms.lockout", _("Sign-in lockout"), _("Sign-in locked after too many wrong passwords"))
    actions.register_action("lms.unlock", _("Unlock sign-in"), _("Sign-in unlocked"))
    actions.register_action(
        services.SIGN_IN_CHANGED, _("Change sign-in details"), _("E-mail address, username or password changed")
    )
    actions.register_action(
        services.SIGN_IN_REFUSED,
        _("Refused change of sign-in details"),
        _("Change of a staff account's e-mail address, username or password refused"),
    )


# Wagtail's own user views (Settings → Users, for holders of auth.change_user): the same rule for a staff
# account's e-mail address, username and password as the people form's, through Wagtail's public hooks.


@hooks.register("before_edit_user")
def refuse_staff_sign_in_changes(request, user):
    if not user_may(request.user, type(user), "change"):
        return None  # Wagtail refuses the view itself; say nothing about the account
    if request.method != "POST":
        if not roles.may_change_sign_in(actor=request.user, user=user):
            messages.warning(request, services.sign_in_protected_message(user))
        return None
    changed = selectors.sign_in_fields_changed(
        user_id=user.pk,
        email=request.POST.get("email"),
        username=request.POST.get("username"),
        password=request.POST.get("password1"),
    )
    if not changed:
        return None
    if not roles.may_change_sign_in(actor=request.user, user=user):
        services.sign_in_change_record(user=user, by=request.user, fields=changed, via="user_edit", allowed=False)
        messages.error(request, services.sign_in_protected_message(user))
        return redirect("wagtailusers_users:edit", user.pk)
    request.lms_sign_in_changed = changed  # logged once the edit has been saved
    return None


@hooks.register("after_edit_user")
def record_sign_in_changes(request, user):
    changed = getattr(request, "lms_sign_in_changed", None)
    if changed:
        services.sign_in_change_record(user=user, by=request.user, fields=changed, via="user_edit", allowed=True)


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path(
            "organisation/people/<int:pk>/personal-data/",
            admin_views.person_personal_data_view,
            name="organisation_person_personal_data",
        ),
        path("organisation/people/<int:pk>/erase/", admin_views.person_erase_view, name="organisation_person_erase"),
        path(
            "organisation/people/<int:pk>/sign-in-links/<int:identity_pk>/remove/",
            oidc_admin.sign_in_identity_remove_view,
            name="organisation_person_sign_in_identity_remove",
        ),
        path("organisation/lockouts/", lockouts.lockout_index_view, name="organisation_lockouts"),
        path("organisation/lockouts/unlock/", lockouts.lockout_unlock_view, name="organisation_lockouts_unlock"),
    ]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    class LockoutsMenuItem(MenuItem):
        def is_shown(self, request):
            return lockouts.may_unlock(request.user)

    return LockoutsMenuItem(
        _("Sign-in lockouts"), reverse("organisation_lockouts"), name="sign-in-lockouts", icon_name="lock", order=910
    )
