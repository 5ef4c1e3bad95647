"""Admin wiring: the public-document request form (Reports menu) and its log, built on the access
rule's viewset base (``row_access`` on the model): entries only for the units the user sees."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column

from lms.access.viewsets import ScopedModelViewSet
from lms.reports import selectors as report_selectors

from . import admin_views
from .models import PublicDocumentRequest


@hooks.register("register_admin_urls")
def register_public_document_urls():
    return [
        path(
            "reports/public-documents/new/",
            admin_views.public_document_request_view,
            name="public_documents_request",
        )
    ]


class PublicDocumentMenuItem(MenuItem):
    def is_shown(self, request):
        return report_selectors.user_may_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_public_document_menu_item():
    return PublicDocumentMenuItem(
        _("Public-document requests"),
        reverse("public_documents_request"),
        name="public-document-requests",
        icon_name="doc-full",
        order=140,
    )


class PublicDocumentRequestViewSet(ScopedModelViewSet):
    model = PublicDocumentRequest
    icon = "doc-full"
    url_prefix = "reports/public-documents/log"
    name = "public_documents_publicdocumentrequest"
    add_to_admin_menu = False
    menu_label = _("Public-document requests")
    inspect_view_enabled = True
    list_display = [
        "reference",
        "contents",
        Column("withheld", label=_("Withheld"), accessor="withheld_labels"),
        "export_format",
        "rows",
        "handed_out_at",
        "handed_out_by",
    ]
    list_filter = ["export_format"]
    search_fields = ["reference", "requested_by", "contents"]
    inspect_view_fields = [
        "reference",
        "requested_by",
        "contents",
        "course",
        "org_unit",
        "withheld",
        "export_format",
        "rows",
        "handed_out_at",
        "handed_out_by",
    ]
    form_fields = []


@hooks.register("register_admin_viewset")
def register_public_document_viewsets():
    return [PublicDocumentRequestViewSet()]
