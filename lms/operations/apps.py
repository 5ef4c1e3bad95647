from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "lms.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from . import tasks  # noqa: F401  (the sweep at every worker start: celery's worker_ready)
