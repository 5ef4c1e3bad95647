"""Every write of the annex, each in a transaction and audit-logged: asking for it (its texts and choices
saved, its files made in Celery on commit, by the report to the council's machinery:
``plans.services.made_report_request`` / ``made_report_render``), archiving it, and handing out its files."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from lms.plans.services import made_report_render, made_report_request

from .models import Annex

ASKED = "active_measures.asked"
ARCHIVED = "active_measures.archived"
DOWNLOADED = "active_measures.downloaded"
ARCHIVED_REFUSAL = gettext_lazy("The annex is archived and can no longer be changed.")


def annex_request(*, annex: Annex, by=None, then: Callable[[], None] | None = None) -> Annex:
    """Save the annex's texts and choices (``then``: the form's many-to-many save) and ask for its files.
    An archived annex is never changed: refused with a message, nothing saved."""
    from .tasks import render_annex_task

    with transaction.atomic():
        if annex.pk and Annex.objects.select_for_update().filter(pk=annex.pk, archived_at__isnull=False).exists():
            raise ValidationError(ARCHIVED_REFUSAL)
        made_report_request(report=annex, task=render_annex_task, by=by, then=then)
        log(instance=annex, action=ASKED, user=by, data={"employer": annex.employer.name, "year": annex.year})
    return annex


def annex_render(*, annex_id: int) -> Annex | None:
    """Make the annex's PDF and XLSX from the figures of the day. An archived annex keeps its files."""
    from .rendering import annex_pdf, annex_xlsx
    from .selectors import annex_data

    def make(annex: Annex, progress) -> dict[str, tuple[str, bytes]]:
        data = annex_data(annex=annex)
        progress(40)
        pdf = annex_pdf(data=data)
        progress(80)
        xlsx = annex_xlsx(data=data)
        progress(95)
        name = f"aktiva-atgarder-utbildning-{annex.employer.code}-{annex.year}"
        return {"pdf": (f"{name}.pdf", pdf), "xlsx": (f"{name}.xlsx", xlsx)}

    queryset = Annex.objects.select_related("employer").filter(archived_at__isnull=True)
    return made_report_render(queryset=queryset, report_id=annex_id, make=make)


@transaction.atomic
def annex_archive(*, annex: Annex, by) -> Annex:
    """Archive a ready annex as it stands: from now on it is not changed or made again."""
    annex = Annex.objects.select_for_update().select_related("employer").get(pk=annex.pk)
    if annex.is_archived:
        raise ValidationError(_("The annex is archived already."))
    if annex.status != Annex.Status.DONE:
        raise ValidationError(_("Only a ready annex can be archived: wait until it is made, or save it again."))
    annex.archived_at, annex.archived_by = timezone.now(), by
    annex.save(update_fields=["archived_at", "archived_by"])
    log(instance=annex, action=ARCHIVED, user=by, data={"employer": annex.employer.name, "year": annex.year})
    return annex


def annex_downloaded(*, annex: Annex, by, what: str) -> None:
    log(instance=annex, action=DOWNLOADED, user=by, data={"file": what, "year": annex.year})
