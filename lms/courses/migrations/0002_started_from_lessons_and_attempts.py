"""Started means a lesson done or a quiz attempt begun (``EnrolmentState``). Until now a quiz
attempt that did not pass left ``started_at`` empty; fill it from the first lesson done or the
first attempt begun, whichever came first, for every enrolment that has one of them."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce, Least


def fill_started_at(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    LessonProgress = apps.get_model("courses", "LessonProgress")
    Attempt = apps.get_model("quizzes", "Attempt")

    def first(model, field):
        return Subquery(
            model.objects.filter(enrolment_id=OuterRef("pk"))
            .order_by()
            .values("enrolment_id")
            .annotate(first=Min(field))
            .values("first")[:1]
        )

    first_lesson, first_attempt = first(LessonProgress, "completed_at"), first(Attempt, "started_at")
    # Least() is NULL when either side is on some databases: compare only values that exist. A
    # completion without either (a seminar attended) started when it was completed, as the services say.
    Enrolment.objects.filter(started_at__isnull=True).update(
        started_at=Coalesce(
            Least(Coalesce(first_lesson, first_attempt), Coalesce(first_attempt, first_lesson)), "completed_at"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("quizzes", "0001_initial"),  # Attempt, which points at the enrolment
    ]

    operations = [migrations.RunPython(fill_started_at, migrations.RunPython.noop, elidable=True)]
