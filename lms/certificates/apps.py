from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "lms.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lms.courses.signals import enrolment_completed
        from lms.organisation.roles import EDITORS_GROUP, HR_GROUP, grant_role_permissions

        from . import offers, privacy, retention  # noqa: F401 - completion offers; register-extract section; record types
        from .receivers import issue_on_completion

        enrolment_completed.connect(issue_on_completion, dispatch_uid="certificates.issue_on_completion")
        grant_role_permissions(HR_GROUP, ["certificates.view_certificate", "certificates.revoke_certificate"])
        grant_role_permissions(
            EDITORS_GROUP,
            [
                "certificates.add_certificatetemplate",
                "certificates.change_certificatetemplate",
                "certificates.view_certificatetemplate",
            ],
        )
