"""Demo figures: a target for the democracy course, then the roll-up and the public snapshot,
so the reports, the dashboard panel and /resultat/ show something at once. Idempotent."""

from datetime import date

from django.utils import timezone

from lms.courses.demo import demo_course

from . import services
from .models import CourseTarget

DEMO_TARGET_COURSE = "demokratins-grundvarderingar"


def load(stdout=None) -> dict:
    made = 0
    course = demo_course(DEMO_TARGET_COURSE)
    if course is not None and not CourseTarget.objects.filter(course=course).exists():
        today = timezone.localdate()
        CourseTarget.objects.create(
            course=course,
            audience="",
            percent=90,
            by_date=date(today.year, 12, 31),
            note="Handlingsplanen: 90 % av alla i kommunkoncernen ska ha gått utbildningen före årets slut.",
        )
        made = 1
    rows = services.summary_refresh()
    public = services.public_snapshot_refresh()
    return {"targets_created": made, "summary_rows": rows, "public_figures": public}
