from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.organisation.selectors import person_for_user

from . import services
from .content import language
from .forms import ContentLanguageForm


@require_POST
def choose_language_view(request):
    """The language switch on course pages (a POST: it changes what is remembered). Anyone may choose for
    themselves: signed in, on their profile; signed out, for the session. Back to where they were."""
    form = ContentLanguageForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=set()):  # a path on this site only
        target = "/"
    if not form.is_valid():
        messages.error(request, _("That language is not offered."))
        return HttpResponseRedirect(target)
    code = form.cleaned_data["language"]
    services.choose_language(request=request, person=person_for_user(request.user), code=code)
    messages.success(
        request, _("Courses are now shown in %(language)s where translated.") % {"language": language(code).name}
    )
    return HttpResponseRedirect(target)
