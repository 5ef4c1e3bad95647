from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "lms.courses"
    label = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from lms.access.roles import HR_GROUP, grant_role_permissions

        from . import privacy, retention  # noqa: F401 - its register-extract section; its record types

        grant_role_permissions(HR_GROUP, ["courses.view_enrolment"])
