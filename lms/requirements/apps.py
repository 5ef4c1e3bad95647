from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "lms.requirements"
    label = "requirements"
    verbose_name = _("Required training")

    def ready(self):
        from . import privacy  # noqa: F401 - this app's section of the register extract
        from . import receivers  # noqa: F401 - connects re-assignment to people_changed
