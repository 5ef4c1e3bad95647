"""The demo's democracy plan: Ekbacka's action plan with ten commitments in the three groups, three
indicators (completion of the democracy course and attendance at seminars, measured; turnout per
voting district against 80 %, entered from the last two elections), the four focus areas, and most
units' choice for this year with two or three activities spread over it.

Idempotent: the plan is found by its decision reference, the rest by their natural keys. Who does
what follows from the unit's position in the list, so running it again changes nothing."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from lms.courses.demo import demo_course
from lms.languages.selectors import in_source_language
from lms.organisation.models import OrgUnit, OrgUnitKind, Person
from lms.surveys.models import SurveyPage

from . import measurements, services
from .models import (
    Activity,
    ActivityStatus,
    Commitment,
    CommitmentGroup,
    FocusArea,
    Indicator,
    IndicatorCombine,
    IndicatorValue,
    Plan,
    UnitYearPlan,
)

DECISION = "KF § 112"
G = CommitmentGroup
COMMITMENTS = [
    (
        1,
        G.INTERNAL,
        "Alla som arbetar i kommunkoncernen känner till fullmäktiges demokratimål och tar med dem i sitt arbete.",
    ),
    (2, G.INTERNAL, "Förtroendevalda och medarbetare får utbildning som höjer kunskapen i demokratifrågor."),
    (3, G.INTERNAL, "Likabehandlingspolicyn genomförs i alla verksamheter och följs upp varje år."),
    (4, G.EXTERNAL, "Dialog används som arbetssätt för att ta tillvara engagemanget hos invånare och olika grupper."),
    (5, G.EXTERNAL, "Riktade insatser görs för att fler förstagångsväljare ska rösta."),
    (6, G.EXTERNAL, "Valdistrikt där få röstar får särskilda insatser: inget distrikt ska ligga under 80 % år 2030."),
    (7, G.EXTERNAL, "Verksamheter som når ut till olika målgrupper får stöd med kunskap, material och planering."),
    (8, G.COMMUNICATIVE, "Demokrati som begrepp lyfts fram och synliggörs i kommunens kanaler och mötesplatser."),
    (9, G.COMMUNICATIVE, "Invånare får svar och kan enkelt lämna synpunkter och förslag."),
    (10, G.COMMUNICATIVE, "Resultaten – valdeltagande och upplevt inflytande – följs upp och redovisas öppet."),
]

AREAS = [
    ("Kommunikation", "Den dagliga kontakten med invånarna: webben, e-post, telefon, synpunkter och klagomål."),
    ("Medborgardialog", "Att fråga invånare och brukare om deras syn innan beslut fattas eller om servicen de får."),
    ("Aktivt medborgarskap", "Att visa invånare hur de kan göra sin röst hörd: förslag, initiativ och engagemang."),
    (
        "Demokratiska grundvärderingar",
        "Att öka kunskapen om de värden som demokratin vilar på, bland medarbetare och invånare.",
    ),
]

# Fictional turnout per voting district in the last two general elections (per cent).
DISTRICTS = {
    "Ekbacka centrum": ("86.1", "87.4"),
    "Ekbacka norra": ("79.2", "80.6"),
    "Ekbacka södra": ("71.8", "74.9"),
    "Björkängen": ("68.5", "72.3"),
    "Lindås": ("83.0", "84.2"),
    "Västerby": ("76.4", "78.8"),
}
ELECTIONS = (date(2018, 9, 9), date(2022, 9, 11))

ACTIVITY_IDEAS = {
    "Kommunikation": [
        ("Klarspråk i beslutsbrev", 8),
        ("Svarstider på synpunkter ses över", 9),
        ("Demokrativecka på intranätet", 8),
    ],
    "Medborgardialog": [
        ("Dialogmöte med föräldrar", 4),
        ("Brukarråd två gånger om året", 4),
        ("Ungdomsdialog inför budgeten", 5),
    ],
    "Aktivt medborgarskap": [
        ("Skolval och besök av förtroendevalda", 5),
        ("Informationskväll om medborgarförslag", 7),
        ("Valinformation på flera språk i Björkängen", 6),
    ],
    "Demokratiska grundvärderingar": [
        ("Arbetsplatsträff om demokratimålen", 1),
        ("Workshop om likabehandling", 3),
        ("Studiecirkel i kursen om grundvärderingar", 2),
    ],
}
UNITS_WITHOUT_CHOICE = 3  # the last few units, so the follow-up has units to remind


def load(stdout=None) -> dict:
    today = timezone.localdate()
    plan = _plan(today)
    commitments = {c.number: c for c in plan.commitments.all()}
    areas = _areas()
    indicators = _indicators(commitments)
    choices, activities = _unit_plans(today, areas, commitments)
    recorded = services.indicator_measurements_record(on=today)
    return {
        "plan": plan.pk,
        "indicators": indicators,
        "unit_choices": choices,
        "activities": activities,
        "measured": recorded,
    }


def _plan(today: date) -> Plan:
    plan = Plan.objects.filter(decision_reference=DECISION).first()
    if plan is None:
        plan = services.row_save(
            instance=Plan(
                name="Handlingsplan för demokratiutveckling",
                decision_reference=DECISION,
                decision_date=date(today.year - 1, 11, 20),
                start_year=today.year - 1,
                end_year=max(2030, today.year + 1),
            )
        )
    for number, group, text in COMMITMENTS:
        if not plan.commitments.filter(number=number).exists():
            services.row_save(instance=Commitment(plan=plan, number=number, group=group, text=text))
    return plan


def _areas() -> dict[str, FocusArea]:
    areas = {}
    for order, (name, description) in enumerate(AREAS):
        areas[name], _created = FocusArea.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": order}
        )
    return areas


def _indicators(commitments: dict[int, Commitment]) -> int:
    made = 0
    democracy = demo_course("demokratins-grundvarderingar")
    politicians = demo_course("introduktion-for-fortroendevalda")
    end = commitments[1].plan.end_year
    specs = [
        (
            commitments[1],
            "Andel som genomfört kursen om demokratins grundvärderingar",
            measurements.COURSE_COMPLETION,
            [democracy],
            "90",
            "%",
            "",
        ),
        (
            commitments[2],
            "Deltagare i seminarier om demokrati",
            measurements.EVENT_ATTENDANCE,
            [c for c in (democracy, politicians) if c],
            "40",
            "personer",
            "",
        ),
        (commitments[6], "Valdeltagande per valdistrikt", measurements.ENTERED, [], "80", "%", "Valmyndigheten"),
    ]
    # The demo attitude survey's latest measurement point (lms/surveys/demo.py).
    attitude = (
        in_source_language(SurveyPage.objects.filter(title__startswith="Demokrati och likabehandling i vardagen"))
        .order_by("-opens_on")
        .first()
    )
    if attitude is not None:
        specs.append(
            (
                commitments[1],
                "Andel som instämmer: alla bemöts på lika villkor",
                measurements.SURVEY_AGREEMENT,
                [],
                "80",
                "%",
                "",
            )
        )
    for commitment, name, kind, courses, target, unit_label, source in specs:
        if kind not in (measurements.ENTERED, measurements.SURVEY_AGREEMENT) and not all(courses):
            continue
        indicator = Indicator.objects.filter(commitment=commitment, name=name).first()
        if indicator is None:
            indicator = services.row_save(
                instance=Indicator(
                    commitment=commitment,
                    name=name,
                    kind=kind,
                    target_value=Decimal(target),
                    target_year=min(2030, end),
                    unit_label=unit_label,
                    combine=IndicatorCombine.LOWEST if kind == measurements.ENTERED else IndicatorCombine.AVERAGE,
                    source=source,
                    survey=attitude if kind == measurements.SURVEY_AGREEMENT else None,
                    question_key="equal-treatment" if kind == measurements.SURVEY_AGREEMENT else "",
                ),
            )
            indicator.courses.set(courses)
            made += 1
        if kind == measurements.ENTERED:
            for district, figures in DISTRICTS.items():
                for on, value in zip(ELECTIONS, figures, strict=True):
                    IndicatorValue.objects.get_or_create(
                        indicator=indicator,
                        part=district,
                        measured_on=on,
                        defaults={"value": Decimal(value), "source": "Valmyndigheten, slutligt valresultat"},
                    )
    return made


def _unit_plans(today: date, areas: dict[str, FocusArea], commitments: dict[int, Commitment]) -> tuple[int, int]:
    year = today.year
    units = list(OrgUnit.objects.exclude(kind=OrgUnitKind.MUNICIPALITY).order_by("path"))
    guides = {}
    for person in Person.objects.filter(is_active=True, org_unit__in=units).order_by("pk"):
        guides.setdefault(person.org_unit_id, person)
    area_list = list(areas.values())
    choices = activities = 0
    for position, unit in enumerate(units[: len(units) - UNITS_WITHOUT_CHOICE]):
        area = area_list[position % len(area_list)]
        unit_plan = UnitYearPlan.objects.filter(org_unit=unit, year=year).first()
        if unit_plan is None:
            unit_plan = services.row_save(
                instance=UnitYearPlan(org_unit=unit, year=year, focus_area=area, guide=guides.get(unit.pk))
            )
            choices += 1
        if unit_plan.activities.exists():
            continue
        ideas = ACTIVITY_IDEAS[unit_plan.focus_area.name]
        for index in range(2 + position % 2):
            title, commitment_number = ideas[(position + index) % len(ideas)]
            starts_on = date(year, 2 + index * 4 + position % 3, 5 + position % 20)
            ends_on = starts_on + timedelta(days=14 + position % 30)
            status, evaluation, participants = _progress(today, starts_on, ends_on, position + index)
            services.row_save(
                instance=Activity(
                    unit_plan=unit_plan,
                    title=title,
                    description=f"{unit.name}: {title.lower()}.",
                    focus_area=unit_plan.focus_area,
                    commitment=commitments[commitment_number],
                    starts_on=starts_on,
                    ends_on=min(ends_on, date(year, 12, 31)),
                    status=status,
                    evaluation=evaluation,
                    participants=participants,
                )
            )
            activities += 1
    return choices, activities


def _progress(today: date, starts_on: date, ends_on: date, seed: int) -> tuple[str, str, int | None]:
    """Done (with an evaluation) when it has ended, one in seven of them cancelled; ongoing when it has
    started; planned otherwise."""
    if ends_on < today:
        if seed % 7 == 3:
            return ActivityStatus.CANCELLED, "", None
        participants = 12 + seed * 7 % 40
        return ActivityStatus.DONE, f"Genomfört med {participants} deltagare. Uppföljning planeras.", participants
    if starts_on <= today:
        return ActivityStatus.ONGOING, "", None
    return ActivityStatus.PLANNED, "", None
