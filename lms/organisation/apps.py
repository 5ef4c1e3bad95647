from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "lms.organisation"
    label = "organisation"
    verbose_name = _("Municipal group")

    def ready(self):
        from lms.access.roles import HR_GROUP, grant_role_permissions

        # The first section of the register extract (personal data). Every other app
        # registers its own section from its own ready(), after this one.
        from . import privacy, retention  # noqa: F401  (retention: record types)

        # HR's rights on the tree, people and erasure (the import's are lms.imports').
        grant_role_permissions(
            HR_GROUP,
            [
                "organisation.add_orgunit",
                "organisation.change_orgunit",
                "organisation.view_orgunit",
                "organisation.add_person",
                "organisation.change_person",
                "organisation.view_person",
                "organisation.erase_person",
            ],
        )
