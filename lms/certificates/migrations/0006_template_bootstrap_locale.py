"""Certificate templates made before they could be translated become the source-language originals: each
gets the source language's locale and a translation key of its own (Wagtail's BootstrapTranslatableModel,
with the locale made here if Wagtail's initial one is missing). The next migration then makes both
fields required."""

import uuid

from django.conf import settings
from django.db import migrations


def bootstrap(apps, schema_editor):
    template_model = apps.get_model("certificates", "CertificateTemplate")
    locale_model = apps.get_model("wagtailcore", "Locale")
    locale, _created = locale_model.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for template in template_model.objects.filter(translation_key__isnull=True):
        template.translation_key = uuid.uuid4()
        template.locale = locale
        template.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [("certificates", "0005_template_translatable_language")]

    operations = [migrations.RunPython(bootstrap, migrations.RunPython.noop)]
