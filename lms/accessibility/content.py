"""The platform's own accessibility statement, as the first install and the demo make it: true for
this code as it is tested (tests/browser), in Swedish, for the organisation to review and publish
anew after its own assessment. The public body and the service's names are left empty: the page
shows the organisation and site name from the site settings, so they stay right when those change.

Keep it true: when a test is added or a shortcoming fixed, change the text here too."""

from .models import AssessmentMethod, Compliance

STATEMENT_SLUG = "tillganglighet"
STATEMENT_TITLE = "Tillgänglighetsredogörelse"


def _item(**value) -> tuple[str, dict]:
    return ("item", value)


INACCESSIBLE_CONTENT = [
    _item(
        description=(
            "Intygen (PDF-filer) har skapats utan taggar: en skärmläsare får ingen struktur, inget angivet språk "
            "och ingen textbeskrivning av QR-koden. Intyg som skapades innan plattformen började skapa taggade "
            "PDF-filer kan därför vara svåra att läsa med skärmläsare."
        ),
        criteria="1.1.1 Icke-textuellt innehåll (nivå A), 1.3.1 Information och relationer (nivå A), "
        "3.1.1 Sidans språk (nivå A)",
        plan=(
            "Nya intyg skapas som taggade PDF-filer med språk och textalternativ. Samma uppgifter som i ett intyg "
            "finns alltid som tillgänglig webbsida under Kontrollera ett intyg. Äldre intyg kan skapas om: säg till "
            "om du behöver ditt intyg som taggad PDF-fil, så gör vi det."
        ),
    ),
    _item(
        description=(
            "Filmer i kurserna kan sakna undertexter och syntolkning. Plattformen kräver en textversion av varje "
            "film, men undertexter och syntolkning ligger i filmtjänsten och beror på den som lägger in filmen."
        ),
        criteria="1.2.2 Undertext (förinspelad) (nivå A), 1.2.3 Syntolkning eller mediealternativ (förinspelat) "
        "(nivå A), 1.2.5 Syntolkning (förinspelad) (nivå AA)",
        plan=(
            "Använd textversionen under filmen. Redaktörerna går igenom kursernas filmer och lägger till "
            "undertexter; tala om för oss vilken film du behöver i annan form."
        ),
    ),
    _item(
        description=(
            "Dokument som redaktörerna laddar upp i kurserna (till exempel PDF-filer med policyer) kontrolleras "
            "inte av plattformen och kan sakna rubrikstruktur, språk eller textalternativ."
        ),
        criteria="Okänt för varje dokument; oftast 1.3.1 Information och relationer (nivå A) och "
        "1.1.1 Icke-textuellt innehåll (nivå A)",
        plan="Säg till vilket dokument du behöver i tillgänglig form, så skickar vi det eller lägger in texten på sidan.",
    ),
    _item(
        description=(
            "Administrationsgränssnittet (Wagtail), där redaktörer, HR och administratörer arbetar, har vi bara "
            "delvis granskat, och det kräver JavaScript. Wagtail-projektet arbetar mot WCAG 2.1 nivå AA och "
            "redovisar själva sina kända brister. Av plattformens egna delar där kontrolleras rapporterna och "
            "personlistan med axe; HR-importen, intygsmallarna, närvaroregistreringen och redigeringen av sidor "
            "har inte testats med axe, tangentbord eller skärmläsare."
        ),
        criteria="Okänt för de delar som inte är granskade",
        plan=(
            "Vi planerar att granska de vanligaste arbetsflödena i administrationen. Har du svårt att använda "
            "den, säg till så hjälper vi dig och åtgärdar det vi kan."
        ),
    ),
]

OUT_OF_SCOPE = [
    _item(
        description=(
            "Filmer som bäddas in från kommunens filmtjänst visas i filmtjänstens egen spelare, som vi inte styr över."
        ),
        reason=(
            "Innehåll från tredje part som varken finansieras, utvecklas eller kontrolleras av oss omfattas inte "
            "av lagen (9 §). Textversionen av filmen är vår egen och finns alltid på sidan."
        ),
    ),
]

METHOD_DESCRIPTION = (
    "Plattformens egna automatiska tester körs vid varje ändring av koden. Verktyget axe-core kontrollerar "
    "kriterierna i WCAG 2.1 nivå A och AA i webbläsaren Chromium på startsidan, inloggningen, Resultat av "
    "utbildningarna, Kontrollera ett intyg (sökning och resultat), kurskatalogen med sökning, en kurssida, "
    "lektionerna, kunskapstestet (frågorna, felmeddelandet när svar saknas och resultatet), Mina kurser, Mina "
    "intyg, Mina uppgifter, chefens sida Min grupp, den här redogörelsen med formuläret och, i "
    "administrationen, HR:s rapporter och personlistan. "
    "Andra tester följer en deltagare genom en hel kurs från katalogen till intyget, läser en lektion på en "
    "mobilskärm utan JavaScript, och kontrollerar att menyn, språkvalet, hoppa-till-innehållet-länken och "
    "inloggningen fungerar med tangentbordet eller utan JavaScript.\n\n"
    "Automatiska verktyg hittar bara en del av alla brister. Vi har inte gjort någon manuell granskning med "
    "skärmläsare eller förstoringsprogram, och testerna omfattar inte hela administrationsgränssnittet, de "
    "uppladdade dokumenten, filmerna eller PDF-intygen."
)

PLATFORM_STATEMENT = {
    "title": STATEMENT_TITLE,
    "slug": STATEMENT_SLUG,
    "compliance": Compliance.PARTIAL,
    "inaccessible_content": INACCESSIBLE_CONTENT,
    "disproportionate_burden": [],
    "out_of_scope": OUT_OF_SCOPE,
    "method": AssessmentMethod.SELF,
    "method_description": METHOD_DESCRIPTION,
    "response_time": "Vi svarar inom fem arbetsdagar.",
}
