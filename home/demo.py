"""The demo site: the home page, about, accessibility statement and privacy notice, in Swedish.

Idempotent: pages are found by slug and left alone if they exist.
"""

from pathlib import Path

from django.conf import settings as django_settings
from django.core.files import File
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from lms.access.roles import ensure_roles
from lms.accessibility.content import STATEMENT_SLUG
from lms.accessibility.models import AccessibilityStatementPage
from lms.accessibility.services import statement_page_ensure
from lms.core.addresses import site_address
from lms.core.models import SiteSettings
from lms.languages.selectors import in_source_language

from .models import HomePage, StandardPage


def _rt(*paragraphs: str) -> list[tuple]:
    return [("paragraph", "".join(f"<p>{p}</p>" for p in paragraphs))]


HOME_INTRO = (
    "Här finns kommunkoncernens utbildningar om demokrati och likabehandling – för medarbetare, chefer "
    "och förtroendevalda."
)
HOME_BODY = [
    ("heading", {"text": "Varför utbildningarna finns", "level": "h2"}),
    *_rt(
        "Kommunen har skrivit under en demokratideklaration och antagit en handlingsplan för demokratiutveckling. "
        "Ett av löftena är att alla i kommunkoncernen – förvaltningar, nämnder och bolag – ska känna till "
        "fullmäktiges mål för demokrati och arbeta med dem i vardagen.",
        "Ett annat löfte är att likabehandlingspolicyn ska genomföras och följas upp, och att både förtroendevalda och "
        "medarbetare ska få kompetenshöjande insatser i demokratifrågor. Resultaten följs upp och redovisas "
        "öppet.",
    ),
    (
        "fact_box",
        {
            "title": "Så fungerar det",
            "body": "<ul><li>Du ser dina tilldelade kurser och när de ska vara klara.</li>"
            "<li>Du läser lektionerna i din egen takt, på dator eller mobil.</li>"
            "<li>Du avslutar med ett kunskapstest och får ett intyg som kan kontrolleras av vem som helst.</li></ul>",
        },
    ),
]

PAGES = [
    {
        "slug": "om-plattformen",
        "title": "Om utbildningsplattformen",
        "intro": "Plattformen är en del av kommunens arbete med demokratiutveckling och likabehandling.",
        "body": [
            *_rt(
                "Kommunens handlingsplan för demokratiutveckling bygger på tre slags åtaganden: interna, externa och "
                "kommunikativa. Utbildningarna här hör till de interna – att kunskapen om demokratins grunder och om "
                "likabehandling ska finnas hos alla som arbetar i eller leder kommunkoncernen.",
                "Arbetet följer fyra fokusområden som många kommuner använder: kommunikation med invånarna, "
                "medborgardialog, aktivt medborgarskap och kunskap om de demokratiska grundvärderingarna.",
                "HR och kommunens demokratisamordnare beslutar vilka kurser som är obligatoriska för vilka grupper. "
                "Hur många som har genomfört utbildningarna redovisas öppet, per förvaltning och bolag, utan att "
                "någon enskild person kan pekas ut.",
            ),
        ],
    },
    {
        "slug": "personuppgifter",
        "title": "Så behandlar vi dina personuppgifter",
        "intro": "Här beskriver vi vilka uppgifter plattformen lagrar om dig, varför och hur länge.",
        "body": [
            ("heading", {"text": "Vilka uppgifter vi lagrar", "level": "h2"}),
            *_rt(
                "Namn, e-postadress, anställningsnummer, organisatorisk tillhörighet, målgrupp (medarbetare, chef "
                "eller förtroendevald) och närmaste chef. Uppgifterna hämtas från HR-systemet.",
                "Vilka kurser du är tilldelad och när du påbörjat och slutfört dem. Varje försök på ett "
                "kunskapstest: när du gjorde det, dina svar, resultatet och om du blev godkänd.",
                "Dina intyg: kurs, datum, giltighetstid, verifieringskod och intyget som PDF. Den som har koden "
                "kan kontrollera intyget på webbplatsen och ser då ditt namn, kursen och datumen.",
                "Dina anmälningar till utbildningstillfällen och om du deltog, vilka påminnelser vi har skickat "
                "till dig och om du vill ha påminnelser om kurser du valt själv.",
            ),
            ("heading", {"text": "Varför", "level": "h2"}),
            *_rt(
                "Behandlingen är nödvändig för att kommunen ska kunna genomföra och följa upp den "
                "kompetensutveckling som fullmäktige beslutat om. Den rättsliga grunden är att behandlingen är "
                "nödvändig för att utföra en uppgift av allmänt intresse (artikel 6.1 e i dataskyddsförordningen). "
                "Statistik redovisas bara på gruppnivå.",
            ),
            ("heading", {"text": "Hur länge uppgifterna sparas", "level": "h2"}),
            *_rt(
                "Uppgifterna är allmänna handlingar. De gallras, det vill säga raderas eller anonymiseras, bara "
                "enligt de gallringsbeslut som kommunen har fattat, och så länge inget gallringsbeslut finns sparas "
                "de enligt arkivlagen. Under Mina uppgifter ser du för varje slag av uppgift hur länge den sparas "
                "och varför. När uppgifter om en person som slutat gallras tas namn och kontaktuppgifter bort, "
                "intygen återkallas och deras PDF-filer raderas, medan resultaten finns kvar i statistiken utan "
                "koppling till personen.",
            ),
            ("heading", {"text": "Dina rättigheter", "level": "h2"}),
            *_rt(
                "Du har rätt att få ett registerutdrag, att få felaktiga uppgifter rättade och att i vissa fall få "
                "uppgifter raderade eller behandlingen begränsad. Registerutdraget ser du själv under Mina "
                "uppgifter. Eftersom behandlingen grundar sig på en uppgift av allmänt intresse har du också rätt "
                "att invända mot den (artikel 21); kommunen får då fortsätta bara om den kan visa tvingande "
                "berättigade skäl som väger tyngre. Kontakta kommunens dataskyddsombud om du har frågor, eller "
                "Integritetsskyddsmyndigheten (IMY) om du vill klaga.",
            ),
        ],
    },
]


