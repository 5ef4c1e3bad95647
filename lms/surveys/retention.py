"""The surveys app's record types for the records-management plan: survey answers, and who answered.
Registered from this app's AppConfig.ready().

Both are disposed of per survey as a whole, never by the day of answering: the answers came out in
releases (``services.survey_release``), and deleting them day by day as each one's period ran out
would show anyone who watches the tables which answers came in which release, and shrink the shown
cells under five one answer at a time. So a survey's period counts from its closing release (the
last: ``survey_closed_at``), and until there is one (open, opened again, or closed but not yet
released) every one of its rows is kept. The "has answered" rows also go with erasure (``privacy.py``).
"""

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from lms.records.registry import Disposal, RecordType, RetentionEvent, delete_rows, register_record_type

from .models import AnswerSet, Participation, PendingAnswerSet, SurveyRelease

SURVEY_ANSWERS = "survey_answers"
SURVEY_PARTICIPATION = "survey_participation"


def survey_closed_at():
    """When the row's survey was last closed and released: its latest closing release made after the
    day it now closes. NULL while the survey is open, opened again (a later or no closing day), or
    closed but not yet released; so a survey's rows all share one moment and go, or stay, together."""
    closing = SurveyRelease.objects.filter(
        survey_id=OuterRef("survey_id"), closing=True, released_at__date__gt=OuterRef("survey__closes_on")
    ).order_by("-released_at")
    return Subquery(closing.values("released_at")[:1])


def _of_settled_surveys(queryset):
    # A survey with answers still waiting for a release is not done with, whatever its releases say.
    return queryset.filter(~Exists(PendingAnswerSet.objects.filter(survey_id=OuterRef("survey_id"))))


register_record_type(
    RecordType(
        key=SURVEY_ANSWERS,
        label=_("Survey answers"),
        description=_(
            "Each person's anonymous answers to a survey, kept by day, administration and audience. Deleted "
            "per survey, all of its answers at once, counted from the survey's closing."
        ),
        disposal=Disposal.DELETE,
        rows=lambda: _of_settled_surveys(AnswerSet.objects.all()),
        events={RetentionEvent.SURVEY_CLOSED: survey_closed_at},
        dispose=delete_rows,  # an answer set's answers go with it
        order=35,
    )
)
register_record_type(
    RecordType(
        key=SURVEY_PARTICIPATION,
        label=_("Who answered a survey"),
        description=_(
            "That a person has answered a survey (never what). Deleted per survey, counted from the survey's "
            "closing; a person's own go at their erasure."
        ),
        disposal=Disposal.DELETE,
        rows=lambda: _of_settled_surveys(Participation.objects.all()),
        events={RetentionEvent.SURVEY_CLOSED: survey_closed_at},
        dispose=delete_rows,
        order=36,
    )
)
