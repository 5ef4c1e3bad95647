from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicDocumentsConfig(AppConfig):
    name = "lms.public_documents"
    label = "public_documents"
    verbose_name = _("Public documents")

    def ready(self):
        # privacy: the HR user's part of the log in the register extract; retention: the log as a record type.
        from lms.access.roles import HR_GROUP, grant_role_permissions

        from . import privacy, retention  # noqa: F401

        # HR produces lists for requests (with the reports' permission) and reads the log, within their scope.
        grant_role_permissions(HR_GROUP, ["public_documents.view_publicdocumentrequest"])
