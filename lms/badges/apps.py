from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "lms.badges"
    label = "badges"
    verbose_name = _("Open Badges")

    def ready(self):
        from lms.certificates import extensions

        from . import checks  # noqa: F401 - the keys are checked at start-up (manage.py check)
        from .links import badge_link, verify_link

        # The link beside each certificate's download (Mina intyg, a path's page), and from the public
        # verification page by code to the one for a badge's file.
        extensions.register_certificate_link(badge_link)
        extensions.register_verification_link(verify_link)
