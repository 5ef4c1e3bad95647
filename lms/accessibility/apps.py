from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    name = "lms.accessibility"
    label = "accessibility"
    verbose_name = _("Accessibility")

    def ready(self):
        # privacy registers this app's section of the register extract and its part of erasure.
        from lms.access.roles import EDITORS_GROUP, HR_GROUP, grant_role_permissions

        from . import privacy  # noqa: F401

        # Editors fix what the messages point at and mark them handled; HR also removes one on
        # request (a person's wish the erasure cannot reach: see privacy.py).
        grant_role_permissions(
            EDITORS_GROUP, ["accessibility.view_accessibilityfeedback", "accessibility.change_accessibilityfeedback"]
        )
        grant_role_permissions(
            HR_GROUP,
            [
                "accessibility.view_accessibilityfeedback",
                "accessibility.change_accessibilityfeedback",
                "accessibility.delete_accessibilityfeedback",
            ],
        )
