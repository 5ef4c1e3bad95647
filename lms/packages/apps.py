from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesConfig(AppConfig):
    name = "lms.packages"
    label = "packages"
    verbose_name = _("Packages")

    def ready(self):
        from lms.access.roles import EDITORS_GROUP, HR_GROUP, grant_role_permissions
        from lms.courses.extensions import register_course_child_page

        from . import privacy, receivers, retention  # noqa: F401 - extract section, file removal, record type

        register_course_child_page("packages.PackageLessonPage")
        grant_role_permissions(HR_GROUP, ["packages.view_packageattempt"])
        grant_role_permissions(
            EDITORS_GROUP,
            ["packages.add_contentpackage", "packages.view_contentpackage", "packages.delete_contentpackage"],
        )
