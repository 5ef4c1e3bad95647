"""Admin wiring of translations (wagtail-localize does the translating): the editors' dashboard panel of
translations to update, and no publishing of machine translation nobody has reviewed.

Machine output (``StringTranslation`` of type "machine", made by ``LMS_MACHINE_TRANSLATOR``) is unreviewed
until an editor approves each string in the translation editor: Edit, read, correct if need be, Save, and
wagtail-localize records it as the editor's own ("manual", by them). We refuse to publish a translation that
still has unreviewed machine strings, rather than only mark them, because a learner cannot tell a machine's
sentence from an editor's, and in a course on democracy and equal treatment a mistranslated right or ground of
discrimination teaches the wrong thing under the municipality's name; reading each string is the review itself,
so the refusal costs the editor no step they should skip. Refused where an editor publishes: the translation
editor's Publish button (``before_edit_page``, before wagtail-localize's own hook) and the page listing's bulk
Publish (``before_bulk_action``). wagtail-localize's "Sync translated pages" with both "Use machine translation"
and "Publish immediately" ticked offers no hook to refuse in; what it publishes there is listed on the dashboard
as unreviewed until an editor has approved it (and the editor is told so on opening the translation)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from lms.access.rule import user_may

from . import selectors


def _unreviewed_message(count: int) -> str:
    return ngettext(
        "%(count)s string was translated by machine and nobody has reviewed it yet.",
        "%(count)s strings were translated by machine and nobody has reviewed them yet.",
        count,
    ) % {"count": count}


def _how_to_review() -> str:
    return _(
        "Read each one (its note says “Translated with …”), press Edit, correct it if need be and Save: it is then "
        "yours. The translation can be published once every machine-translated string is reviewed."
    )


@hooks.register("before_edit_page", order=-10)  # before wagtail-localize's, which shows its editor
def refuse_publishing_unreviewed_machine_translation(request, page):
    """The translation editor: opening it says how many machine strings wait for review; its Publish button
    is refused while any does (nothing is written), back to the editor."""
    translation = selectors.synced_translation(page)
    if translation is None:
        return None
    count = selectors.unreviewed_machine_count(translation)
    if not count:
        return None
    if request.method == "POST" and request.POST.get("action") == "publish":
        messages.error(
            request,
            _("“%(title)s” was not published. %(unreviewed)s %(how)s")
            % {
                "title": page.get_admin_display_title(),
                "unreviewed": _unreviewed_message(count),
                "how": _how_to_review(),
            },
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if request.method == "GET":
        messages.warning(request, f"{_unreviewed_message(count)} {_how_to_review()}")
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_unreviewed_machine_translation(request, action_type, objects, action_class_instance):
    """The page listing's bulk Publish, before anything is written: refused as a whole when a translation in it
    has machine strings nobody has reviewed."""
    if action_type != "publish":
        return None
    pages = [page for page in objects if isinstance(page, Page)]
    unreviewed = []
    for page in pages:
        translation = selectors.synced_translation(page)
        if translation is not None and selectors.unreviewed_machine_count(translation):
            unreviewed.append(page.get_admin_display_title())
    if not unreviewed:
        return None
    messages.error(
        request,
        _("Nothing was published. These translations have machine-translated strings nobody has reviewed: %(pages)s.")
        % {"pages": ", ".join(unreviewed)},
    )
    return redirect(action_class_instance.next_url)


class TranslationsPanel(Component):
    """On the admin home for editors: the translated pages behind their source, with changes not yet
    published, or with machine translation not yet reviewed, each with its language and where to act. One
    query besides the user's page permissions."""

    name = "languages_translations"
    order = 60  # after the courses' panel: translating follows writing
    template_name = "languages/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        editable = PagePermissionPolicy().instances_user_has_permission_for(self.user, "change").values("pk")
        may_sync = user_may(self.user, Translation, "submit")
        home = reverse("wagtailadmin_home")
        rows = []
        for item in selectors.translations_to_update(editable_ids=editable):
            edit_url = reverse("wagtailadmin_pages:edit", args=[item.page_id])
            sync_url = reverse("wagtail_localize:update_translations", args=[item.source_id])
            rows.append(
                {
                    "item": item,
                    "edit_url": edit_url,
                    # Behind its source: sync first (wagtail-localize shows what changed), then translate.
                    "action_url": f"{sync_url}?{urlencode({'next': home})}" if item.behind and may_sync else edit_url,
                    "unreviewed_message": _unreviewed_message(item.unreviewed) if item.unreviewed else "",
                }
            )
        return {"rows": rows, "row_limit": selectors.DASHBOARD_ROWS}


@hooks.register("construct_homepage_panels")
def add_translations_panel(request, panels):
    if user_may(request.user, Translation, "submit") and PagePermissionPolicy().user_has_permission(
        request.user, "change"
    ):
        panels.append(TranslationsPanel(request.user))
