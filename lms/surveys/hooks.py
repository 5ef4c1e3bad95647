"""What this app adds to the apps below it, through their registries (they never import it):
the course evaluation offered after completion (courses.offers) and published results on
/resultat/ (reports.public_sections). Imported from SurveysConfig.ready()."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.courses.offers import Offer, register_completion_offers, register_waiting
from lms.reports.public_sections import register_public_section

from . import selectors
from .results import MIN_GROUP, headline_results


def evaluation_offers(*, person, course_ids) -> dict[int, list[Offer]]:
    return {
        course_id: [Offer(text=_("What did you think of the course? Answer the evaluation"), url=s.url) for s in found]
        for course_id, found in selectors.evaluation_offers(person=person, course_ids=course_ids).items()
    }


def surveys_waiting(*, person) -> list[Offer]:
    """The open attitude surveys ``person`` may answer and has not (one query)."""
    return [
        Offer(text=_("Answer the survey: %(title)s") % {"title": survey.title}, url=survey.url)
        for survey in selectors.surveys_for(person=person)
    ]


def published_results(request) -> dict | None:
    """The headline results of closed surveys an editor chose to publish; None if there are none."""
    surveys = (
        selectors.surveys_in_source_language().live().filter(publish_results=True, closes_on__lt=timezone.localdate())
    )
    results = [
        found for found in (headline_results(survey=s) for s in surveys.order_by("-closes_on", "title")) if found
    ]
    return {"results": results, "min_group": MIN_GROUP} if results else None


register_completion_offers("surveys", evaluation_offers)
register_waiting("surveys", surveys_waiting)
register_public_section(
    key="surveys", order=100, template="surveys/public_results_section.html", context=published_results
)
