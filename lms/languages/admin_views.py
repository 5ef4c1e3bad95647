"""wagtail-localize's snippet API, behind the access rule.

wagtail-localize's translation editor lets a translator pick another snippet for a translation (a chooser
fed by ``/admin/localize/api/snippets/<app>/<model>/``). Its view lists every row of any registered snippet
model to anyone who may open the admin, whatever their permissions: in this project, certificates (holder,
code) to an editor. config/urls.py puts this view at the same addresses first: only translatable models (the
only ones the editor asks about), and only the rows the user may change or view (the model's permission
policy: the one access rule). Anything else is a 404, as for a row outside what one may see."""

from django.http import Http404
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
