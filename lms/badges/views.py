"""The badge download (the person, or whoever the access rule lets see the certificate), the public
verification page, and what verifiers fetch: the issuer's profile, its keys and each credential's status."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from lms.certificates.selectors import certificate_by_code
from lms.certificates.views import too_many_requests, verify_limit
from lms.core.addresses import absolute_url

from . import credentials, keys, verification
from .forms import VerifyBadgeForm
from .sources import source_by_key, source_of


@login_required
def badge_download_view(request, kind: str, pk: int):
    source = source_by_key(kind)
    if source is None:
        raise Http404
    row = get_object_or_404(source.model.objects.select_related("person"), pk=pk)
    # Not 403: to a stranger a certificate they may not see does not exist. A revoked one has no badge.
    if not source.may_view(request.user, row) or row.revoked_at is not None or row.person.erased_at is not None:
        raise Http404
    response = HttpResponse(credentials.badge_for(source, row), content_type=credentials.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="open-badge-{row.display_code}.jwt"'
    response["Cache-Control"] = "private, no-store"
    return response


@verify_limit
def verify_view(request):
    if getattr(request, "limited", False):
        return too_many_requests(request)
    form = VerifyBadgeForm(request.POST, request.FILES) if request.method == "POST" else VerifyBadgeForm()
    context = {
        "form": form,
        "jwks_url": absolute_url(reverse("badges:jwks")),
        "issuer_url": credentials.issuer_id(),
    }
    status = 200
    if request.method == "POST":
        if form.is_valid():
            context["verdict"] = verification.verify(form.cleaned_data["text"])
            form = VerifyBadgeForm()  # an empty form for the next one
            context["form"] = form
        else:
            status = 400
    return render(request, "badges/verify.html", context, status=status)


def public_json(data: dict) -> JsonResponse:
    """A document verifiers fetch from anywhere: readable cross-origin, cached briefly."""
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def issuer_view(request):
    return public_json({"@context": credentials.CONTEXT, **credentials.issuer_profile()})


def published_jwk(key: keys.BadgeKey) -> dict:
    return {**key.public_jwk(), "kid": credentials.key_url(key.kid)}  # the kid as the headers name it


@require_GET
def jwks_view(request):
    return public_json({"keys": [published_jwk(key) for key in keys.published_keys()]})


@require_GET
def key_view(request, kid: str):
    key = keys.key_by_kid(kid)
    if key is None:
        raise Http404
    return public_json(published_jwk(key))


@require_GET
def status_view(request, code: str):
    """The credential's revocation list (1EdTech Revocation List Status Method): one list per credential,
    naming it once revoked. Nothing else about the certificate: no reason, no date, no name."""
    row = certificate_by_code(raw_code=code)
    source = source_of(row) if row is not None else None
    if source is None:
        raise Http404
    revoked = [{"id": credentials.credential_id(source, row.code)}] if row.revoked_at is not None else []
    return public_json(
        {"id": credentials.status_url(row.code), "issuer": credentials.issuer_id(), "revokedCredentials": revoked}
    )
