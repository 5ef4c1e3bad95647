"""Writes: the learner's choice of content language, and the locales settings ask for."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .content import language
from .selectors import SESSION_KEY


def choose_language(*, request, person, code: str) -> None:
    """Remembers ``code`` as what this learner reads courses in: on their profile when signed in, else in
    the session. A language not configured is refused and nothing changes."""
    if language(code) is None:
        raise ValidationError(_("That language is not offered."), code="unknown_language")
    if person is not None:
        person.content_language = code
        person.save(update_fields=["content_language", "updated_at"])
    else:
        request.session[SESSION_KEY] = code
    request._lms_content_language = None  # chosen anew on the next read


def ensure_locales(*, using="default", **kwargs) -> None:
    """A Wagtail locale for every configured content language (post_migrate)."""
    from wagtail.models import Locale

    for code, _name in settings.LMS_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=code)


def ensure_translation_permission(*, using="default", **kwargs) -> None:
    """wagtail-localize's "submit translations" permission (post_migrate), which its own migration makes
    once: a database emptied and set up again (a test's flush) would lose it, and the roles with it."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    content_type, _created = ContentType.objects.using(using).get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    Permission.objects.using(using).get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
