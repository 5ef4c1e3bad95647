from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "lms.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self):
        from .roles import ensure_roles_after_migrate, install_role_policy
        from .rule import install_row_access_policies

        # After the last app's migrate, so every app's permissions exist.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="organisation.ensure_roles")

        # Every model's row_access declaration becomes its Wagtail permission policy (all models
        # are loaded before any ready() runs).
        install_row_access_policies()
        install_role_policy()  # only a superuser makes, changes or deletes a role (a group)