def site_pages() -> HomePage:
    """The home page in place of Wagtail's welcome page, and the about, accessibility-statement and
    privacy pages with starter Swedish text to edit. Idempotent: existing pages are left alone.
    Used by the first install (setup_platform) and by the demo."""
    home = _home_page()
    for spec in PAGES:
        if not StandardPage.objects.child_of(home).filter(slug=spec["slug"]).exists():
            page = StandardPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"], show_in_menus=True
            )
            home.add_child(instance=page)
            page.save_revision().publish()
    _retire_plain_statement(home)
    statement_page_ensure(parent=home)
    ensure_roles()  # editors' and moderators' rights on the page tree, now that it exists
    return home


def _retire_plain_statement(home: HomePage) -> None:
    """Sites set up before the statement had its own page type have a plain page at its address:
    it is unpublished and renamed, its text kept as a draft to copy from, and the structured
    statement takes the address. Once (nothing to do when the statement exists)."""
    if AccessibilityStatementPage.objects.exists():
        return
    old = StandardPage.objects.child_of(home).filter(slug=STATEMENT_SLUG).first()
    if old is None:
        return
    old.slug = f"{STATEMENT_SLUG}-tidigare"
    old.title = f"{old.title} (tidigare version)"
    old.show_in_menus = False
    old.save()
    old.unpublish()


def load(stdout=None) -> dict:
    home = site_pages()
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) == ("localhost", 80):  # Wagtail's placeholder: the address `make run` serves
        site.hostname, site.port = site_address(django_settings.WAGTAILADMIN_BASE_URL)
        site.save()
    settings = SiteSettings.for_site(site)
    if not settings.contact_email:
        settings.contact_email = "utbildning@ekbacka.example"
        settings.organisation_name = "Ekbacka kommun"
        settings.save()
    _identity(settings)
    _statement_contacts(settings)
    return {"home": home}


def _statement_contacts(settings: SiteSettings) -> None:
    """Ekbacka's feedback route on the statement, set once; an organisation's own is left alone."""
    statement = in_source_language(AccessibilityStatementPage.objects.all()).first()
    if statement is None or statement.feedback_email:
        return
    statement.feedback_email = settings.contact_email
    statement.feedback_phone = "0123-45 67 00"
    statement.save_revision().publish()


DEMO_LOGO = Path(__file__).resolve().parent / "demo_assets" / "ekbacka-logo.svg"
DEMO_PRIMARY_COLOUR = "#1f5f3a"  # the oak leaf's green: 7.6:1 with white text


def _identity(settings: SiteSettings) -> None:
    """Ekbacka's (fictional) logo and colour, set once; an organisation's own choice is left alone."""
    if settings.logo_id is None:
        if Collection.get_first_root_node() is None:  # an emptied database: rebuild what Wagtail's migrations made
            Collection.add_root(name="Root")
        with DEMO_LOGO.open("rb") as fh:
            logo = get_image_model()(title="Ekbacka kommun – logotyp", file=File(fh, name=DEMO_LOGO.name))
            logo._set_image_file_metadata()
            logo.save()
        settings.logo = logo
    if not settings.primary_colour:
        settings.primary_colour = DEMO_PRIMARY_COLOUR
    settings.save()


def _home_page() -> HomePage:
    """Replace Wagtail's placeholder "Welcome" page with our home page, once."""
    home = in_source_language(HomePage.objects.all()).first()
    if home:
        return home
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (e.g. after a flush): rebuild what Wagtail's migrations made
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
        )
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage(title="Demokrati och likabehandling", slug="start", intro=HOME_INTRO, body=HOME_BODY)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Demokrati och likabehandling"
        site.save()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if placeholder and placeholder.specific_class is Page:
        placeholder.delete()
    return home
