"""Start-up checks: the fixed retention settings that decisions replaced."""

import os

from django.core.checks import Warning, register

RETIRED_SETTINGS = ("LMS_RETENTION_DAYS_AFTER_LEAVING", "LMS_IMPORT_KEEP_UPLOAD_DAYS")


@register()
def retired_retention_settings(app_configs=None, **kwargs):
    """A deployment that still sets the old fixed periods is told they do nothing now."""
    return [
        Warning(
            f"{name} is no longer used: records are disposed of only under retention decisions.",
            hint="Enter the records-management plan's decision in the admin (Records management → Retention "
            "decisions; README, Retention by decision). Until then nothing of that record type is removed.",
            id="records.W001",
        )
        for name in RETIRED_SETTINGS
        if name in os.environ
    ]
