from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "lms.requirements"
    label = "requirements"
    verbose_name = _("Required training")

    def ready(self):
        # receivers connects re-assignment to people_changed; privacy registers this app's
        # section of the register extract.
        from lms.access.roles import HR_GROUP, grant_role_permissions

        from . import privacy, receivers  # noqa: F401

        grant_role_permissions(
            HR_GROUP,
            [
                "requirements.add_requirement",
                "requirements.change_requirement",
                "requirements.delete_requirement",
                "requirements.view_requirement",
                "requirements.add_trainingevent",
                "requirements.change_trainingevent",
                "requirements.view_trainingevent",
                "requirements.change_mailtemplate",
                "requirements.view_mailtemplate",
            ],
        )
