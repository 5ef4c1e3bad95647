"""The learner's path views: download a path certificate, ask for one that is missing (a path given a
certificate after the learner completed it). Thin: the access rule, a selector or service, a response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.certificates.selectors import can_view_certificate
from lms.organisation.selectors import person_for_user

from . import selectors, services
from .models import PathCertificate


@login_required
def path_certificate_download_view(request, pk: int):
    certificate = get_object_or_404(PathCertificate.objects.select_related("person"), pk=pk)
    if not can_view_certificate(request.user, certificate) or not certificate.is_ready:
        raise Http404  # to a stranger a certificate they may not see does not exist
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"intyg-{certificate.display_code}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def path_certificate_request_view(request, path_id: int):
    path = get_object_or_404(selectors.live_paths(), pk=path_id)
    person = person_for_user(request.user)
    certificate = services.path_certificate_issue(person=person, path=path) if person else None
    if certificate is None:
        messages.error(request, _("Complete every course of the path first."))
    elif not certificate.is_ready:
        from .tasks import render_path_certificate

        transaction.on_commit(lambda: render_path_certificate.delay(certificate.pk))
        messages.success(request, _("Your certificate is being prepared."))
    return redirect(path.url)
