"""A fictional municipal group for the demo: Ekbacka kommun, its administrations,
committees, companies, departments and units, and about 60 people.

Idempotent: units are matched by code, people by username; running it again
changes nothing that is already right.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms.access.roles import EDITORS_GROUP, HR_GROUP, MODERATORS_GROUP, ensure_roles

from . import services
from .models import Audience, OrgUnit, OrgUnitKind, Person

DEMO_PASSWORD = "Demokrati2026!"

K = OrgUnitKind
# (code, name, kind, parent code)
UNITS = [
    ("EK", "Ekbacka kommun", K.MUNICIPALITY, None),
    ("KF", "Kommunfullmäktige", K.COMMITTEE, "EK"),
    ("KS", "Kommunstyrelsen", K.COMMITTEE, "EK"),
    ("BUN", "Barn- och utbildningsnämnden", K.COMMITTEE, "EK"),
    ("SN", "Socialnämnden", K.COMMITTEE, "EK"),
    ("BMN", "Bygg- och miljönämnden", K.COMMITTEE, "EK"),
    ("KLF", "Kommunledningsförvaltningen", K.ADMINISTRATION, "EK"),
    ("KLF-HR", "HR-avdelningen", K.DEPARTMENT, "KLF"),
    ("KLF-KANS", "Kansliavdelningen", K.DEPARTMENT, "KLF"),
    ("KLF-KOM", "Kommunikationsavdelningen", K.DEPARTMENT, "KLF"),
    ("BUF", "Barn- och utbildningsförvaltningen", K.ADMINISTRATION, "EK"),
    ("BUF-GR", "Grundskoleavdelningen", K.DEPARTMENT, "BUF"),
    ("BUF-GR-EKS", "Ekskolan", K.UNIT, "BUF-GR"),
    ("BUF-GR-BJS", "Björkskolan", K.UNIT, "BUF-GR"),
    ("BUF-FS", "Förskoleavdelningen", K.DEPARTMENT, "BUF"),
    ("BUF-FS-SOL", "Förskolan Solrosen", K.UNIT, "BUF-FS"),
    ("SOF", "Socialförvaltningen", K.ADMINISTRATION, "EK"),
    ("SOF-IFO", "Individ- och familjeomsorgen", K.DEPARTMENT, "SOF"),
    ("SOF-IFO-MOT", "Mottagningsenheten", K.UNIT, "SOF-IFO"),
    ("SOF-AO", "Äldreomsorgen", K.DEPARTMENT, "SOF"),
    ("SOF-AO-LIN", "Lindgårdens äldreboende", K.UNIT, "SOF-AO"),
    ("SOF-AO-HT", "Hemtjänst Norra", K.UNIT, "SOF-AO"),
    ("SBF", "Samhällsbyggnadsförvaltningen", K.ADMINISTRATION, "EK"),
    ("SBF-PLAN", "Plan- och byggavdelningen", K.DEPARTMENT, "SBF"),
    ("SBF-GATA", "Gata och park", K.DEPARTMENT, "SBF"),
    ("EBO", "Ekbacka Bostäder AB", K.COMPANY, "EK"),
    ("EBO-FV", "Förvaltning och uthyrning", K.DEPARTMENT, "EBO"),
    ("EEN", "Ekbacka Energi AB", K.COMPANY, "EK"),
    ("EEN-NAT", "Elnät och fjärrvärme", K.DEPARTMENT, "EEN"),
]

# The accounts listed in the README. (username, first, last, unit code, audience, groups, superuser)
DEMO_ACCOUNTS = [
    ("anna", "Anna", "Lindqvist", "BUF-GR-EKS", Audience.STAFF, [], False),
    ("chef", "Karin", "Berg", "BUF-GR-EKS", Audience.MANAGER, [], False),
    ("politiker", "Erik", "Sandberg", "KF", Audience.POLITICIAN, [], False),
    ("hr", "Maria", "Holm", "KLF-HR", Audience.STAFF, [HR_GROUP], False),
    ("redaktor", "Johan", "Ek", "KLF-KOM", Audience.STAFF, [EDITORS_GROUP, MODERATORS_GROUP], False),
    ("admin", "Sara", "Nyström", "KLF-KANS", Audience.STAFF, [], True),
]

FIRST_NAMES = [
    "Ahmed",
    "Amira",
    "Astrid",
    "Björn",
    "Camilla",
    "Daniel",
    "Elin",
    "Emil",
    "Fatima",
    "Gustav",
    "Hanna",
    "Ida",
    "Jonas",
    "Karl",
    "Leila",
    "Linnea",
    "Magnus",
    "Maja",
    "Mohammed",
    "Nils",
    "Olivia",
    "Oskar",
    "Per",
    "Rasmus",
    "Sofia",
    "Stina",
    "Tove",
    "Ulf",
    "Vera",
    "Yusuf",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Hassan",
    "Lundberg",
    "Axelsson",
    "Öberg",
]
# Units that get ordinary staff, and how many; each also gets one manager.
STAFFED_UNITS = {
    "KLF-HR": 3,
    "KLF-KANS": 3,
    "KLF-KOM": 2,
    "BUF-GR-EKS": 5,
    "BUF-GR-BJS": 4,
    "BUF-FS-SOL": 3,
    "SOF-IFO-MOT": 4,
    "SOF-AO-LIN": 4,
    "SOF-AO-HT": 3,
    "SBF-PLAN": 3,
    "SBF-GATA": 2,
    "EBO-FV": 3,
    "EEN-NAT": 3,
}
POLITICIAN_SEATS = {"KF": 4, "KS": 2, "BUN": 1, "SN": 1, "BMN": 1}


def load(stdout=None) -> dict:
    ensure_roles()
    units = _load_units()
    people = _load_people(units)
    return {"units": len(units), "people": people}


def _load_units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {u.code: u for u in OrgUnit.objects.all()}
    for code, name, kind, parent_code in UNITS:
        if code not in units:
            parent = units[parent_code] if parent_code else None
            units[code] = services.org_unit_create(name=name, code=code, kind=kind, parent=parent)
    return units


def _ensure_person(username, first, last, unit, audience, employee_number=None, manager=None, password=None):
    existing = Person.objects.filter(user__username=username).first()
    if existing:
        return existing
    return services.person_create(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@ekbacka.example",
        org_unit=unit,
        audience=audience,
        employee_number=employee_number,
        manager=manager,
        password=password,
    )


def _load_people(units: dict[str, OrgUnit]) -> int:
    User = get_user_model()
    accounts = {}
    for username, first, last, code, audience, groups, superuser in DEMO_ACCOUNTS:
        number = None if audience == Audience.POLITICIAN else f"D{len(accounts) + 1:04d}"
        person = _ensure_person(username, first, last, units[code], audience, number, password=DEMO_PASSWORD)
        accounts[username] = person
        user = person.user
        user.groups.add(*[Group.objects.get_or_create(name=g)[0] for g in groups])
        if superuser and not user.is_superuser:
            User.objects.filter(pk=user.pk).update(is_superuser=True, is_staff=True)

    # The demo learner's manager is the demo manager, so the manager's view has someone to show.
    if accounts["anna"].manager_id is None:
        services.person_update(person=accounts["anna"], manager=accounts["chef"])

    n = 0
    for code, count in STAFFED_UNITS.items():
        unit = units[code]
        manager = accounts["chef"] if code == "BUF-GR-EKS" else None
        if manager is None:
            first, last = _name(n)
            manager = _ensure_person(f"chef.{code.lower()}", first, last, unit, Audience.MANAGER, f"M{n:04d}")
            n += 1
        for _i in range(count):
            first, last = _name(n)
            _ensure_person(f"{first}.{last}.{n}".lower(), first, last, unit, Audience.STAFF, f"E{n:04d}", manager)
            n += 1
    for code, seats in POLITICIAN_SEATS.items():
        for _i in range(seats):
            first, last = _name(n)
            _ensure_person(f"fv.{first}.{last}.{n}".lower(), first, last, units[code], Audience.POLITICIAN)
            n += 1
    # A leaver: deactivated, never deleted, still in the history.
    leaver = Person.objects.filter(user__username__startswith="ulf.").first() or Person.objects.order_by("pk").last()
    services.person_deactivate(person=leaver)
    return Person.objects.count()


def _name(n: int) -> tuple[str, str]:
    return FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n * 7) % len(LAST_NAMES)]
