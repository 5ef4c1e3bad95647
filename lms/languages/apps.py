from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    name = "lms.languages"
    label = "languages"
    verbose_name = _("Content languages")

    def ready(self):
        from .services import ensure_locales

        # Every configured content language has its Wagtail locale, so editors can translate into it
        # from the first day (a language removed from settings keeps its locale and its pages).
        # (After Wagtail's own migrations: this app has no models, so no signal of its own.)
        post_migrate.connect(ensure_locales, sender=apps.get_app_config("wagtailcore"))
