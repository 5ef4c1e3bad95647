from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "lms.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        # privacy registers this app's section of the register extract; hooks offers the course
        # evaluation after completion (courses' registry) and the published results on /resultat/
        # (reports' registry): the apps below never import this one.
        from lms.access.roles import HR_GROUP, grant_role_permissions

        from . import hooks, privacy, retention  # noqa: F401

        # HR and the democracy coordinator see results; reading free text is granted person by person.
        grant_role_permissions(HR_GROUP, ["surveys.view_survey_results"])
