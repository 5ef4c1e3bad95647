from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "lms.plans"
    label = "plans"
    verbose_name = _("Democracy plan")

    def ready(self):
        # privacy registers this app's section of the register extract and its part of erasure.
        from lms.access.roles import (
            DEMOCRACY_GUIDES_GROUP,
            HR_GROUP,
            UNIT_PLANNERS_GROUP,
            grant_role_permissions,
        )
        from lms.reports.public_sections import register_public_section

        from . import privacy  # noqa: F401
        from .public import plan_section

        register_public_section(
            key="plans",
            order=200,
            template="plans/public_plan_section.html",
            headline="plans/public_plan_headline.html",
            context=plan_section,
        )

        models = [
            "plan",
            "commitment",
            "indicator",
            "indicatorvalue",
            "focusarea",
            "unityearplan",
            "activity",
            "councilreport",
        ]
        # HR and the democracy coordinator share the HR group (access.roles): the whole plan.
        grant_role_permissions(
            HR_GROUP, [f"plans.{action}_{model}" for model in models for action in ("add", "change", "delete", "view")]
        )
        unit_work = [
            # the plan's content, to follow it and to choose what an activity serves
            "plans.view_plan",
            "plans.view_commitment",
            "plans.view_focusarea",
            "plans.add_unityearplan",
            "plans.change_unityearplan",
            "plans.add_activity",
            "plans.change_activity",
            "plans.delete_activity",
        ]
        # A unit's manager: their unit's choice and activities, within their staff scope (one unit's
        # subtree, set under Settings → Staff scopes; without one they would see the whole group).
        grant_role_permissions(
            UNIT_PLANNERS_GROUP,
            ["wagtailadmin.access_admin", "plans.view_unityearplan", "plans.view_activity", *unit_work],
        )
        # A democracy guide: no view permission, so only the units' plans that name them as guide
        # (the rows' ``also_for``), and their activities.
        grant_role_permissions(DEMOCRACY_GUIDES_GROUP, ["wagtailadmin.access_admin", *unit_work])
