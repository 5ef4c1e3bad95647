"""Admin views wrapped for translations: wagtail-localize's snippet API behind the access rule, and
Wagtail's workflow approval of a translation that no longer matches its source.

wagtail-localize's translation editor lets a translator pick another snippet for a translation (a chooser
fed by ``/admin/localize/api/snippets/<app>/<model>/``). Its view lists every row of any registered snippet
model to anyone who may open the admin, whatever their permissions: in this project, certificates (holder,
code) to an editor. config/urls.py puts this view at the same addresses first: only translatable models (the
only ones the editor asks about), and only the rows the user may change or view (the model's permission
policy: the one access rule). Anything else is a 404, as for a row outside what one may see."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import TranslatableMixin
from wagtail_localize.views.snippets_api import SnippetViewSet

from lms.access.rule import permission_policy


class SnippetsWithinTheRule(SnippetViewSet):
    def get_queryset(self):
        model = self.get_model()
        if not issubclass(model, TranslatableMixin):
            raise Http404
        return permission_policy(model).instances_user_has_any_permission_for(self.request.user, ["change", "view"])


snippets_listing = SnippetsWithinTheRule.as_view({"get": "list"})
snippet_detail = SnippetsWithinTheRule.as_view({"get": "retrieve"})


class ApprovalRefusedWhenUnpublishable(WorkflowActionView):
    """Wagtail's workflow action, refusing an approval whose publication fails the page's own checks.

    A translated quiz or survey is checked against its source's questions on every save (``QuizPage.clean``).
    When the source changed them after the translation's draft went to moderation, approving it would publish
    a page that no longer passes: Wagtail's action raises, a 500. Here the whole action is undone instead
    (the task stays in progress), and the moderator reads why and is taken to the page's editor, where
    "Update from the source" or an edit puts it right. Registered per page type (``translation_checked``)."""

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(
                request,
                _("“%(page)s” was not approved: it cannot be published as it is. %(reason)s")
                % {"page": self.object.get_admin_display_title(), "reason": " ".join(error.messages)},
            )
            edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": edit_url})
            return redirect(edit_url)


def translation_checked(model) -> PageViewSet:
    """The admin's views of a page type whose translations are checked against their source on save."""
    return PageViewSet(
        name=f"{model._meta.app_label}_{model._meta.model_name}_pages",
        model=model,
        workflow_action_view_class=ApprovalRefusedWhenUnpublishable,
    )
