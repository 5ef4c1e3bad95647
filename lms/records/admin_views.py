"""The overview of every record type and the decision that applies to it, or none.

Who may see and change decisions is asked of Wagtail's permission machinery (the policy registered
for ``RetentionDecision``: Wagtail's model policy, or the access rule's had it declared rows), as
Wagtail's own views ask it; this app sits below organisation and so does not call its access module."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from . import selectors
from .models import RetentionDecision


class RetentionDecisionDeleteView(DeleteView):
    """A decision that has been applied stays (the run log names it): it is taken out of force, not
    deleted. One entered by mistake and never applied may go."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.runs.exists():
            messages.error(
                request,
                _("This decision has been applied and stays for the run log: take it out of force instead."),
            )
            return redirect("retentiondecision:edit", self.object.pk)
        return super().dispatch(request, *args, **kwargs)


class RunLogPermissionPolicy(ModelPermissionPolicy):
    """The run log is read-only, for whoever may see the decisions: only the nightly run writes it."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and may_view_decisions(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def may_view_decisions(user) -> bool:
    return policy_registry.get_by_type(RetentionDecision).user_has_permission(user, "view")


class RecordTypesView(PermissionCheckedMixin, TemplateView):
    """Every record type the apps declare, with its decision in force, or plainly that nothing of it
    is disposed of because there is no decision. For whoever may view decisions (Wagtail's check)."""

    model = RetentionDecision
    permission_required = "view"
    template_name = "records/admin/record_types.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            # Not Wagtail's refusal (a redirect to the dashboard that leaves one wondering): a page that says
            # who may see this and whom to ask.
            return TemplateResponse(
                request, "records/admin/not_allowed.html", {"header_title": _("Record types and retention")}, status=403
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=selectors.record_type_overview(),
            header_title=gettext_lazy("Record types and retention"),
            may_add=self.user_has_permission("add"),
            **kwargs,
        )
