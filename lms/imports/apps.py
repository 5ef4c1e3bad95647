from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "lms.imports"
    label = "imports"
    verbose_name = _("Import from the HR system")

    def ready(self):
        from lms.access.roles import HR_GROUP, grant_role_permissions

        # kinds: the import's messages join the tables' catalogue; retention: its record type.
        from . import kinds, retention  # noqa: F401

        grant_role_permissions(HR_GROUP, ["imports.view_importrun"])
