"""The demo's elected representatives: Ekbacka's council (41 members and 20 substitutes), the
executive committee, three committees and the board of Ekbacka Bostäder AB, each with its term
after the 2022 election (the council's ended on 14 October 2026) and after the 2026 election, the
same people re-elected for the demo. The seats go to the demo's politicians, a few employees (who
are elected too) and new demo politicians without employment. Idempotent: nothing is added once the
council exists. The introduction course is required of them by the requirements demo."""

from lms.organisation import services as organisation_services
from lms.organisation.models import Audience, OrgUnit, Person

from . import services
from .models import Assignment, AssignmentRole, Body, BodyKind, Term

R = AssignmentRole
# (code, name, kind, governed unit, members, substitutes)
BODIES = [
    ("KF", "Kommunfullmäktige", BodyKind.COUNCIL, "EK", 41, 20),
    ("KS", "Kommunstyrelsen", BodyKind.EXECUTIVE, "KLF", 11, 5),
    ("BUN", "Barn- och utbildningsnämnden", BodyKind.COMMITTEE, "BUF", 9, 4),
    ("SN", "Socialnämnden", BodyKind.COMMITTEE, "SOF", 9, 4),
    ("BMN", "Bygg- och miljönämnden", BodyKind.COMMITTEE, "SBF", 9, 4),
    ("EBO-S", "Styrelsen för Ekbacka Bostäder AB", BodyKind.COMPANY_BOARD, "EBO", 5, 2),
]
EMPLOYEES_ELECTED = 6  # staff who also hold an assignment (substitutes in the council, a committee seat)
FIRST = [
    "Agnes",
    "Bertil",
    "Cecilia",
    "David",
    "Ebba",
    "Fredrik",
    "Greta",
    "Hassan",
    "Ingrid",
    "Jakob",
    "Karin",
    "Lars",
    "Malin",
    "Nadia",
    "Otto",
    "Petra",
    "Reza",
    "Sara",
    "Tomas",
    "Ulla",
    "Viktor",
    "Åsa",
    "Zainab",
]
LAST = [
    "Bergström",
    "Dahl",
    "Ekström",
    "Forsberg",
    "Holm",
    "Isaksson",
    "Jakobsson",
    "Lindholm",
    "Mattsson",
    "Nordin",
    "Sandberg",
    "Wallin",
    "Åberg",
]


def load(stdout=None) -> dict:
    if Body.objects.filter(code="KF").exists():
        return {"bodies": Body.objects.count(), "assignments": Assignment.objects.count()}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[b[3] for b in BODIES] + ["KF"])}
    bodies = {}
    for code, name, kind, unit_code, _m, _s in BODIES:
        bodies[code] = services.body_save(body=Body(code=code, name=name, kind=kind, org_unit=units[unit_code]))
    # The council elected in 2022 sat until 14 October 2026; the committees it chose, until the end of 2026.
    services.terms_create_for_election(election_year=2022, bodies=list(bodies.values()))
    services.terms_create_for_election(election_year=2026, bodies=list(bodies.values()))

    council_people = _council_people(units["KF"])
    members, substitutes = council_people[:41], council_people[41:]
    plan: list[Assignment] = []
    for code, _name, _kind, _unit, n_members, n_substitutes in BODIES:
        # The executive committee and the committees are drawn from the council's members and
        # substitutes, each body from its own stretch of the list; the board from the substitutes.
        offset = {"KF": 0, "KS": 0, "BUN": 11, "SN": 20, "BMN": 29, "EBO-S": 45}[code]
        pool = council_people if code != "KF" else members
        seated = [pool[(offset + i) % len(pool)] for i in range(n_members)]
        subs = (
            substitutes if code == "KF" else [pool[(offset + n_members + i) % len(pool)] for i in range(n_substitutes)]
        )
        for term in Term.objects.filter(body=bodies[code]):
            for i, person in enumerate(seated):
                role = {0: R.CHAIR, 1: R.FIRST_VICE_CHAIR, 2: R.SECOND_VICE_CHAIR}.get(i, R.MEMBER)
                plan.append(Assignment(person=person, term=term, role=role))
            plan.extend(Assignment(person=person, term=term, role=R.SUBSTITUTE) for person in subs[:n_substitutes])
    created = services.assignments_create_many(assignments=plan)
    return {"bodies": len(bodies), "assignments": len(created), "people": len(council_people)}


def _council_people(unit: OrgUnit) -> list[Person]:
    """61 people: the demo's politicians, a few employees, and new politicians without employment."""
    politicians = list(Person.objects.filter(audience=Audience.POLITICIAN, is_active=True).order_by("pk"))
    employees = list(Person.objects.filter(audience=Audience.STAFF, is_active=True).order_by("-pk")[:EMPLOYEES_ELECTED])
    people = politicians[:35] + employees
    n = 0
    while len(people) < 61:
        first, last = FIRST[n % len(FIRST)], LAST[(n * 5) % len(LAST)]
        username = f"fv.{first}.{last}.{n}".lower()
        person = Person.objects.filter(user__username=username).first() or organisation_services.person_create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@ekbacka.example",
            org_unit=unit,
            audience=Audience.POLITICIAN,
        )
        people.insert(len(politicians[:35]) + n, person)  # the employees last: substitutes
        n += 1
    return people
