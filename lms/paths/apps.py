from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathsConfig(AppConfig):
    name = "lms.paths"
    label = "paths"
    verbose_name = _("Learning paths")

    def ready(self):
        from wagtail.signals import page_published

        from lms.access.roles import HR_GROUP, grant_role_permissions
        from lms.certificates.kinds import CertificateKind, register_certificate_kind
        from lms.certificates.selectors import can_view_certificate
        from lms.courses import extensions
        from lms.courses.signals import enrolment_completed

        from . import privacy, retention, selectors  # noqa: F401 - register-extract section; record type
        from .models import LearningPathPage, PathCertificate
        from .receivers import issue_on_completion, requirements_follow_the_path
        from .tasks import issue_path_certificates, render_path_certificate

        enrolment_completed.connect(issue_on_completion, dispatch_uid="paths.issue_on_completion")
        page_published.connect(requirements_follow_the_path, sender=LearningPathPage, dispatch_uid="paths.follow")
        # A path certificate is verified on the certificates' public page, by its code; its issuing or
        # rendering lost on the way is asked for again by the waiting-work sweep; what sits beside every
        # certificate (an Open Badge) asks who may see it.
        register_certificate_kind(
            CertificateKind(
                key="path",
                by_code=selectors.path_certificate_by_code,
                unrendered=selectors.path_certificates_unrendered,
                render_task=render_path_certificate,
                completions_without_certificate=selectors.path_completions_without_certificate,
                issue_task=issue_path_certificates,
                waiting_label=_("Path certificates being prepared"),
                model=PathCertificate,
                may_view=can_view_certificate,
            )
        )
        extensions.register_my_courses_section(
            extensions.MyCoursesSection(
                key="paths", template="paths/includes/my_paths.html", context=selectors.my_paths_section
            )
        )
        grant_role_permissions(HR_GROUP, ["paths.view_pathcertificate", "paths.revoke_pathcertificate"])
