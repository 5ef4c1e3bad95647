"""The signed-in person's own register extract ("Mina uppgifter"): a page and a JSON download."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from lms.access import privacy

from .admin_views import personal_data_json_response
from .selectors import person_for_user


def _own_extract(user) -> dict | None:
    person = person_for_user(user)
    return privacy.person_extract(person) if person is not None else None


@never_cache
@login_required
def my_data_view(request):
    extract = _own_extract(request.user)
    sections = privacy.display_sections(extract) if extract else []
    retention = extract["retention"] if extract else []
    return TemplateResponse(request, "organisation/my_data.html", {"sections": sections, "retention": retention})


@never_cache
@login_required
def my_data_json_view(request):
    extract = _own_extract(request.user) or {
        "generated_at": timezone.now().isoformat(),
        "sections": [],
        "user": {"username": request.user.get_username(), "email": request.user.email},
    }
    return personal_data_json_response(extract, filename="mina-uppgifter.json")
