from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lms.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # receivers refreshes the roll-up after completions and assignment; privacy registers this
        # app's section of the register extract; caching declares the reports' cache (in every process,
        # so that every process's writes retire it).
        from lms.access.roles import HR_GROUP, grant_role_permissions
        from lms.certificates.extensions import register_certificate_list_button

        from . import caching, privacy, receivers, retention  # noqa: F401  (retention: its record types)
        from .bodies import public_bodies_section
        from .public_sections import register_public_section
        from .views import certificates_zip_button

        # Above the certificates' list: their ZIP, made like the reports' background exports.
        register_certificate_list_button(certificates_zip_button)

        register_public_section(
            key="bodies",
            order=50,
            template="reports/includes/public_bodies_section.html",
            context=public_bodies_section,
        )

        grant_role_permissions(
            HR_GROUP,
            [
                "reports.view_reports",
                "reports.add_coursetarget",
                "reports.change_coursetarget",
                "reports.delete_coursetarget",
                "reports.view_coursetarget",
            ],
        )
