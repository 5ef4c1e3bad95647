"""The reports app's record type for the records-management plan: report exports (background
export jobs and their files). Registered from this app's AppConfig.ready(). Disposal deletes the
jobs and, once that has committed, their files. Besides any decision, a job's file is deleted
LMS_REPORTS_EXPORT_KEEP_DAYS after it was made (``services.export_jobs_expire``): a working copy."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lms.records.registry import Disposal, RecordType, RetentionEvent, register_record_type

from .models import ExportJob
from .services import export_files_delete

REPORT_EXPORTS = "report_exports"


def _delete_exports(rows) -> int:
    names = list(rows.exclude(file="").values_list("file", flat=True))
    _total, per_model = rows.delete()
    if names:
        transaction.on_commit(lambda: export_files_delete(names=names), robust=True)
    return per_model.get(ExportJob._meta.label, 0)


register_record_type(
    RecordType(
        key=REPORT_EXPORTS,
        label=_("Report exports"),
        description=_("Exports of the reports made in the background, with their files. Deleted."),
        disposal=Disposal.DELETE,
        rows=ExportJob.objects.all,
        events={RetentionEvent.CREATED: "created_at"},
        dispose=_delete_exports,
        person_rows=lambda person: ExportJob.objects.filter(user_id=person.user_id),
        order=60,
    )
)
