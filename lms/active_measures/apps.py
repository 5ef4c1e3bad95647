from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActiveMeasuresConfig(AppConfig):
    name = "lms.active_measures"
    label = "active_measures"
    verbose_name = _("Active measures")

    def ready(self):
        from lms.access.roles import HR_GROUP, grant_role_permissions

        from . import privacy  # noqa: F401 - the register extract's section and erasure

        # HR and the democracy coordinator share the HR group; a staff scope limits them to the employers
        # inside it (the annex's row access: the employer's unit).
        grant_role_permissions(
            HR_GROUP, [f"active_measures.{action}_annex" for action in ("add", "change", "view", "archive")]
        )
