"""Demo surveys: an evaluation of each demo course, answered by most who completed it, and the attitude
survey "Demokrati och likabehandling i vardagen" at two measurement points (before the campaign, closed
and published on /resultat/; after, open now), each answered by about half the group. The demo
accounts (anna and the others in the README) have answered nothing, so they can try it.

Answers are written in bulk as the answering service stores them (models.py): "has answered", and
apart the answers waiting for release (the day, the administration or company, the audience); then
the release a worker makes each night puts them into the results, so the demo's figures are released
ones, with groups of fewer than five new left out as they would be. Idempotent: pages are found by slug."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from lms.courses.models import CoursePage, Enrolment
from lms.languages.selectors import in_source_language
from lms.organisation.demo import DEMO_ACCOUNTS
from lms.organisation.models import Person

from .blocks import DONT_KNOW
from .models import Participation, PendingAnswerSet, SurveyIndexPage, SurveyKind, SurveyPage, SurveySeries
from .selectors import reporting_unit_for
from .services import survey_release

SERIES = "Demokrati och likabehandling i vardagen"

ATTITUDE_QUESTIONS = [
    ("section", {"heading": "Demokratin i vardagen", "intro": "Hur du ser på ditt arbete och kommunens demokratimål."}),
    (
        "agreement",
        {
            "key": "goals-known",
            "text": "Jag känner till fullmäktiges mål för demokrati.",
            "help_text": "",
            "required": True,
        },
    ),
    (
        "agreement",
        {
            "key": "equal-treatment",
            "text": "Alla som kontaktar min arbetsplats bemöts på lika villkor.",
            "help_text": "",
            "required": True,
        },
    ),
    (
        "agreement",
        {
            "key": "speak-up-safe",
            "text": "Jag kan säga ifrån om något är fel utan att det får följder för mig.",
            "help_text": "",
            "required": False,
        },
    ),
    ("section", {"heading": "Likabehandling", "intro": ""}),
    (
        "single_choice",
        {
            "key": "witnessed",
            "text": "Har du under det senaste året sett någon behandlas sämre på grund av en diskrimineringsgrund?",
            "help_text": "",
            "required": False,
            "choices": [
                {"key": "no", "label": "Nej"},
                {"key": "once", "label": "Ja, någon gång"},
                {"key": "often", "label": "Ja, flera gånger"},
            ],
        },
    ),
    (
        "multiple_choice",
        {
            "key": "turn-to",
            "text": "Vart skulle du vända dig om du upplevde diskriminering?",
            "help_text": "Välj alla som stämmer.",
            "required": False,
            "choices": [
                {"key": "manager", "label": "Min chef"},
                {"key": "hr", "label": "HR"},
                {"key": "union", "label": "Facket"},
                {"key": "safety-rep", "label": "Skyddsombudet"},
                {"key": "dont-know", "label": "Vet inte"},
            ],
        },
    ),
    (
        "free_text",
        {
            "key": "improve",
            "text": "Vad skulle göra din arbetsplats mer inkluderande?",
            "help_text": "",
            "required": False,
        },
    ),
]

EVALUATION_QUESTIONS = [
    (
        "agreement",
        {"key": "relevant", "text": "Kursen var relevant för mitt arbete.", "help_text": "", "required": True},
    ),
    (
        "agreement",
        {"key": "will-use", "text": "Jag kommer att använda det jag lärt mig.", "help_text": "", "required": False},
    ),
    (
        "single_choice",
        {
            "key": "length",
            "text": "Hur lång var kursen?",
            "help_text": "",
            "required": False,
            "choices": [
                {"key": "short", "label": "För kort"},
                {"key": "right", "label": "Lagom"},
                {"key": "long", "label": "För lång"},
            ],
        },
    ),
    ("free_text", {"key": "better", "text": "Vad kan bli bättre?", "help_text": "", "required": False}),
]

FREE_TEXTS = [
    "Fler samtal i arbetsgruppen om hur vi bemöter medborgare.",
    "Tydligare rutiner för vart man vänder sig.",
    "Mer tid för kompetensutveckling.",
    "Att cheferna tar upp frågorna på arbetsplatsträffar.",
]


def load(stdout=None) -> dict:
    home = Site.objects.get(is_default_site=True).root_page
    index = SurveyIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=SurveyIndexPage(
                title="Enkäter", slug="enkater", intro="Enkäter du är ombedd att svara på. Alla svar är anonyma."
            )
        )
        index.save_revision().publish()
    today = timezone.localdate()
    rng = random.Random(15)
    excluded = {username for username, *_rest in DEMO_ACCOUNTS}
    people = list(
        Person.objects.filter(is_active=True)
        .exclude(user__username__in=excluded)
        .select_related("org_unit")
        .order_by("pk")
    )
    units = {p.org_unit_id: reporting_unit_for(p.org_unit) for p in people}
    made = answered = 0

    for course in in_source_language(CoursePage.objects.live()).order_by("pk"):
        slug = f"utvardering-{course.slug}"[:255]
        if SurveyPage.objects.filter(slug=slug).exists():
            continue
        survey = _publish(
            index,
            SurveyPage(
                title=f"Vad tyckte du om kursen {course.title}?",
                slug=slug,
                kind=SurveyKind.COURSE_EVALUATION,
                course=course,
                opens_on=today - timedelta(days=365),
                intro="Dina svar hjälper oss att göra kursen bättre. De är anonyma.",
                questions=EVALUATION_QUESTIONS,
            ),
        )
        made += 1
        completed = set(
            Enrolment.objects.filter(course=course, completed_at__isnull=False).values_list("person_id", flat=True)
        )
        respondents = [p for p in people if p.pk in completed and rng.random() < 0.7]
        answered += _answer(survey, respondents, units, rng, today, lift=0.6)

    series, _created = SurveySeries.objects.get_or_create(
        name=SERIES, defaults={"description": "Före och efter utbildningskampanjen om demokrati och likabehandling."}
    )
    points = [
        (
            "demokrati-och-likabehandling-fore",
            "Före kampanjen",
            today - timedelta(days=120),
            today - timedelta(days=90),
            0.0,
            True,
        ),
        (
            "demokrati-och-likabehandling-efter",
            "Efter kampanjen",
            today - timedelta(days=10),
            today + timedelta(days=30),
            0.8,
            False,
        ),
    ]
    for slug, point, opens_on, closes_on, lift, publish in points:
        if SurveyPage.objects.filter(slug=slug).exists():
            continue
        survey = _publish(
            index,
            SurveyPage(
                title=f"{SERIES} – {point.lower()}",
                slug=slug,
                kind=SurveyKind.ATTITUDE,
                series=series,
                measurement_point=point,
                opens_on=opens_on,
                closes_on=closes_on,
                publish_results=publish,
                intro="Hur ser du på demokrati och likabehandling i ditt arbete? Svaren är anonyma och visas bara för grupper på minst fem.",
                questions=ATTITUDE_QUESTIONS,
            ),
        )
        made += 1
        respondents = [p for p in people if rng.random() < 0.5]
        answered += _answer(survey, respondents, units, rng, min(closes_on, today), lift=lift, first_day=opens_on)
    return {"surveys_created": made, "answers": answered}


def _publish(index: SurveyIndexPage, survey: SurveyPage) -> SurveyPage:
    index.add_child(instance=survey)
    survey.save_revision().publish()
    return survey


def _agreement(rng: random.Random, lift: float) -> str:
    if rng.random() < 0.06:
        return DONT_KNOW
    return str(max(1, min(5, round(rng.gauss(3.0 + lift, 1.0)))))


def _answer(survey: SurveyPage, people, units, rng: random.Random, last_day, *, lift: float, first_day=None) -> int:
    """Bulk-write what ``services.survey_answer`` would have (a Participation per person and, apart,
    their answers waiting for release), then release them as the nightly task would."""
    first_day = first_day or last_day - timedelta(days=60)
    span = max(0, (last_day - first_day).days)
    questions = survey.question_blocks()
    with transaction.atomic():
        Participation.objects.bulk_create([Participation(survey=survey, person=p) for p in people])
        waiting = []
        for person in people:
            kept = {"survey": survey, "reporting_unit": units.get(person.org_unit_id), "audience": person.audience}
            day = first_day + timedelta(days=rng.randint(0, span))
            waiting.append(PendingAnswerSet(answered_on=day, answers=_answers(questions, rng, lift), **kept))
        PendingAnswerSet.objects.bulk_create(waiting)
    survey_release(survey_id=survey.pk)
    return len(waiting)


def _answers(questions, rng: random.Random, lift: float) -> list[list[str]]:
    rows = []
    for question in questions:
        kind, key = question["kind"], question["key"]
        if kind == "agreement":
            rows.append([key, _agreement(rng, lift), ""])
        elif kind == "single_choice":
            weights = [0.5 + lift, 0.35, 0.15] if key == "witnessed" else [0.2, 0.6, 0.2]
            rows.append([key, rng.choices([c for c, _l in question["choices"]], weights=weights)[0], ""])
        elif kind == "multiple_choice":
            for choice, _label in question["choices"]:
                if rng.random() < (0.5 if choice != "dont-know" else 0.1):
                    rows.append([key, choice, ""])
        elif rng.random() < 0.2:
            rows.append([key, "", rng.choice(FREE_TEXTS)])
    return rows
