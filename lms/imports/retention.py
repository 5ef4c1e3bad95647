"""The HR import's record type for the records-management plan: the uploaded files and the reports of
their runs. Registered from this app's AppConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from lms.records.registry import Disposal, RecordType, RetentionEvent, register_record_type

from .models import ImportRun

IMPORT_FILES = "import_files"


def _clear_import_files(rows) -> int:
    # The uploaded file and the report name people; the counts stay.
    return rows.update(content=b"", report={})


register_record_type(
    RecordType(
        key=IMPORT_FILES,
        label=_("HR import files"),
        description=_("Files uploaded from the HR system and the reports of their runs. Cleared; the counts stay."),
        disposal=Disposal.ANONYMISE,
        rows=lambda: ImportRun.objects.exclude(report={}, content=b""),
        events={RetentionEvent.CREATED: "created_at"},
        dispose=_clear_import_files,
        order=50,
    )
)
