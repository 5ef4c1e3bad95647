"""Moving a model to another app with its rows (issue 28's split of organisation): the new app's migration
takes the model over in state only (``SeparateDatabaseAndState``) and renames its table; this renames its
content type, so the groups' permissions on the model (rows pointing at the content type) stay theirs."""

from django.db import migrations


def content_type_move(model: str, *, old_app: str, new_app: str) -> migrations.RunPython:
    """The RunPython that moves ``model``'s content type from ``old_app`` to ``new_app``, and back when
    migrated backwards. Nothing happens if the target already exists (a database made after the move)."""

    def move(old: str, new: str):
        def run(apps, schema_editor):
            ContentType = apps.get_model("contenttypes", "ContentType")
            if not ContentType.objects.filter(app_label=new, model=model).exists():
                ContentType.objects.filter(app_label=old, model=model).update(app_label=new)

        return run

    return migrations.RunPython(move(old_app, new_app), move(new_app, old_app))
