"""The public page at /resultat/: anonymous, from the daily snapshot, small groups suppressed."""

import re

import pytest
from django.utils import timezone

from lms.organisation.models import OrgUnitKind
from lms.reports import services
from lms.reports.models import PublicFigure
from lms.reports.tasks import snapshot_public_figures_task
from tests.factories import OrgUnitFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.reports.urls")]


@pytest.fixture
def bigger(world):
    """A second administration with seven people required on c1, four of them done."""
    from lms.courses.models import Enrolment

    G = OrgUnitFactory(name="Socialförvaltningen", kind=OrgUnitKind.ADMINISTRATION, parent=world["units"]["K"])
    for n in range(7):
        person = PersonFactory(org_unit=G)
        Enrolment.objects.create(
            person=person,
            course=world["courses"]["c1"],
            is_required=True,
            source="assigned",
            completed_at=timezone.now() if n < 4 else None,
        )
    world["units"]["G"] = G
    return world


def test_snapshot_suppresses_groups_under_five(bigger):
    snapshot_public_figures_task()
    figures = {(f.unit_name, f.course_title): f for f in PublicFigure.objects.all()}
    social = figures[("Socialförvaltningen", "Demokrati")]
    assert (social.required, social.completed, social.suppressed) == (7, 4, False)
    # Förvaltning has 6 on c1 but is the only other unit: shown. Its 2 on c2 are suppressed.
    assert figures[("Förvaltning", "Likabehandling")].suppressed
    assert figures[("Förvaltning", "Likabehandling")].required is None
    # Bolaget has one person on c1: suppressed; being the only suppressed unit for the course,
    # the next smallest (Förvaltning, 6) is suppressed too, so it cannot be worked out from the total.
    assert figures[("Bolaget", "Demokrati")].suppressed
    assert figures[("Förvaltning", "Demokrati")].suppressed
    total = figures[("Kommun", "Demokrati")]
    assert (total.required, total.completed, total.is_total) == (14, 7, True)


def test_public_page_shows_rates_hidden_cells_and_the_rule_without_sign_in(client, bigger):
    services.summary_refresh()
    services.public_snapshot_refresh()
    response = client.get("/resultat/")
    assert response.status_code == 200
    html = response.content.decode()
    assert ">dolt: färre än fem<" in html and "Siffrorna för grupper med färre än 5 personer visas inte" in html
    # Förvaltning's 6 on c1 would give Bolaget's one person by subtraction from the total.
    assert ">dolt: skulle röja en annan grupp<" in html
    assert "57\xa0%" in html  # 4 of 7 in Socialförvaltningen
    assert "Test" not in html  # no names, ever
    assert timezone.localdate().isoformat() in html
    assert "beräknas en gång per natt" in html
    # The band rule, in plain Swedish.
    assert "När nästan alla eller nästan ingen i en grupp har gått en kurs skriver vi inte exakt hur många." in html
    assert "”minst 90\xa0%” eller ”högst 10\xa0%”" in html
    assert "<caption id=" in html and 'scope="col"' in html


def test_the_headline_comes_first_and_each_cell_names_its_course(client, bigger):
    """Issue 34: on a phone the whole group's figures come first; each section folds; the table is one
    card per organisation, each cell labelled with its course (site.css stacks it under 40rem)."""
    services.summary_refresh()
    services.public_snapshot_refresh()
    html = client.get("/resultat/").content.decode()
    headline = html.split('data-testid="headline"', 1)[1].split("</section>", 1)[0]
    assert html.index('data-testid="headline"') < html.index("<table")
    total = next(f for f in PublicFigure.objects.filter(is_total=True) if not f.suppressed)
    assert total.course_title in headline and "I korthet" in headline
    # The chart: one SVG drawn on the server, its figures in words and as a table behind it.
    chart = headline.split("<svg", 1)[1].split("</svg>\n  <details", 1)[0]
    assert 'role="img"' in chart and 'aria-labelledby="headline-chart-title headline-chart-desc"' in chart
    assert '<title id="headline-chart-title">Genomfört i hela kommunkoncernen, per kurs</title>' in chart
    desc = chart.split('<desc id="headline-chart-desc">', 1)[1].split("</desc>", 1)[0]
    assert f"{total.course_title}: " in desc and "Samma siffror finns i tabellen under diagrammet." in desc
    behind = headline.split('<details class="chart-table">', 1)[1].split("</details>", 1)[0]
    assert f'<th scope="row">{total.course_title}</th>' in behind
    # One row per course, each title above its bar: the bars line up whatever the titles' lengths.
    tops = [int(y) for y in re.findall(r'<svg x="0" y="(\d+)" width="68%"', chart)]
    assert len(tops) == len(PublicFigure.objects.filter(is_total=True)) and tops == sorted(set(tops))
    assert html.count('<details class="results-section') >= 2  # the table and the rules fold
    assert 'class="data-table data-table--stack public-results"' in html
    assert f'<td data-label="{total.course_title}">' in html


def test_public_page_before_any_snapshot(client, db):
    response = client.get("/resultat/")
    assert response.status_code == 200
    assert "Inga siffror har publicerats ännu." in response.content.decode()


def test_the_command_publishes_at_once_what_the_nightly_task_would(client, bigger):
    """After an upgrade that dropped the old snapshot, `manage.py refresh_public_figures` fills /resultat/."""
    from io import StringIO

    from django.core.management import call_command

    assert not PublicFigure.objects.exists()
    out = StringIO()
    call_command("refresh_public_figures", stdout=out)
    stored = PublicFigure.objects.count()
    assert stored and f"{stored} cells" in out.getvalue()
    assert "Socialförvaltningen" in client.get("/resultat/").content.decode()
