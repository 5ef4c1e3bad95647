"""Admin wiring for sign-in: a person's single sign-on links (on the person's page, removable) and
sign-in lockouts (Settings → Sign-in lockouts), both within the access rule; their audit-log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import lockouts, oidc_admin


@hooks.register("register_log_actions")
def register_accounts_log_actions(actions):
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


# URL paths and names from before the split (they sit beside the people admin's).
@hooks.register("register_admin_urls")
def register_accounts_urls():
    return [
        path(
            "organisation/people/<int:pk>/sign-in-links/<int:identity_pk>/remove/",
            oidc_admin.sign_in_identity_remove_view,
            name="organisation_person_sign_in_identity_remove",
        ),
        path("organisation/lockouts/", lockouts.lockout_index_view, name="organisation_lockouts"),
        path("organisation/lockouts/unlock/", lockouts.lockout_unlock_view, name="organisation_lockouts_unlock"),
    ]


@hooks.register("person_inspect_sections")
def sign_in_identities_section(request, person):
    """The person's single sign-on links, on their inspect page (lms.organisation's people admin)."""
    return oidc_admin.sign_in_identities_section(request, person)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    class LockoutsMenuItem(MenuItem):
        def is_shown(self, request):
            return lockouts.may_unlock(request.user)

    return LockoutsMenuItem(
        _("Sign-in lockouts"), reverse("organisation_lockouts"), name="sign-in-lockouts", icon_name="lock", order=910
    )
