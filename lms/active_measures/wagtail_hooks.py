"""Admin wiring of the annex: its viewset (a list, a form to ask for one and to edit its texts) in the
Reports menu, built on the access rule's base, its progress, files and archiving, the audit log's actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic

from lms.access.rule import user_may
from lms.access.viewsets import ScopedModelViewSet

from . import admin_views, services
from .forms import AnnexForm
from .models import Annex


class AnnexSavedMixin:
    """After saving, the annex's progress page: its files are being made in the background."""

    def get_success_url(self):
        return reverse("active_measures_annex", args=[self.object.pk])


class AnnexIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("employer")


class AnnexViewSet(ScopedModelViewSet):
    model = Annex
    name = "active_measures_annex"
    form_class = AnnexForm
    icon = "doc-full-inverse"
    menu_label = _("Active measures")
    url_prefix = "active-measures"
    add_to_admin_menu = False
    inspect_view_enabled = False
    add_view_class = type("AnnexCreateView", (AnnexSavedMixin, generic.CreateView), {})
    edit_view_class = type("AnnexEditView", (AnnexSavedMixin, generic.EditView), {})
    index_view_class = AnnexIndexView
    list_display = [
        TitleColumn("employer", label=_("Employer"), url_name="active_measures_annex"),
        "year",
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("archived_at", label=_("Archived")),
    ]

    def get_form_class(self, for_update=False):
        return AnnexForm


annex_viewset = AnnexViewSet()


@hooks.register("register_admin_viewset")
def register_annex_viewset():
    return annex_viewset


class AnnexMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may(request.user, Annex, "view")


@hooks.register("register_reports_menu_item")
def register_annex_menu_item():
    return AnnexMenuItem(
        _("Active measures"),
        reverse("active_measures_annex:index"),
        name="active-measures",
        icon_name="doc-full-inverse",
        order=140,
    )


@hooks.register("register_admin_urls")
def register_annex_urls():
    return [
        path("active-measures/<int:annex_id>/progress/", admin_views.annex_status_view, name="active_measures_annex"),
        path(
            "active-measures/<int:annex_id>/<str:kind>/download/",
            admin_views.annex_download_view,
            name="active_measures_annex_download",
        ),
        path(
            "active-measures/<int:annex_id>/archive/",
            admin_views.annex_archive_view,
            name="active_measures_annex_archive",
        ),
    ]


@hooks.register("register_log_actions")
def register_annex_log_actions(actions):
    actions.register_action(services.ASKED, _("Ask for an active-measures annex"), _("Active-measures annex asked for"))
    actions.register_action(
        services.ARCHIVED, _("Archive an active-measures annex"), _("Active-measures annex archived")
    )
    actions.register_action(
        services.DOWNLOADED, _("Download an active-measures annex"), _("Active-measures annex downloaded")
    )
