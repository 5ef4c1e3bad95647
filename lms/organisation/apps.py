from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "lms.organisation"
    label = "organisation"
    verbose_name = _("Municipal group")

    def ready(self):
        from .roles import ensure_roles

        # After the last app's migrate, so every app's permissions exist.
        post_migrate.connect(ensure_roles, dispatch_uid="organisation.ensure_roles")

        # The first section of the register extract (personal data). Every other app
        # registers its own section from its own ready(), after this one.
        from . import checks, privacy, retention  # noqa: F401  (checks: SSO settings; retention: record types)
        from .access import install_row_access_policies

        # Every model's row_access declaration becomes its Wagtail permission policy (all models
        # are loaded before any ready() runs).
        install_row_access_policies()

        # Permissions and the admin's sidebar are cached per user, retired by any change to who may do what.
        from . import permission_cache

        permission_cache.install()

        # A sign-in lockout (django-axes) goes to the audit log.
        from axes.signals import user_locked_out

        from .receivers import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="organisation.record_lockout")
