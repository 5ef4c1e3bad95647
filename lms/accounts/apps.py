from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Sign-in")

    def ready(self):
        from lms.access.roles import HR_GROUP, grant_role_permissions

        # checks: the single sign-on settings; privacy: the sign-in links' section of the register extract.
        from . import checks, privacy  # noqa: F401

        grant_role_permissions(
            HR_GROUP,
            [
                # A person's single sign-on links: see them and remove one (the person's inspect page).
                "accounts.view_signinidentity",
                "accounts.delete_signinidentity",
                # Sign-in lockouts (django-axes' rows): see and unlock them (Settings → Sign-in lockouts).
                "axes.view_accessattempt",
                "axes.delete_accessattempt",
            ],
        )

        # Permissions and the admin's sidebar are cached per user, retired by any change to who may do what.
        from . import permission_cache

        permission_cache.install()

        # A sign-in lockout (django-axes) goes to the audit log.
        from axes.signals import user_locked_out

        from .receivers import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="organisation.record_lockout")
