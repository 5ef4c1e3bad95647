from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequirementsConfig(AppConfig):
    name = "lms.requirements"
    label = "requirements"
    verbose_name = _("Required training")

    def ready(self):
        # receivers connects re-assignment to people_changed; privacy registers this app's
        # section of the register extract.
        from lms.organisation.scope import register_scoped_model

        from . import privacy, receivers  # noqa: F401
        from .models import Requirement

        # A limited HR user sees requirements' log entries only inside their scope.
        register_scoped_model(Requirement, "org_unit__path")
