"""Admin wiring: the messages sent with the accessibility statement's form.

Built on the access rule's base (``row_access`` on the model: rows of the whole group), so a user
limited to part of the group sees none, and any message is 404 to them in every view. Messages
arrive only through the form: no add, no copy; editors mark them handled with a note."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet

from lms.access.viewsets import RowScopedBulkActionMixin, ScopedSnippetViewSet

from .models import AccessibilityFeedback


def excerpt(feedback) -> str:
    text = " ".join(feedback.message.split())
    return text if len(text) <= 80 else text[:79] + "…"


class AccessibilityFeedbackViewSet(ScopedSnippetViewSet):
    model = AccessibilityFeedback
    icon = "mail"
    menu_label = _("Accessibility feedback")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "accessibility/feedback"
    inspect_view_enabled = True
    list_display = [
        Column("message", label=_("Message"), accessor=excerpt),
        "page_url",
        "created_at",
        BooleanColumn("handled", label=_("Handled")),
    ]
    list_filter = ["handled"]
    list_export = ["created_at", "message", "page_url", "name", "email", "notified_at", "handled", "handled_at", "note"]
    search_fields = ["message", "page_url", "name", "email"]
    inspect_view_fields = [
        "created_at",
        "message",
        "page_url",
        "name",
        "email",
        "notified_at",
        "handled",
        "handled_at",
        "note",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("message", read_only=True),
                    FieldPanel("page_url", read_only=True),
                    FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]),
                    FieldRowPanel(
                        [FieldPanel("created_at", read_only=True), FieldPanel("notified_at", read_only=True)]
                    ),
                ],
                heading=_("The message"),
            ),
            FieldPanel("handled"),
            FieldPanel("note"),
        ]
    )


register_snippet(AccessibilityFeedbackViewSet)


@hooks.register("register_bulk_action", order=100)
class FeedbackDeleteBulkAction(RowScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's delete action for the messages, limited to the scope like every view of them.
    Ordered after Wagtail's, so it replaces it for this model."""

    models = [AccessibilityFeedback]
