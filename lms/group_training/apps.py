from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The role HR gives a manager (or anyone else) who leads group sessions, with a staff scope on their unit.
SESSION_LEADERS_GROUP = "Group session leaders"


class GroupTrainingConfig(AppConfig):
    name = "lms.group_training"
    label = "group_training"
    verbose_name = _("Group sessions")

    def ready(self):
        from wagtail.admin.panels import InlinePanel

        from lms.access.roles import HR_GROUP, grant_role_permissions
        from lms.courses import extensions

        from . import privacy, retention  # noqa: F401 - register-extract section; record types

        # What a group session counts as for a course: this app's row, edited in the course's editor.
        extensions.register_course_editor_panel(
            InlinePanel("group_session_terms", label=_("group sessions"), min_num=0, max_num=1)
        )
        sessions = [f"group_training.{action}_groupsession" for action in ("add", "change", "view")]
        grant_role_permissions(HR_GROUP, sessions)
        # A leader starts sessions and ticks people by name: the units, people and sessions of their staff
        # scope (organisation's view permissions too: the access rule then limits all of them to that scope).
        grant_role_permissions(
            SESSION_LEADERS_GROUP,
            [
                "group_training.add_groupsession",
                "group_training.view_groupsession",
                "organisation.view_orgunit",
                "organisation.view_person",
            ],
        )
