from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "lms.polls"
    label = "polls"
    verbose_name = _("Polls")

    def ready(self):
        from . import privacy  # noqa: F401 - this app's section of the register extract and of erasure
