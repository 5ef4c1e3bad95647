"""Admin views beyond the viewsets: template preview, revocation, re-render batches."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.access.rule import policy_for, user_may, visible_rows

from . import rendering, selectors, services
from .forms import RevokeForm
from .models import Certificate, CertificateRenderBatch, CertificateTemplate

SAMPLE = rendering.CertificateData(
    name="Anna Lindqvist",
    course="Demokrati i vardagen",
    completed_on=date(2026, 3, 14),
    valid_until=date(2029, 3, 14),
    organisation="",
    code="7KQ4M2XD9RTFH3PA",
)


def template_preview_pdf_view(request, pk: int):
    if not user_may(request.user, CertificateTemplate, "change", "view"):
        raise PermissionDenied
    template = get_object_or_404(CertificateTemplate.objects.select_related("locale"), pk=pk)
    # In the template's own language (a translation's preview is in its language; the sample course is Swedish).
    data = rendering.CertificateData(
        **{**SAMPLE.__dict__, "organisation": services.organisation_name(), "language": template.language_code}
    )
    pdf = rendering.render_pdf(template=template, data=data)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{template.pk}.pdf"'
    return response


def certificate_revoke_view(request, pk: int):
    if not selectors.can_revoke_certificate(request.user):
        raise PermissionDenied
    certificate = selectors.certificate_in_scope_or_404(
        user=request.user, pk=pk, queryset=Certificate.objects.select_related("person__user", "course")
    )
    return revoke_page(request, certificate, done="wagtailsnippets_certificates_certificate:list")


def revoke_page(request, certificate, *, done: str):
    """The revocation form for a certificate of any kind the user may revoke and see (the caller checked):
    on a valid POST the certificates' service revokes it and the user is sent to ``done`` (a URL name)."""
    form = RevokeForm(request.POST or None)
    if certificate.revoked_at is None and request.method == "POST" and form.is_valid():
        services.issued_certificate_revoke(
            certificate=certificate, reason=form.cleaned_data["reason"], user=request.user
        )
        messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.display_code})
        return redirect(done)
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "header_title": _("Revoke certificate")},
    )


def render_batch_list_view(request):
    if not policy_for(CertificateRenderBatch).may_see_any(request.user):
        raise PermissionDenied
    batches = visible_rows(request.user, CertificateRenderBatch.objects.select_related("created_by"))[:50]
    return TemplateResponse(
        request, "certificates/admin/batches.html", {"batches": batches, "header_title": _("Re-render batches")}
    )


def render_batch_view(request, pk: int):
    batch = get_object_or_404(visible_rows(request.user, CertificateRenderBatch.objects.all()), pk=pk)
    return TemplateResponse(
        request, "certificates/admin/batch.html", {"batch": batch, "header_title": _("Re-render batch")}
    )
