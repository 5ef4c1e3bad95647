"""The reports app's section of a person's register extract, and its part of erasure.

Registered from this app's AppConfig.ready(); the section's label is kept (and translated) in
lms/organisation/privacy.py, as are the readable names of its keys. What the reports area stores per user account: the exports an HR
user asked for (their files hold other people's data, so the extract lists the jobs, not the
files) and the report scope limiting what the user sees.

Erasure deletes the person's export jobs, and their files once the erasure has committed (a
rollback keeps them). The report scope stays: without one, a user with the HR role sees the
whole group, so removing it would widen the account's access should it ever be enabled again.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.organisation.privacy import REPORTS_LABEL, iso, register_personal_data_section

from .models import ExportJob, ReportScope
from .services import export_files_delete

logger = logging.getLogger(__name__)

# The reports a job may export (exports.EXPORTS), by the names of their pages.
REPORT_NAMES = {"enrolments": _("Per course"), "overdue": pgettext_lazy("figures", "Overdue")}


def reports_section(person) -> dict:
    scope = ReportScope.objects.filter(user_id=person.user_id).select_related("org_unit").first()
    jobs = ExportJob.objects.filter(user_id=person.user_id).order_by("created_at", "pk")
    return {
        "report_scope": {"org_unit": scope.org_unit.name} if scope is not None else None,
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
    jobs = list(ExportJob.objects.select_for_update().filter(user_id=person.user_id))
    if not jobs:
        return
    names = [job.file.name for job in jobs if job.file]
    ExportJob.objects.filter(pk__in=[job.pk for job in jobs]).delete()
    if names:
        transaction.on_commit(lambda: _delete_files(names), robust=True)


def _delete_files(names: list[str]) -> None:
    export_files_delete(names=names)
    logger.info("Deleted %s export file(s) of an erased person", len(names))


register_personal_data_section("reports", REPORTS_LABEL, reports_section, erase=erase_reports)
