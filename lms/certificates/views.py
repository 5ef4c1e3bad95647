"""Learner and public views: Mina intyg, download, verification by code."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django_ratelimit.decorators import ratelimit

from lms.core.models import SiteSettings

from . import extensions, selectors
from .codes import format_code, normalise_code
from .forms import VerifyForm
from .models import Certificate

logger = logging.getLogger(__name__)


def verify_rate(group, request) -> str:
    return getattr(settings, "LMS_CERTIFICATE_VERIFY_RATE", "20/m")


verify_limit = ratelimit(key="ip", rate=verify_rate, group="certificates.verify", block=False)


def too_many_requests(request):
    return render(request, "certificates/rate_limited.html", status=429)


@login_required
def my_certificates_view(request):
    certificates = list(selectors.certificates_of_user(user=request.user))
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


@login_required
def certificate_download_view(request, pk: int):
    certificate = get_object_or_404(Certificate.objects.select_related("person"), pk=pk)
    # Not 403: to a stranger a certificate they may not see does not exist.
    if not selectors.can_view_certificate(request.user, certificate) or not certificate.is_ready:
        raise Http404
    try:
        handle = certificate.pdf.open("rb")  # StorageUnavailable: "temporarily unavailable" (the middleware)
    except FileNotFoundError:  # lost from the store: nothing to hand out
        logger.error("certificate %s is rendered but its PDF is missing", certificate.pk)
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"intyg-{certificate.display_code}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@verify_limit
def verify_view(request):
    if getattr(request, "limited", False):
        return too_many_requests(request)
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify_code", code=format_code(form.cleaned_data["code"]))
    return render(request, "certificates/verify.html", {"form": form, "other_ways": extensions.verification_links()})


@verify_limit
def verify_code_view(request, code: str):
    if getattr(request, "limited", False):
        return too_many_requests(request)
    normalised = normalise_code(code)
    certificate = selectors.certificate_by_code(raw_code=code) if normalised else None
    context = {
        "form": VerifyForm(initial={"code": format_code(normalised) if normalised else code}),
        "code": format_code(normalised) if normalised else code,
        "certificate": certificate,
        "searched": True,
        "other_ways": extensions.verification_links(),
    }
    if certificate is None:
        return render(request, "certificates/verify.html", context, status=404)
    context.update(
        status=certificate.status_on(timezone.localdate()),
        issuer=SiteSettings.for_request(request).organisation_name,
    )
    return render(request, "certificates/verify.html", context)
