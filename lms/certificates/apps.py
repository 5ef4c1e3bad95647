from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "lms.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from django.db.models import Q

        from lms.access.roles import EDITORS_GROUP, HR_GROUP, grant_role_permissions
        from lms.courses import extensions
        from lms.courses.signals import enrolment_completed, quiz_results_changed

        from . import offers, privacy, retention  # noqa: F401 - completion offers; register-extract section; record types
        from .panels import course_certificate_panel
        from .receivers import issue_on_completion, rerender_on_quiz_results

        # The certificate a course gives: this app's row, picked in the course's editor and listed on
        # the editors' dashboard when missing.
        extensions.register_course_editor_panel(course_certificate_panel())
        extensions.register_course_gap(
            extensions.CourseGap(
                key="without_certificate",
                heading=_("Without a certificate template"),
                explanation=_("Learners who complete these courses get no certificate."),
                when_none=_("Every course gives a certificate."),
                lacks=lambda: Q(certificate_terms__isnull=True),
            )
        )

        enrolment_completed.connect(issue_on_completion, dispatch_uid="certificates.issue_on_completion")
        quiz_results_changed.connect(rerender_on_quiz_results, dispatch_uid="certificates.rerender_on_quiz_results")
        grant_role_permissions(HR_GROUP, ["certificates.view_certificate", "certificates.revoke_certificate"])
        grant_role_permissions(
            EDITORS_GROUP,
            [
                "certificates.add_certificatetemplate",
                "certificates.change_certificatetemplate",
                "certificates.view_certificatetemplate",
            ],
        )
