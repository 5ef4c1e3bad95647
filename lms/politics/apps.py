from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliticsConfig(AppConfig):
    name = "lms.politics"
    label = "politics"
    verbose_name = _("Elected representatives")

    def ready(self):
        # privacy registers this app's section of the register extract; importing its kind of file.
        from lms.access.roles import HR_GROUP, grant_role_permissions

        from . import importing, privacy  # noqa: F401

        importing.register()  # the HR import reads files of assignments too

        grant_role_permissions(
            HR_GROUP,
            [
                f"politics.{action}_{model}"
                for model in ("body", "term", "assignment")
                for action in ("add", "change", "delete", "view")
            ],
        )
