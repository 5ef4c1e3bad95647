"""Started means a lesson done or a quiz attempt begun (``EnrolmentState``). Until now a quiz
attempt that did not pass left ``started_at`` empty; fill it from the first lesson done, or else the
completion. The attempts are the quizzes app's, which sits above this one: its migration 0003 moves
``started_at`` back to the first attempt begun where that came earlier (this migration read them
itself until the layer test read migrations too; applied databases had both steps here)."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_started_at(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    LessonProgress = apps.get_model("courses", "LessonProgress")
    first_lesson = Subquery(
        LessonProgress.objects.filter(enrolment_id=OuterRef("pk"))
        .order_by()
        .values("enrolment_id")
        .annotate(first=Min("completed_at"))
        .values("first")[:1]
    )
    # A completion without a lesson (a seminar attended) started when it was completed, as the services say.
    Enrolment.objects.filter(started_at__isnull=True).update(started_at=Coalesce(first_lesson, "completed_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill_started_at, migrations.RunPython.noop, elidable=True)]
