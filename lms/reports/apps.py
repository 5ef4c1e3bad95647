from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lms.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from lms.organisation.scope import register_scope_lookup

        # receivers refreshes the roll-up after completions and assignment; privacy registers this
        # app's section of the register extract.
        from . import privacy, receivers  # noqa: F401
        from .selectors import report_scope_unit

        # A ReportScope limits its user everywhere in the admin (people, certificates, reports):
        # the organisation app asks this lookup, without importing reports.
        register_scope_lookup(report_scope_unit)
