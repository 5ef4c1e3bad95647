"""The badge keys are read at start-up (``manage.py check``, every deploy): a malformed entry fails there, by
its position and kid, not on the first download."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def badge_keys_readable(app_configs=None, **kwargs):
    from .keys import published_keys

    try:
        published_keys()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="badges.E001")]
    return []
