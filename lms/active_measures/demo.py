"""The demo's annexes: Ekbacka kommun's and Ekbacka Bostäder AB's for last year, asked for by HR (``hr``)
and made on commit, after the nightly assignment has settled the demo (they report on it, so ``load`` comes
after ``requirements.demo.settle``). Last year's workshops on equal treatment in a few units, serving the
plan's commitment on the equal-treatment policy, give the annexes activities to report.

The law asks the annex of employers with 25 or more employees: ``staff`` (before the settling, so the
nightly assignment requires their courses of them) gives the housing company its caretakers and tenancy
staff from the HR file, people without a sign-in of their own.

Idempotent: people are found by username, activities by unit, year and title, annexes by employer and year."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from lms.courses.models import CoursePage
from lms.languages.selectors import in_source_language
from lms.organisation import services as organisation_services
from lms.organisation.demo import _name
from lms.organisation.models import OrgUnit, Person
from lms.plans import services as plan_services
from lms.plans.models import Activity, ActivityStatus, Commitment, FocusArea, UnitYearPlan
from lms.surveys.models import SurveyKind, SurveyPage

from . import services
from .models import Annex

EMPLOYERS = ("EK", "EBO")
COURSES = ("likabehandling-och-diskrimineringsgrunderna",)
EQUAL_TREATMENT_COMMITMENT = 3  # "Likabehandlingspolicyn genomförs i alla verksamheter …" (plans/demo.py)
WORKSHOP = "Workshop om likabehandling"
WORKSHOP_UNITS = [("BUF-GR-EKS", 14), ("SOF-AO-LIN", 22), ("SBF-GATA", 9), ("EBO-FV", 11)]
TEXTS = {
    "introduction": (
        "Utbildning är ett av de områden där {employer} arbetar med aktiva åtgärder mot diskriminering. "
        "Här redovisas vilka utbildningar om likabehandling och diskrimineringsgrunderna som erbjöds och var "
        "obligatoriska, hur många som har genomfört dem per enhet, attitydenkäternas resultat och "
        "verksamheternas aktiviteter under {year}."
    ),
    "analysis": (
        "Utbildningen når flest där den har tagits gemensamt på arbetsplatsträffar. Enheter där många saknar "
        "egen dator ligger lägre när kursen bara går att ta enskilt."
    ),
    "measures": (
        "Fler chefer leder kursen som gruppträff på arbetsplatsträffen. HR följer upp räckvidden per enhet "
        "varje kvartal och stöttar de enheter som ligger under 80 procent."
    ),
}


COMPANY_UNIT, COMPANY_STAFF = "EBO-FV", 24


def staff(stdout=None) -> dict:
    unit = OrgUnit.objects.filter(code=COMPANY_UNIT).first()
    if unit is None:
        return {"company_staff": 0}
    made = 0
    for n in range(1, COMPANY_STAFF + 1):
        username = f"ebo.{n}"
        if Person.objects.filter(user__username=username).exists():
            continue
        first, last = _name(500 + n)
        organisation_services.person_create(
            username=username, first_name=first, last_name=last, org_unit=unit, employee_number=f"B{n:04d}"
        )
        made += 1
    return {"company_staff": made}


def load(stdout=None) -> dict:
    year = timezone.localdate().year - 1
    hr = get_user_model().objects.filter(username="hr").first()
    commitment = (
        Commitment.objects.filter(
            number=EQUAL_TREATMENT_COMMITMENT, plan__start_year__lte=year, plan__end_year__gte=year
        )
        .order_by("plan__start_year")
        .first()
    )
    workshops = _workshops(year, commitment) if commitment else 0
    courses = list(in_source_language(CoursePage.objects.filter(slug__in=COURSES)))
    # Attitude surveys open during the year: the demo's are this year's, so last year's annex has none.
    surveys = list(
        in_source_language(SurveyPage.objects.filter(kind=SurveyKind.ATTITUDE)).filter(
            opens_on__year__lte=year, closes_on__year__gte=year
        )
    )
    made = 0
    for code in EMPLOYERS:
        employer = OrgUnit.objects.filter(code=code).first()
        if employer is None or Annex.objects.filter(employer=employer, year=year).exists():
            continue
        annex = Annex(
            employer=employer, year=year, **{k: v.format(employer=employer.name, year=year) for k, v in TEXTS.items()}
        )

        def choices(annex=annex):
            annex.courses.set(courses)
            annex.surveys.set(surveys)
            annex.commitments.set([commitment] if commitment else [])

        services.annex_request(annex=annex, by=hr, then=choices)
        made += 1
    return {"annexes": made, "workshops": workshops}


def _workshops(year: int, commitment: Commitment) -> int:
    area = FocusArea.objects.filter(name="Demokratiska grundvärderingar").first() or FocusArea.objects.first()
    if area is None:
        return 0
    made = 0
    for index, (code, participants) in enumerate(WORKSHOP_UNITS):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            continue
        unit_plan = UnitYearPlan.objects.filter(org_unit=unit, year=year).first() or plan_services.row_save(
            instance=UnitYearPlan(org_unit=unit, year=year, focus_area=area)
        )
        if Activity.objects.filter(unit_plan=unit_plan, title=WORKSHOP).exists():
            continue
        starts_on = date(year, 3 + index * 2, 10)
        plan_services.row_save(
            instance=Activity(
                unit_plan=unit_plan,
                title=WORKSHOP,
                description="Diskrimineringsgrunderna och vad likabehandling betyder i vårt arbete.",
                focus_area=unit_plan.focus_area,
                commitment=commitment,
                starts_on=starts_on,
                ends_on=starts_on,
                status=ActivityStatus.DONE,
                evaluation="Genomförd på arbetsplatsträffen med diskussion i smågrupper.",
                participants=participants,
            )
        )
        made += 1
    return made
