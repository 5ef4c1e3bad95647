import datetime

import factory

from lms.records.models import PeriodUnit, RetentionDecision
from lms.records.registry import RetentionEvent


class RetentionDecisionFactory(factory.django.DjangoModelFactory):
    """A decision in force: keep two years after creation unless told otherwise."""

    class Meta:
        model = RetentionDecision

    reference = factory.Sequence(lambda n: f"KS 2026/{n} § 4")
    decided_on = datetime.date(2026, 3, 1)
    decided_by = "Kommunstyrelsen"
    record_type = "quiz_attempts"
    keep_permanently = False
    keep_for = 2
    keep_unit = PeriodUnit.YEARS
    counted_from = RetentionEvent.CREATED
    in_force = True

    class Params:
        permanent = factory.Trait(keep_permanently=True, keep_for=None, keep_unit="", counted_from="")
