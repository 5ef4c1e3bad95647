from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: private storage, placeholders, bounded id fields and converters,
    the site-wide middleware, content blocks and CSV cells safe from formulas. It imports no other
    app of the project."""

    name = "lms.core"
    label = "core"
    verbose_name = _("Shared")

    def ready(self):
        from . import checks, sessions, sitecache  # noqa: F401  (checks: absolute URLs in production)
        from .forms import register_page_choice_override

        register_page_choice_override()
        sitecache.connect()
        sessions.connect()
