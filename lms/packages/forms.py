"""The editor's upload of a package (Courses → Content packages): checked in ``clean`` (every refusal
on the file field, in the editor's words), stored by the service in ``save``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .models import ContentPackage
from .unpacking import PackageRefused, read_package


class PackageUploadForm(WagtailAdminModelForm):
    upload = forms.FileField(
        label=_("Package file"),
        help_text=_("A SCORM 1.2 or SCORM 2004 package (.zip) or an H5P file (.h5p), as exported by its tool."),
    )

    class Meta:
        model = ContentPackage
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Empty: the title the package gives itself.")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            read_package(upload)
        except PackageRefused as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload

    def save(self, commit=True):
        try:
            self.instance = services.package_store(
                upload=self.cleaned_data["upload"], title=self.cleaned_data.get("title", ""), uploaded_by=self.for_user
            )
        except PackageRefused as error:  # damaged beyond what the check reads (a bad CRC): nothing was kept
            self.add_error("upload", str(error))
            raise
        return self.instance


class PackageTitleForm(WagtailAdminModelForm):
    """A stored package is never changed but for its title: upload a new one for new content."""

    class Meta:
        model = ContentPackage
        fields = ["title"]
