"""The reports app's section of a person's register extract.

Registered from this app's AppConfig.ready(), with its label and its keys' labels. What the
reports area stores per user account: the exports an HR
user asked for (their files hold other people's data, so the extract lists the jobs, not the
files).

Erasure has no part here: export jobs are a record type of the plan (``retention.py``), so erasure
follows its decision (lms.records): without one in force the jobs stay; under one, the jobs whose
period has run out are deleted with their files (once the erasure has committed), as the nightly
run would. Their files go anyway LMS_REPORTS_EXPORT_KEEP_DAYS after they were made.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import ExportJob

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


register_personal_data_section("reports", REPORTS_LABEL, reports_section, key_labels=KEY_LABELS)
