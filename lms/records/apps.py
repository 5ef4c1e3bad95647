from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "lms.records"
    label = "records"
    verbose_name = _("Records management")

    def ready(self):
        # checks: the retired retention settings, still set in an environment, are reported at start-up.
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401
        from .admin_views import RunLogPermissionPolicy
        from .models import RetentionRun

        register_permission_policy(RetentionRun, RunLogPermissionPolicy(RetentionRun))
