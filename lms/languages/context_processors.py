from django.conf import settings

from .content import content_languages


def languages(request):
    """The interface's languages (the header's switch) and the content languages (the course switch)."""
    return {"interface_languages": settings.LMS_INTERFACE_LANGUAGES, "content_languages": content_languages()}
