"""The statement page: every item DIGG makes mandatory, in the order of DIGG's model statement,
and a link to it in the footer of every page of the site."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from lms.accessibility.content import INACCESSIBLE_CONTENT, OUT_OF_SCOPE
from lms.accessibility.models import (
    DIGG_COMPLAINT_URL,
    STATEMENT_ORDER,
    AccessibilityStatementPage,
    AssessmentMethod,
    Compliance,
)
from lms.accessibility.selectors import statement_for_request
from lms.core.models import SiteSettings
from tests.courses.factories import make_course
from tests.factories import PersonFactory

from .conftest import soup

pytestmark = pytest.mark.django_db

# (section id, what must be in it): DIGG's mandatory items, in the order of its model statement.
LAW = "lagen (2018:1937) om tillgänglighet till digital offentlig service"


def _position(text: str, needle: str, after: int) -> int:
    found = text.find(needle, after)
    assert found >= 0, f"{needle!r} not found after position {after}"
    return found


def test_the_statement_has_every_mandatory_item_in_digg_order(client, statement):
    settings = SiteSettings.for_site(statement.get_site())
    settings.organisation_name = "Ekbacka kommun"
    settings.site_name = "Demokrati och likabehandling"
    settings.save()
    response = client.get(statement.url)
    assert response.status_code == 200
    html = soup(response)
    article = html.select_one("article.accessibility-statement")

    # The sections, in the prescribed order and none missing.
    ids = [section["id"] for section in article.select("section[id]")]
    assert ids == STATEMENT_ORDER

    section = {sid: " ".join(article.select_one(f"section#{sid}").get_text(" ").split()) for sid in STATEMENT_ORDER}
    # Public body and service, from the site settings when the page leaves them empty.
    assert section["public-body-and-service"].startswith("Ekbacka kommun står bakom Demokrati och likabehandling.")
    # The feedback route: the e-mail address and the form, which works without JavaScript (a plain POST form).
    route = article.select_one("section#feedback-route")
    assert route.select_one('a[href="mailto:tillganglighet@example.se"]')
    assert route.select_one('a[href="#feedback-form"]')
    form = article.select_one("section#feedback-form form")
    assert form["method"] == "post" and form["action"] == f"{statement.url}#feedback-form"
    assert form.select_one("input[name=csrfmiddlewaretoken]") and form.select_one("textarea[name=message]")
    # DIGG's complaint service.
    complaint = article.select_one("section#supervision a")
    assert complaint["href"] == DIGG_COMPLAINT_URL == "https://www.digg.se/tdosanmalan"
    assert complaint.get_text() == "Anmäl bristande tillgänglighet till Digg"
    # The compliance level in the prescribed words.
    assert f"Den här webbplatsen är delvis förenlig med {LAW}" in section["compliance"]
    # Inaccessible content with criteria and plan, the exemptions, what the law does not cover.
    text = section["inaccessible-content"]
    after = 0
    for _kind, item in INACCESSIBLE_CONTENT:
        after = _position(text, item["description"][:60], after)
        after = _position(text, f"Framgångskriterier i WCAG: {item['criteria'][:40]}", after)
    assert "Vi har inte undantagit något innehåll" in section["disproportionate-burden"]
    assert OUT_OF_SCOPE[0][1]["description"][:60] in section["out-of-scope"]
    # The method, the date of assessment and of the last update.
    method = section["method-and-dates"]
    after = _position(method, "Vi har gjort en självskattning (intern testning) av Demokrati och likabehandling.", 0)
    after = _position(method, "Den senaste bedömningen gjordes den", after)
    _position(method, "Redogörelsen uppdaterades senast den", after)
    times = [t["datetime"] for t in article.select("section#method-and-dates time")]
    assert times == [statement.assessed_on.isoformat(), statement.updated_on.isoformat()]

    # The headings say the same in order, as a screen reader's list of headings would.
    headings = [h.get_text(strip=True) for h in article.select("h1, h2, h3")]
    assert headings == [
        "Tillgänglighetsredogörelse",
        "Om du inte kan använda delar av webbplatsen",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Bristande förenlighet med lagkraven",
        "Oskäligt betungande anpassning",
        "Innehåll som inte omfattas av lagkraven",
        "Hur vi testat webbplatsen",
    ]


def test_the_page_names_the_level_and_method_the_editors_chose(client, statement):
    statement.public_body_name = "Ekbacka Vatten AB"
    statement.compliance = Compliance.NONE
    statement.method = AssessmentMethod.EXTERNAL
    statement.auditor = "Granskningsbyrån"
    statement.save_revision().publish()
    text = " ".join(soup(client.get(statement.url)).get_text(" ").split())
    assert "Ekbacka Vatten AB står bakom" in text
    assert f"Den här webbplatsen är inte förenlig med {LAW}" in text
    assert "Granskningsbyrån har granskat" in text


def test_english_interface_has_english_frame(client, statement):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = " ".join(soup(client.get(statement.url)).get_text(" ").split())
    assert "This website is partially compliant with the Act (2018:1937)" in text
    assert "Report inaccessibility to Digg" in text


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"method": AssessmentMethod.EXTERNAL, "auditor": " "}, "auditor"),
        ({"compliance": Compliance.FULL}, "compliance"),  # the platform's text lists inaccessible content
        ({"assessed_on": "2026-12-01", "updated_on": "2026-11-30"}, "updated_on"),
    ],
)
def test_an_untrue_statement_cannot_be_saved(statement, changes, field):
    import datetime

    for name, value in changes.items():
        setattr(statement, name, datetime.date.fromisoformat(value) if name.endswith("_on") else value)
    with pytest.raises(ValidationError) as raised:
        statement.full_clean()
    assert field in raised.value.message_dict


def test_one_statement_per_site_under_the_home_page(statement, home_page):
    assert not AccessibilityStatementPage.can_create_at(home_page)  # max_count = 1
    assert AccessibilityStatementPage.allowed_parent_page_models() == [type(home_page)]
    assert AccessibilityStatementPage.allowed_subpage_models() == []


def _footer_statement_links(response, statement) -> list[str]:
    return [a["href"] for a in soup(response).select("footer nav a") if a.get_text(strip=True) == statement.title]


def test_every_page_links_to_the_statement_in_its_footer(client, statement):
    """Not through "show in menus": a page that is not in any menu is linked all the same."""
    assert not statement.show_in_menus
    course, lessons = make_course(lessons=1)
    person = PersonFactory()
    public = ["/", "/kurser/", course.url, "/konto/logga-in/", "/resultat/", "/intyg/verifiera/", statement.url]
    signed_in = ["/mina-kurser/", lessons[0].url, "/konto/mina-uppgifter/"]
    missing = []
    for url in public:
        response = client.get(url)
        if response.status_code != 200 or _footer_statement_links(response, statement) != [statement.url]:
            missing.append((url, response.status_code))
    not_found = client.get("/finns-inte/")
    assert not_found.status_code == 404
    if _footer_statement_links(not_found, statement) != [statement.url]:
        missing.append(("/finns-inte/", 404))
    client.force_login(person.user)
    for url in signed_in:
        response = client.get(url)
        if response.status_code != 200 or _footer_statement_links(response, statement) != [statement.url]:
            missing.append((url, response.status_code))
    assert missing == []
    # On the statement itself, the link says it is the current page.
    current = soup(client.get(statement.url)).select_one(f'footer nav a[href="{statement.url}"]')
    assert current["aria-current"] == "page"


def test_the_footer_costs_two_queries_once_per_request(rf, statement):
    request = rf.get("/")
    Site.find_for_request(request)  # Wagtail's own lookup, remembered on the request
    with CaptureQueriesContext(connection) as first:
        assert statement_for_request(request) == statement
    with CaptureQueriesContext(connection) as again:
        statement_for_request(request)
    # Wagtail's public() reads the view restrictions, then the page; the same request asks again for free.
    assert len(first) <= 2 and len(again) == 0, [q["sql"][:150] for q in first.captured_queries]


def test_no_link_when_the_statement_is_not_live(client, statement):
    statement.unpublish()
    response = client.get("/")
    assert response.status_code == 200
    assert _footer_statement_links(response, statement) == []


def test_demo_and_first_install_make_the_statement_once_and_retire_the_plain_page(home_page):
    """Sites set up before the page type had a plain page at /tillganglighet/: the loader moves it
    aside (unpublished, its text kept) and puts the structured statement at the address; run again,
    it changes nothing."""
    from home.demo import load
    from home.models import StandardPage

    old = home_page.add_child(
        instance=StandardPage(title="Tillgänglighetsredogörelse", slug="tillganglighet", body=[], show_in_menus=True)
    )
    old.save_revision().publish()
    load()
    statement = AccessibilityStatementPage.objects.get()
    assert statement.url == "/tillganglighet/" and statement.live
    old.refresh_from_db()
    assert not old.live and old.slug == "tillganglighet-tidigare" and not old.show_in_menus
    assert statement.feedback_email == "utbildning@ekbacka.example"  # the demo's route
    pages = Page.objects.count()
    revisions = statement.revisions.count()
    load()
    assert Page.objects.count() == pages
    assert AccessibilityStatementPage.objects.get().revisions.count() == revisions
    # The demo tells the truth: partially compliant, with the PDFs, videos and the admin listed.
    assert statement.compliance == Compliance.PARTIAL
    listed = " ".join(item.value["description"] for item in statement.inaccessible_content)
    assert all(word in listed for word in ("PDF", "Filmer", "Administrationsgränssnittet"))
    assert "axe-core" in statement.method_description


def test_setup_platform_makes_the_statement(monkeypatch, db):
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ett-langt-losenord-for-test")
    call_command(
        "setup_platform",
        "--organisation",
        "Ekbacka kommun",
        "--admin-username",
        "admin",
        "--admin-email",
        "admin@example.se",
        "--no-input",
        verbosity=0,
    )
    statement = AccessibilityStatementPage.objects.get()
    assert statement.live and statement.url == "/tillganglighet/"
    assert re.search(r"Ekbacka kommun står bakom", soup_text(statement))


def soup_text(statement) -> str:
    from django.test import Client

    return " ".join(soup(Client().get(statement.url)).get_text(" ").split())


def test_an_editor_can_add_an_inaccessible_item_through_the_admin(client, statement):
    from django.contrib.auth.models import Group
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from lms.access.roles import EDITORS_GROUP, MODERATORS_GROUP

    editor = PersonFactory().user
    editor.groups.add(*Group.objects.filter(name__in=[EDITORS_GROUP, MODERATORS_GROUP]))
    client.force_login(editor)
    item = {
        "description": "Tabellen i rapporten saknar rubrikceller.",
        "criteria": "1.3.1",
        "plan": "Rättas i januari.",
    }
    data = nested_form_data(
        {
            "title": statement.title,
            "slug": statement.slug,
            "public_body_name": "",
            "service_name": "",
            "compliance": Compliance.PARTIAL,
            "inaccessible_content": streamfield([("item", item)]),
            "disproportionate_burden": streamfield([]),
            "out_of_scope": streamfield([]),
            "method": AssessmentMethod.SELF,
            "auditor": "",
            "method_description": "Självskattning.",
            "assessed_on": "2026-12-01",
            "updated_on": "2026-12-03",
            "feedback_email": "tillganglighet@example.se",
            "feedback_phone": "",
            "response_time": "",
            "complaint_url": DIGG_COMPLAINT_URL,
            "action-publish": "publish",
        }
    )
    assert client.get(f"/admin/pages/{statement.pk}/edit/").status_code == 200
    response = client.post(f"/admin/pages/{statement.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    statement.refresh_from_db()
    assert [i.value["description"] for i in statement.inaccessible_content] == [item["description"]]
    assert "Tabellen i rapporten saknar rubrikceller." in client.get(statement.url).content.decode()
