from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from lms.core.pages import register_site_home_page

        register_site_home_page("home.HomePage")  # the apps' landing pages live under it
