"""Writes: the log entry of a public document handed out."""

from django.db import transaction

from .models import PublicDocumentRequest


@transaction.atomic
def public_document_request_record(
    *,
    user,
    scope,
    reference: str,
    requested_by: str,
    course,
    unit,
    withheld: list[str],
    export_format: str,
    rows: int,
    contents: str,
) -> PublicDocumentRequest:
    """Log what was handed out. The unit is the one asked for, or the whole of the user's scope (None: the
    whole group), so the entry is seen by those who see what the list covers."""
    return PublicDocumentRequest.objects.create(
        reference=reference.strip(),
        requested_by=requested_by.strip(),
        course=course,
        org_unit=unit if unit is not None else scope.unit,
        contents=contents[:400],
        withheld=sorted(withheld),
        export_format=export_format,
        rows=rows,
        handed_out_by=user,
    )
