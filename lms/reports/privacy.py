"""The reports app's section of a person's register extract, and its part of erasure.

Registered from this app's AppConfig.ready(), with its label and its keys' labels. What the
reports area stores per user account: the exports an HR
user asked for (their files hold other people's data, so the extract lists the jobs, not the
files).

Erasure deletes the person's export jobs, and their files once the erasure has committed (a
rollback keeps them).
"""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.organisation.privacy import iso, register_personal_data_section
from lms.records.selectors import rows_erasure_may_remove

from .models import ExportJob
from .retention import REPORT_EXPORTS
from .services import export_files_delete

logger = logging.getLogger(__name__)

# The reports a job may export (exports.EXPORTS), by the names of their pages.
REPORT_NAMES = {"enrolments": _("Per course"), "overdue": pgettext_lazy("figures", "Overdue")}

REPORTS_LABEL = pgettext_lazy("personal data", "Report exports")

KEY_LABELS = {
    "export_jobs": pgettext_lazy("personal data", "Report exports"),
    "status": pgettext_lazy("personal data", "Status"),
    "rows": pgettext_lazy("personal data", "Rows"),
}


def reports_section(person) -> dict:
    jobs = ExportJob.objects.filter(user_id=person.user_id).order_by("created_at", "pk")
    return {
        "export_jobs": [
            {
                "created_at": iso(job.created_at),
                "kind": f"{REPORT_NAMES.get(job.report, job.report)} ({job.export_format.upper()})",
                "status": str(job.get_status_display()),
                "rows": job.rows_total,
            }
            for job in jobs
        ],
    }


def erase_reports(person) -> None:
    """Delete the person's export jobs, and their files on commit. Runs inside ``person_erase``'s
    transaction. A job a worker is writing just now deletes its own file when it finds its row gone
    (services.export_job_run)."""
    # Exports a retention decision keeps stay (lms.records).
    may_go = rows_erasure_may_remove(REPORT_EXPORTS, ExportJob.objects.filter(user_id=person.user_id))
    jobs = list(may_go.select_for_update())
    if not jobs:
        return
    names = [job.file.name for job in jobs if job.file]
    ExportJob.objects.filter(pk__in=[job.pk for job in jobs]).delete()
    if names:
        transaction.on_commit(lambda: _delete_files(names), robust=True)


def _delete_files(names: list[str]) -> None:
    export_files_delete(names=names)
    logger.info("Deleted %s export file(s) of an erased person", len(names))


register_personal_data_section("reports", REPORTS_LABEL, reports_section, erase=erase_reports, key_labels=KEY_LABELS)
