"""Admin wiring for the municipal group: the unit tree, the people in it, and each person's register
extract and erasure (the HR import, in the same menu group, is lms.imports').

Units and people declare their ``row_access`` (models.py); their viewsets are built on the access
rule's base (lms.access.viewsets), so a user limited to part of the group sees only its units and people
in lists, search, exports and every view of one object (404 outside). Who is limited where (``StaffScope``) is
set by administrators under Settings (lms.access); sign-in links and lockouts are lms.accounts'."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem as ActionMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSetGroup

from lms.access import roles
from lms.access.rule import user_may
from lms.access.viewsets import ScopedModelViewSet

from . import admin_views, selectors, services
from .forms import OrgUnitForm, PersonForm
from .models import OrgUnit, Person


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
    inspect_view_class = admin_views.PersonInspectView  # with the sections upper apps add (single sign-on)
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


MUNICIPAL_GROUP_MENU_HOOK = "register_municipal_group_menu_item"


class MunicipalGroupViewSetGroup(ModelViewSetGroup):
    menu_label = _("Municipal group")
    menu_icon = "group"
    menu_order = 300
    items = (OrgUnitViewSet, PersonViewSet)
    # Apps above add their own items to the group through this hook (lms.imports: the HR import).
    submenu_hook = MUNICIPAL_GROUP_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_municipal_group():
    return MunicipalGroupViewSetGroup()


@hooks.register("register_log_actions")
def register_organisation_log_actions(actions):
    """Sensitive actions of the municipal group, written to Wagtail's audit log."""
    actions.register_action("lms.erase", _("Erase personal data"), _("Personal data erased"))
    actions.register_action(
        services.SIGN_IN_CHANGED, _("Change sign-in details"), _("E-mail address, username or password changed")
    )
    actions.register_action(
        services.SIGN_IN_REFUSED,
        _("Refused change of sign-in details"),
        _("Change of a staff account's e-mail address, username or password refused"),
    )
    actions.register_action(
        services.ROLES_REFUSED,
        _("Refused change of roles"),
        _("Giving or taking roles or administrator access refused: only a superuser may"),
    )


# Wagtail's own user views (Settings → Users, for holders of auth.change_user): the same rule for a staff
# account's e-mail address, username and password as the people form's, through Wagtail's public hooks.


def _roles_posted(request, user) -> list[str]:
    """The roles a posted user form would change (the form has no administrator field for oneself)."""
    from django.forms import CheckboxInput

    editing_self = user is not None and user.pk == request.user.pk
    is_superuser = None if editing_self else CheckboxInput().value_from_datadict(request.POST, {}, "is_superuser")
    return selectors.roles_changed(
        user_id=user.pk if user is not None else None, groups=request.POST.getlist("groups"), is_superuser=is_superuser
    )


def _refuse_roles(request, user, changed: list[str], via: str) -> None:
    services.roles_change_refused_record(user=user, by=request.user, fields=changed, via=via)
    messages.error(request, services.ROLES_PROTECTED_MESSAGE)


@hooks.register("before_create_user")
def refuse_roles_on_new_accounts(request):
    """A non-superuser may create a learner's account, not one with roles: its creator chose its sign-in."""
    if (
        request.method != "POST"
        or not user_may(request.user, get_user_model(), "add")
        or roles.may_change_roles(actor=request.user)
    ):
        return None
    changed = _roles_posted(request, None)
    if not changed:
        return None
    _refuse_roles(request, None, changed, via="user_create")
    return redirect("wagtailusers_users:add")


@hooks.register("before_bulk_action")
def refuse_roles_in_bulk(request, action_type, objects, action_class_instance):
    """Wagtail's bulk "Assign role": a superuser's only, as on the edit form."""
    if action_type != "assign_role" or get_user_model() not in getattr(action_class_instance, "models", ()):
        return None
    if roles.may_change_roles(actor=request.user):
        return None
    for user in objects:
        services.roles_change_refused_record(user=user, by=request.user, fields=["groups"], via="bulk_action")
    messages.error(request, services.ROLES_PROTECTED_MESSAGE)
    return redirect(action_class_instance.next_url)


@hooks.register("before_edit_user")
def refuse_staff_sign_in_changes(request, user):
    if not user_may(request.user, type(user), "change"):
        return None  # Wagtail refuses the view itself; say nothing about the account
    if request.method == "POST" and not roles.may_change_roles(actor=request.user):
        # Roles first: judged from the stored account only, a sign-in change would otherwise pass between
        # an edit taking a staff account's roles and one giving them back.
        changed_roles = _roles_posted(request, user)
        if changed_roles:
            _refuse_roles(request, user, changed_roles, via="user_edit")
            return redirect("wagtailusers_users:edit", user.pk)
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
    ]
