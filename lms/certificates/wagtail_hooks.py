"""Admin wiring: certificate templates (editors), certificates (HR, administrators), re-render batches.

Issued certificates declare their ``row_access`` (models.py): seeing them needs
``certificates.view_certificate`` (editing templates does not grant it), and a user limited to part
of the group sees only the certificates of the people inside it, in the list, its filters, search,
exports and bulk actions; any other certificate is 404 in every view of one object (inspect,
revoke, download, history…). Certificates have no chooser: nothing chooses them."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSetGroup

from lms.access.rule import user_may
from lms.access.viewsets import RowScopedBulkActionMixin, ScopedSnippetViewSet
from lms.core.spreadsheets import SafeSnippetViewSet

from . import admin_views, extensions, selectors, services
from .filters import CertificateFilterSet
from .models import Certificate, CertificateTemplate


def preview_url(template) -> str:
    return reverse("certificates_template_preview", args=[template.pk])


class TemplateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(_("Preview as PDF"), url=preview_url(instance), icon_name="doc-full", priority=15),
        ]


class TemplateEditView(EditView):
    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Preview as PDF (saved version)"), url=preview_url(self.object), icon_name="doc-full", priority=5),
        ]


class CertificateTemplateViewSet(SafeSnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    url_prefix = "certificates/templates"
    index_view_class = TemplateIndexView
    edit_view_class = TemplateEditView
    list_display = ["name", "heading", "signatory_name", "updated_at"]
    search_fields = ["name", "heading"]
    copy_view_enabled = True


def status_text(certificate) -> str:
    return certificate.get_status_display()


def render_text(certificate) -> str:
    text = certificate.get_render_status_display()
    if certificate.render_error and certificate.render_status != "rendered":
        text += f" ({certificate.render_attempts}×): {certificate.render_error[:120]}"
    return text


def issued_certificate_buttons(certificate, *, download: str, revoke: str, may_revoke: bool) -> list:
    """An issued certificate's row buttons (of any kind: lms.paths lists its own): its PDF when ready, and
    revoking it while in force, for who may. ``download`` and ``revoke`` are URL names taking its pk."""
    buttons = []
    if certificate.is_ready:
        url = reverse(download, args=[certificate.pk])
        buttons.append(MenuItem(_("Download PDF"), url=url, icon_name="download", priority=5))
    if certificate.revoked_at is None and may_revoke:
        url = reverse(revoke, args=[certificate.pk])
        buttons.append(MenuItem(_("Revoke"), url=url, icon_name="cross", priority=40))
    return buttons


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person__user", "course")

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *issued_certificate_buttons(
                instance,
                download="certificates:download",
                revoke="certificates_revoke",
                may_revoke=selectors.can_revoke_certificate(self.request.user),
            ),
        ]

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if user_may(self.request.user, CertificateTemplate, "change"):
            buttons.append(Button(_("Re-render batches"), url=reverse("certificates_batches"), icon_name="cogs"))
        return buttons

    @property
    def header_buttons(self):
        return [*super().header_buttons, *extensions.certificate_list_buttons(self.request)]


class CertificateViewSet(ScopedSnippetViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Issued certificates")
    url_prefix = "certificates/issued"
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    list_display = [
        Column("display_code", label=_("Code")),
        Column("person", label=_("Person")),
        "course",
        "completed_on",
        "valid_until",
        Column("status", label=_("Status"), accessor=status_text),
        Column("render_status", label=_("PDF"), accessor=render_text),
    ]
    filterset_class = CertificateFilterSet  # unit, course, period: what the ZIP of the list holds too
    list_export = [
        "display_code",
        "person",
        "course",
        "completed_on",
        "language",
        "valid_until",
        "revoked_at",
        "render_status",
        "render_error",
    ]
    search_fields = ["code", "person__user__first_name", "person__user__last_name", "course__title"]
    inspect_view_fields = [
        "person",
        "course",
        "completed_on",
        "language",
        "issued_at",
        "valid_until",
        "revoked_at",
        "revoked_reason",
        "render_status",
        "render_attempts",
        "render_error",
        "rendered_at",
        "ready_mail_sent_at",
    ]


class CertificatesGroup(SnippetViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "tick-inverse"
    menu_order = 350
    items = (CertificateTemplateViewSet, CertificateViewSet)


register_snippet(CertificatesGroup)


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path(
            "certificates/templates/preview-pdf/<int:pk>/",
            admin_views.template_preview_pdf_view,
            name="certificates_template_preview",
        ),
        path("certificates/issued/revoke/<int:pk>/", admin_views.certificate_revoke_view, name="certificates_revoke"),
        path("certificates/batches/", admin_views.render_batch_list_view, name="certificates_batches"),
        path("certificates/batches/<int:pk>/", admin_views.render_batch_view, name="certificates_batch"),
    ]


@hooks.register("register_bulk_action", order=100)
class CertificateDeleteBulkAction(RowScopedBulkActionMixin, DeleteBulkAction):
    """Wagtail's delete action for certificates (nobody may delete them), limited to the scope so
    its confirmation page names no certificate outside it. Ordered after Wagtail's, so it replaces
    it for certificates."""

    models = [Certificate]


@hooks.register("register_bulk_action")
class RerenderBulkAction(RowScopedBulkActionMixin, SnippetBulkAction):
    """Re-render the chosen certificates through Celery, counted in a batch the admin can follow."""

    display_name = _("Re-render PDF")
    action_type = "rerender"
    aria_label = _("Re-render the selected certificates")
    template_name = "certificates/admin/confirm_bulk_rerender.html"
    action_priority = 20
    models = [Certificate]

    def check_perm(self, obj):
        # Seeing the certificate (the mixin) and the right to change how certificates look.
        return user_may(self.request.user, CertificateTemplate, "change")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        ids = [obj.pk for obj in objects]
        batch = services.certificate_rerender_batch(
            certificates=Certificate.objects.filter(pk__in=ids), user=user, description="admin bulk action"
        )
        kwargs["self"].batch = batch
        return len(ids), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d certificate queued for re-rendering (batch %(batch)s).",
            "%(count)d certificates queued for re-rendering (batch %(batch)s).",
            num_parent_objects,
        ) % {"count": num_parent_objects, "batch": self.batch.pk}

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.revoke", _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action(
        "certificates.rerender", _("Re-render certificates"), _("Certificates queued for re-rendering")
    )
