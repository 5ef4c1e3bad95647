"""Admin wiring: certificate templates (editors), certificates (HR, administrators), re-render batches.

A user limited to part of the group (lms.organisation.scope) sees only the certificates of the
people inside it: in the list, its filters, search, exports, the chooser and bulk actions; any
other certificate is 404 in every view of one object (inspect, revoke, download, history…)."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import (
    CopyView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from lms.organisation.admin_views import in_scope

from . import admin_views, selectors, services
from .models import Certificate, CertificateTemplate


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Certificates are issued by the system, never added, edited or deleted by hand; revocation
    has its own permission and view."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in {"add", "change", "delete"}])


register_permission_policy(Certificate, ReadOnlyPermissionPolicy(Certificate), exact_class=True)


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


class CertificateTemplateViewSet(SnippetViewSet):
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


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset().select_related("person__user", "course")
        return selectors.certificates_in_scope_of(user=self.request.user, queryset=qs)

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.is_ready:
            buttons.append(
                MenuItem(
                    _("Download PDF"),
                    url=reverse("certificates:download", args=[instance.pk]),
                    icon_name="download",
                    priority=5,
                )
            )
        if instance.revoked_at is None and self.request.user.has_perm("certificates.revoke_certificate"):
            buttons.append(
                MenuItem(
                    _("Revoke"), url=reverse("certificates_revoke", args=[instance.pk]), icon_name="cross", priority=40
                )
            )
        return buttons

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("certificates.change_certificatetemplate"):
            buttons.append(Button(_("Re-render batches"), url=reverse("certificates_batches"), icon_name="cogs"))
        return buttons


class InScopeChooseView(chooser.ChooseView):
    def get_object_list(self):
        return selectors.certificates_in_scope_of(user=self.request.user, queryset=super().get_object_list())


class InScopeChooseResultsView(chooser.ChooseResultsView):
    def get_object_list(self):
        return selectors.certificates_in_scope_of(user=self.request.user, queryset=super().get_object_list())


class InScopeChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return selectors.certificate_in_scope_or_404(user=self.request.user, pk=pk)


class InScopeChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return selectors.certificates_in_scope_of(user=self.request.user, queryset=super().get_objects(pks))


class CertificateChooserViewSet(chooser.SnippetChooserViewSet):
    """The certificate chooser (used by nothing here yet, but reachable) offers only those in scope."""

    choose_view_class = InScopeChooseView
    choose_results_view_class = InScopeChooseResultsView
    chosen_view_class = InScopeChosenView
    chosen_multiple_view_class = InScopeChosenMultipleView


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Issued certificates")
    url_prefix = "certificates/issued"
    index_view_class = CertificateIndexView
    chooser_viewset_class = CertificateChooserViewSet
    edit_view_class = in_scope(EditView)
    inspect_view_class = in_scope(InspectView)
    history_view_class = in_scope(HistoryView)
    usage_view_class = in_scope(UsageView)
    copy_view_class = in_scope(CopyView)
    delete_view_class = in_scope(DeleteView)
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        Column("display_code", label=_("Code")),
        Column("person", label=_("Person")),
        "course",
        "completed_on",
        "valid_until",
        Column("status", label=_("Status"), accessor=status_text),
        Column("render_status", label=_("PDF"), accessor=render_text),
    ]
    list_filter = ["render_status", "template"]
    list_export = [
        "display_code",
        "person",
        "course",
        "completed_on",
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


class InScopeBulkActionMixin:
    """Bulk actions on certificates act only on those inside the user's scope; the others do not
    exist for the user (not even as "no permission" rows naming them). None left: 404."""

    def get_all_objects_in_listing_query(self, parent_id):
        return selectors.certificates_in_scope_of(user=self.request.user).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        allowed = set(
            selectors.certificates_in_scope_of(user=self.request.user)
            .filter(pk__in=[obj.pk for obj in [*objects, *extra["items_with_no_access"]]])
            .values_list("pk", flat=True)
        )
        objects = [obj for obj in objects if obj.pk in allowed]
        no_access = [obj for obj in extra["items_with_no_access"] if obj.pk in allowed]
        if not objects and not no_access:
            raise Http404
        return objects, {**extra, "items_with_no_access": no_access}


@hooks.register("register_bulk_action", order=100)
class CertificateDeleteBulkAction(InScopeBulkActionMixin, DeleteBulkAction):
    """Wagtail's delete action for certificates (nobody may delete them), limited to the scope so
    its confirmation page names no certificate outside it. Ordered after Wagtail's, so it replaces
    it for certificates."""

    models = [Certificate]


@hooks.register("register_bulk_action")
class RerenderBulkAction(InScopeBulkActionMixin, SnippetBulkAction):
    """Re-render the chosen certificates through Celery, counted in a batch the admin can follow."""

    display_name = _("Re-render PDF")
    action_type = "rerender"
    aria_label = _("Re-render the selected certificates")
    template_name = "certificates/admin/confirm_bulk_rerender.html"
    action_priority = 20
    models = [Certificate]

    def check_perm(self, obj):
        return self.request.user.has_perm("certificates.change_certificatetemplate")

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
