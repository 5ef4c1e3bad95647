"""Content packages in the admin: upload (checked, stored whole or not at all), list, rename, delete."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from lms.core.spreadsheets import SafeSnippetViewSet

from .forms import PackageTitleForm, PackageUploadForm
from .models import ContentPackage


class ContentPackageViewSet(SafeSnippetViewSet):
    model = ContentPackage
    icon = "folder-inverse"
    menu_label = _("Content packages")
    menu_name = "content_packages"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["title", "kind", "launch_path", "created_at"]
    list_filter = ["kind"]
    search_fields = ["title"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return PackageTitleForm if for_update else PackageUploadForm


register_snippet(ContentPackageViewSet)
