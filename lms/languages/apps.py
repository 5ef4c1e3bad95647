from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

TRANSLATION_PERMISSION = "wagtail_localize.submit_translation"


class LanguagesConfig(AppConfig):
    name = "lms.languages"
    label = "languages"
    verbose_name = _("Content languages")

    def ready(self):
        from lms.access.roles import EDITORS_GROUP, MODERATORS_GROUP, grant_role_permissions

        from .services import ensure_locales, ensure_translation_permission

        # Every configured content language has its Wagtail locale, so editors can translate into it
        # from the first day (a language removed from settings keeps its locale and its pages).
        # (After Wagtail's own migrations: this app has no models, so no signal of its own.)
        post_migrate.connect(ensure_locales, sender=apps.get_app_config("wagtailcore"))
        post_migrate.connect(ensure_translation_permission, sender=apps.get_app_config("wagtailcore"))
        # wagtail-localize's "Translate this page" and "Sync translated pages" ask for it; editing a
        # translation asks for the page's own edit permission, publishing it for the page's publish permission.
        grant_role_permissions(EDITORS_GROUP, [TRANSLATION_PERMISSION])
        grant_role_permissions(MODERATORS_GROUP, [TRANSLATION_PERMISSION])
