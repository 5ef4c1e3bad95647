"""Started means a lesson done or a quiz attempt begun (``EnrolmentState``): where the first attempt
begun came before the ``started_at`` courses' migration 0002 filled (from lessons or the completion),
or there is none, the attempt's start is when the enrolment started. A database where it is already
so (every one where 0002 read the attempts itself) is left as it is."""

from django.db import migrations
from django.db.models import F, Min, OuterRef, Q, Subquery


def fill_started_from_attempts(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    Attempt = apps.get_model("quizzes", "Attempt")
    first_attempt = Subquery(
        Attempt.objects.filter(enrolment_id=OuterRef("pk"))
        .order_by()
        .values("enrolment_id")
        .annotate(first=Min("started_at"))
        .values("first")[:1]
    )
    later = (
        Enrolment.objects.annotate(first_attempt=first_attempt)
        .filter(first_attempt__isnull=False)
        .filter(Q(started_at__isnull=True) | Q(started_at__gt=F("first_attempt")))
    )
    Enrolment.objects.filter(pk__in=list(later.values_list("pk", flat=True))).update(started_at=first_attempt)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_result_display_review_later"),
        ("courses", "0002_started_from_lessons_and_attempts"),
    ]

    operations = [migrations.RunPython(fill_started_from_attempts, migrations.RunPython.noop, elidable=True)]
