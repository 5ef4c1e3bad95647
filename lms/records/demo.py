"""Demo retention decisions from Ekbacka's records-management plan: quiz attempts kept two years
after the course cycle ends; certificates kept permanently. Every other record type has no decision,
so the admin's record-type page shows what that means. Idempotent."""

from datetime import date

from .models import PeriodUnit, RetentionDecision
from .registry import RetentionEvent

DEMO_DECISIONS = [
    {
        "record_type": "quiz_attempts",
        "reference": "KS 2026/142 § 7",
        "decided_on": date(2026, 2, 10),
        "decided_by": "Kommunstyrelsen",
        "keep_for": 2,
        "keep_unit": PeriodUnit.YEARS,
        "counted_from": RetentionEvent.CYCLE_ENDED,
        "notes": "Informationshanteringsplan 2026, processen Kompetensutveckling: kunskapstestens försök och svar.",
    },
    {
        "record_type": "certificates",
        "reference": "KS 2026/142 § 7",
        "decided_on": date(2026, 2, 10),
        "decided_by": "Kommunstyrelsen",
        "keep_permanently": True,
        "notes": "Informationshanteringsplan 2026: intyg om genomförd utbildning bevaras (gallras ej).",
    },
]


def load(stdout=None) -> dict:
    made = 0
    for fields in DEMO_DECISIONS:
        if RetentionDecision.objects.in_force().filter(record_type=fields["record_type"]).exists():
            continue
        decision = RetentionDecision(**fields)
        decision.full_clean()
        decision.save()
        made += 1
    return {"retention_decisions_created": made}
