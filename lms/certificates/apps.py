from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "lms.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lms.courses.signals import enrolment_completed
        from lms.organisation.scope import register_scoped_model

        from . import privacy  # noqa: F401 - this app's section of the register extract
        from .models import Certificate
        from .receivers import issue_on_completion

        enrolment_completed.connect(issue_on_completion, dispatch_uid="certificates.issue_on_completion")
        # A limited HR user sees certificates' log entries only inside their scope.
        register_scoped_model(Certificate, "person__org_unit__path")
