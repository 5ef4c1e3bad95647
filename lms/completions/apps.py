from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompletionsConfig(AppConfig):
    name = "lms.completions"
    label = "completions"
    verbose_name = _("Completions from elsewhere")

    def ready(self):
        from lms.access.roles import HR_GROUP, grant_role_permissions

        # importing: the HR import's kind "completion"; privacy and retention: the extract and record type.
        from . import importing, privacy, retention  # noqa: F401

        importing.register()
        own = ["completions.view_completionrecord", "completions.mark_completion"]
        grant_role_permissions(HR_GROUP, own)
        # A manager who marks their people's completions: this role and a staff scope on their unit
        # (the access rule cannot name "the manager of this unit"; the scope says it, as for the plans).
        grant_role_permissions(COMPLETION_RECORDERS_GROUP, ["wagtailadmin.access_admin", *own])


COMPLETION_RECORDERS_GROUP = "Completion recorders"
