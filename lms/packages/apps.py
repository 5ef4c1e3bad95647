from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesConfig(AppConfig):
    name = "lms.packages"
    label = "packages"
    verbose_name = _("Packages")

    def ready(self):
        from lms.access.roles import EDITORS_GROUP, HR_GROUP, grant_role_permissions
        from lms.courses.extensions import register_course_child_page, register_quiz_scores

        from . import privacy, receivers, retention, selectors  # noqa: F401 - extract section, file removal, record type

        register_course_child_page("packages.PackageLessonPage")
        register_quiz_scores(selectors.package_test_scores)  # a package with a mastery score as the course's test
        grant_role_permissions(HR_GROUP, ["packages.view_packageattempt"])
        grant_role_permissions(
            EDITORS_GROUP,
            ["packages.add_contentpackage", "packages.view_contentpackage", "packages.delete_contentpackage"],
        )
