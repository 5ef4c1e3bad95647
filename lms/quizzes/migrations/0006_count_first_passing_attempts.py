"""Every quiz counted the first passing attempt until the grading method came (0005 makes it every
quiz's method): flag that attempt of each enrolment, or, where none passed, the latest submitted one
(``grading.counted_of``). Two updates, whatever the number of attempts."""

from django.db import migrations
from django.db.models import Exists, Max, Min, OuterRef, Subquery


def count_first_passing_attempts(apps, schema_editor):
    Attempt = apps.get_model("quizzes", "Attempt")
    submitted = Attempt.objects.filter(status="submitted")
    same = {"enrolment_id": OuterRef("enrolment_id"), "quiz_id": OuterRef("quiz_id")}

    def number_of(qs, aggregate):
        return Subquery(qs.filter(**same).order_by().values("enrolment_id").annotate(n=aggregate("number")).values("n"))

    passed = submitted.filter(passed=True)
    first_pass = passed.filter(number=number_of(passed, Min))
    submitted.filter(pk__in=first_pass.values("pk")).update(counted=True)
    never_passed = submitted.exclude(Exists(passed.filter(**same)))
    latest = never_passed.filter(number=number_of(submitted, Max))
    submitted.filter(pk__in=latest.values("pk")).update(counted=True)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0005_grading_method_and_counted_attempt")]

    operations = [migrations.RunPython(count_first_passing_attempts, migrations.RunPython.noop, elidable=True)]
