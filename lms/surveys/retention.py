"""The surveys app's record type for the records-management plan: survey answers.
Registered from this app's AppConfig.ready(). The answers are anonymous (no person, the day only), so
erasure never touches them and only a decision counted from the day of answering can cover them; the
"has answered" rows are personal data and go with erasure (``privacy.py``), not with a decision."""

from django.utils.translation import gettext_lazy as _

from lms.records.registry import Disposal, RecordType, RetentionEvent, register_record_type

from .models import AnswerSet

SURVEY_ANSWERS = "survey_answers"


def _delete_answer_sets(rows) -> int:
    _total, per_model = rows.delete()
    return per_model.get(AnswerSet._meta.label, 0)


register_record_type(
    RecordType(
        key=SURVEY_ANSWERS,
        label=_("Survey answers"),
        description=_(
            "Each person's anonymous answers to a survey, kept by day, administration and audience. Deleted."
        ),
        disposal=Disposal.DELETE,
        rows=AnswerSet.objects.all,
        events={RetentionEvent.CREATED: "answered_on"},
        dispose=_delete_answer_sets,
        order=35,
    )
)
