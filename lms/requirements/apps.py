from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "lms.requirements"
    label = "requirements"
    verbose_name = _("Required training")

    def ready(self):
        # receivers connects re-assignment to people_changed; privacy registers this app's
        # section of the register extract.
        from . import privacy, receivers  # noqa: F401
