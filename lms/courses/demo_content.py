"""Demo content for the three demo courses, loaded by demo.py.

Plain data only. Each course has catalogue fields, lessons whose body is a list of (block_type, value) tuples for
LessonStreamBlock (a lesson with polls may give ``poll_votes``: demo people's answers per poll and answer), and a quiz. Question types: "single", "multiple", "true_false" and "scenario"; scenario choices
always carry feedback. The text is Swedish and written for the fictional Ekbacka kommun.
"""

COURSES = [
    {
        "slug": "demokratins-grundvarderingar",
        "title": "Demokratins grundvärderingar",
        "summary": (
            "Om de principer som gäller för allt arbete i offentlig verksamhet och hur du använder dem i din vardag i "
            "Ekbacka kommun. Kursen tar upp demokrati, legalitet, objektivitet, fri åsiktsbildning, respekt, "
            "effektivitet och service samt offentlighetsprincipen."
        ),
        "objectives": [
            (
                "Efter kursen kan du förklara principerna i den statliga värdegrunden och varför de gäller även i "
                "kommunen."
            ),
            (
                "Efter kursen kan du ge exempel på hur legalitet och objektivitet påverkar beslut och bemötande i ditt "
                "arbete."
            ),
            "Efter kursen kan du beskriva vad meddelarfrihet, efterforskningsförbud och repressalieförbud innebär.",
            "Efter kursen kan du hantera en begäran om att ta del av en allmän handling på rätt sätt.",
            "Efter kursen kan du känna igen situationer där värdegrunden sätts på prov och veta var du kan få stöd.",
        ],
        "audiences": ["staff", "manager", "politician"],
        "estimated_minutes": 35,
        "lessons": [
            {
                "slug": "varfor-en-gemensam-vardegrund",
                "title": "Varför en gemensam värdegrund?",
                "intro": (
                    "Du får veta vad den statliga värdegrunden är, varför den gäller även i kommunen och vad "
                    "demokratiprincipen betyder i ditt arbete."
                ),
                "body": [
                    ("heading", {"text": "Vi arbetar på uppdrag av invånarna", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Alla som arbetar i Ekbacka kommun och i kommunens bolag har samma uppdragsgivare: "
                            "invånarna. Oavsett om du arbetar i hemtjänsten, på bygglovsenheten, i skolan eller i det "
                            "kommunala bostadsbolaget förvaltar du resurser och makt som kommer från medborgarna. "
                            "Därför måste människor kunna lita på att vi gör vårt arbete rätt, rättvist och på ett "
                            "sätt som går att granska.</p><p>Den statliga värdegrunden sammanfattar de krav som gäller "
                            "för offentlig verksamhet. Den togs fram för statsförvaltningen, men den bygger på "
                            "regeringsformen och andra lagar som gäller även för kommuner och regioner. Därför "
                            "använder många kommuner, också Ekbacka, samma principer som grund för sitt arbete.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Värdegrundens sex principer",
                            "body": (
                                "<ul><li><b>Demokrati</b> – all offentlig makt utgår från "
                                "folket.</li><li><b>Legalitet</b> – den offentliga makten utövas under "
                                "lagarna.</li><li><b>Objektivitet</b> – alla är lika inför lagen, och vi är sakliga "
                                "och opartiska.</li><li><b>Fri åsiktsbildning</b> – yttrandefrihet, meddelarfrihet och "
                                "offentlighetsprincipen.</li><li><b>Respekt för alla människors lika värde, frihet och "
                                "värdighet</b>.</li><li><b>Effektivitet och service</b> – vi använder resurserna väl "
                                "och ger god service.</li></ul>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Demokratiprincipen", "level": "h2"}),
                    (
                        "quote",
                        {
                            "text": "All offentlig makt i Sverige utgår från folket.",
                            "source": "Regeringsformen 1 kap. 1 §",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Demokratiprincipen betyder att invånarna väljer de politiker som fattar besluten i "
                            "kommunfullmäktige och i nämnderna. Som anställd är din uppgift att ta fram bra underlag "
                            "och att genomföra de beslut som de förtroendevalda har fattat – även när du själv hade "
                            "tyckt annorlunda. Det är så den representativa demokratin "
                            "fungerar.</p><p>Demokratiprincipen handlar också om att invånarna ska kunna påverka och "
                            "granska. Det gör vi möjligt när vi svarar på frågor, lämnar ut allmänna handlingar, tar "
                            "emot synpunkter och förklarar hur ett beslut har gått till.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Gäller värdegrunden i de kommunala bolagen?",
                                    "body": (
                                        "<p>Ja, i stort sett. Bolagen ägs av kommunen och utför uppgifter åt "
                                        "invånarna. Offentlighetsprincipen gäller i bolag där kommunen har ett "
                                        "bestämmande inflytande, och anställda i kommunala bolag har i stort sett "
                                        "samma meddelarskydd som andra kommunanställda. I Ekbacka gäller den "
                                        "gemensamma värdegrunden för hela kommunkoncernen.</p>"
                                    ),
                                },
                                {
                                    "title": "Vad gör jag när principerna drar åt olika håll?",
                                    "body": (
                                        "<p>Ibland kan till exempel kraven på effektivitet locka till genvägar som "
                                        "inte håller rättsligt. Då går legalitet och objektivitet först: vi får aldrig "
                                        "bli snabbare genom att bryta mot lagen eller behandla människor olika. Prata "
                                        "med din chef när du är osäker.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                ],
            },
            {
                "slug": "legalitet-och-objektivitet",
                "poll_votes": [[2, 3, 9, 1]],  # demo answers per poll, per answer (lms.polls.demo)
                "title": "Legalitet och objektivitet",
                "intro": (
                    "Du lär dig varför allt vi gör måste ha stöd i lag och hur du behandlar alla sakligt och opartiskt."
                ),
                "body": [
                    ("heading", {"text": "Legalitet – makten utövas under lagarna", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>I regeringsformens första paragraf står att den offentliga makten utövas under "
                            "lagarna. Det kallas legalitetsprincipen. För dig som anställd betyder det att du bara får "
                            "fatta beslut och vidta åtgärder som har stöd i lag, förordning eller i de beslut och "
                            "regler som kommunen själv har fattat, till exempel en delegationsordning. "
                            "Förvaltningslagen säger samma sak: en myndighet får bara vidta åtgärder som har stöd i "
                            "rättsordningen.</p><p>Legalitet handlar också om förutsebarhet. Invånarna ska kunna "
                            "förstå vilka regler som gäller och räkna med att lika fall behandlas lika. Därför "
                            "motiverar vi våra beslut, dokumenterar det vi gör och talar om hur man överklagar.</p>"
                        ),
                    ),
                    ("heading", {"text": "Objektivitet – sakligt och opartiskt", "level": "h2"}),
                    (
                        "quote",
                        {
                            "text": (
                                "Domstolar samt förvaltningsmyndigheter och andra som fullgör offentliga "
                                "förvaltningsuppgifter ska i sin verksamhet beakta allas likhet inför lagen samt "
                                "iaktta saklighet och opartiskhet."
                            ),
                            "source": "Regeringsformen 1 kap. 9 §",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Objektivitet betyder att det är sakliga skäl som styr – inte vem personen är, vad hen "
                            "tycker eller vilka kontakter hen har. Du får inte låta dina egna åsikter, sympatier eller "
                            "antipatier påverka handläggningen.</p><p>En viktig del av objektiviteten är "
                            "förvaltningslagens regler om jäv. Om du har en personlig koppling till ett ärende, till "
                            "exempel för att det rör en släkting, en nära vän eller ett företag som du har intressen "
                            "i, ska du inte handlägga det. Säg till din chef direkt. Det skyddar både dig och "
                            "förtroendet för kommunen.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Gåvor och förmåner",
                            "body": (
                                "<p>Tacka nej till gåvor, resor, middagar och andra förmåner som kan påverka – eller "
                                "som kan uppfattas påverka – hur du gör ditt arbete. Det gäller särskilt om givaren "
                                "har ett ärende hos kommunen eller är leverantör. Att ta emot en otillbörlig förmån "
                                "kan vara mutbrott enligt brottsbalken. En enkel uppmärksamhet av litet värde, som en "
                                "blomma från en brukare, kan vara godtagbar, men fråga din chef om du är osäker.</p>"
                            ),
                        },
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Biljetterna från leverantören",
                            "scenario": (
                                "<p>Du arbetar på kommunens IT-avdelning och är med i gruppen som utvärderar anbuden i "
                                "en pågående upphandling av nya datorer. En säljare från ett av företagen som har "
                                "lämnat anbud ringer och bjuder dig och en kollega på en hockeymatch med middag. ”Det "
                                "är bara för att ses och prata lite, inget konstigt”, säger han.</p>"
                            ),
                            "reflection_question": "Hur bör du svara, och vad bör du göra mer?",
                            "guidance": (
                                "<p>Tacka nej. Under en pågående upphandling kan en förmån från en anbudsgivare "
                                "påverka, eller uppfattas påverka, din bedömning. Det kan vara mutbrott och strida mot "
                                "kravet på att alla leverantörer ska behandlas lika. Berätta om erbjudandet för din "
                                "chef eller för upphandlaren, så att det blir dokumenterat. Tänk också på att "
                                "förtroendet för kommunen kan skadas även om du själv vet att du inte skulle låta dig "
                                "påverkas.</p>"
                            ),
                        },
                    ),
                    (
                        "poll",
                        {
                            "question": "Vad skulle du göra om du fick erbjudandet?",
                            "choices": [
                                "Tacka ja – det är bara en hockeymatch",
                                "Tacka nej och inte säga något mer",
                                "Tacka nej och berätta om erbjudandet för min chef eller upphandlaren",
                                "Tacka ja men betala min egen biljett",
                            ],
                            "explanation": (
                                "Under en pågående upphandling ska du tacka nej. Berätta också om erbjudandet, så att det blir "
                                "dokumenterat och alla anbudsgivare behandlas lika."
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "fri-asiktsbildning-och-meddelarfrihet",
                "poll_votes": [[1, 2, 0]],  # demo answers per poll, per answer (lms.polls.demo)
                "title": "Fri åsiktsbildning och meddelarfrihet",
                "intro": (
                    "Du får veta vilken rätt du har att säga vad du tycker och att lämna uppgifter till medier, och "
                    "vilka skydd som finns."
                ),
                "body": [
                    ("heading", {"text": "Åsikter ska få brytas mot varandra", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Demokratin bygger på att människor fritt kan bilda sig uppfattningar, uttrycka dem och "
                            "ta del av information. Därför skyddar grundlagarna bland annat yttrandefriheten och "
                            "informationsfriheten. Som anställd i kommunen har du samma yttrandefrihet som alla andra. "
                            "Du får till exempel skriva en insändare där du kritiserar en politisk prioritering, eller "
                            "berätta offentligt om brister i verksamheten.</p><p>Yttrandefriheten ger dig inte rätt "
                            "att vägra utföra dina arbetsuppgifter eller att lämna ut sekretessbelagda handlingar. Men "
                            "din arbetsgivare får inte straffa dig för att du har använt din yttrandefrihet.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Meddelarfrihet",
                                    "body": (
                                        "<p>Du har rätt att lämna uppgifter till medier, till exempel en tidning, "
                                        "radio eller tv, för att de ska publiceras. Det gäller i många fall även "
                                        "uppgifter som annars omfattas av sekretess. Vissa uppgifter med särskilt "
                                        "stark sekretess är undantagna. Meddelarfriheten ger rätt att berätta – inte "
                                        "att lämna ut hemliga handlingar. Reglerna finns i tryckfrihetsförordningen "
                                        "och yttrandefrihetsgrundlagen.</p>"
                                    ),
                                },
                                {
                                    "title": "Efterforskningsförbud",
                                    "body": (
                                        "<p>Kommunen får inte försöka ta reda på vem som har lämnat uppgifter till "
                                        "medier. En chef får alltså inte fråga runt i arbetsgruppen, granska "
                                        "e-postloggar eller på annat sätt leta efter källan.</p>"
                                    ),
                                },
                                {
                                    "title": "Repressalieförbud",
                                    "body": (
                                        "<p>Kommunen får inte heller straffa någon för att hen har använt sin "
                                        "meddelarfrihet eller yttrandefrihet. Repressalier kan vara uppsägning, "
                                        "omplacering, utebliven löneökning, att man fråntas arbetsuppgifter eller "
                                        "fryses ut. Den som bryter mot efterforskningsförbudet eller "
                                        "repressalieförbudet kan dömas till straff.</p>"
                                    ),
                                },
                                {
                                    "title": "Anställda i kommunala bolag",
                                    "body": (
                                        "<p>Sedan 2018 har anställda i kommunala bolag i stort sett samma "
                                        "meddelarskydd som anställda i kommunens förvaltningar.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Vem pratade med tidningen?",
                            "scenario": (
                                "<p>Lokaltidningen publicerar en artikel om personalbrist på en av Ekbacka kommuns "
                                "förskolor. I artikeln citeras ”en anställd som vill vara anonym”. På nästa "
                                "arbetsplatsträff säger rektorn irriterat: ”Jag vill veta vem som har pratat med "
                                "tidningen. Det är illojalt, och det kommer att få konsekvenser.”</p>"
                            ),
                            "reflection_question": (
                                "Vad är problemet med rektorns uttalande, och hur kan arbetsgruppen och rektorn gå "
                                "vidare?"
                            ),
                            "guidance": (
                                "<p>Rektorn får inte försöka ta reda på vem som har lämnat uppgifterna och får inte "
                                "hota med konsekvenser. Ett sådant uttalande kan i sig få medarbetare att avstå från "
                                "att använda sin meddelarfrihet. En bättre väg är att ta kritiken i artikeln på allvar "
                                "och prata om personalbristen i sak. Om du hamnar i en liknande situation kan du "
                                "kontakta HR eller ditt fackliga ombud. Chefer kan alltid få stöd av HR och "
                                "kommunikationsavdelningen när verksamheten granskas av medier.</p>"
                            ),
                        },
                    ),
                    (
                        "poll",
                        {
                            "question": "Vad skulle du göra om du satt på arbetsplatsträffen?",
                            "choices": [
                                "Säga direkt att rektorn inte får efterforska vem som har pratat med tidningen",
                                "Prata med HR eller mitt fackliga ombud efteråt",
                                "Inte säga något",
                            ],
                            "explanation": (
                                "Efterforskning och hot om repressalier är förbjudna. Både att säga ifrån och att ta stöd av HR "
                                "eller facket är bra vägar."
                            ),
                        },
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Kom ihåg",
                            "body": (
                                "<p>Du får alltid framföra kritik internt, till din chef eller på en arbetsplatsträff. "
                                "Det är ofta det snabbaste sättet att få saker ändrade. Men du måste inte gå den "
                                "interna vägen först – rätten att vända dig till medier gäller ändå.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "respekt-effektivitet-och-service",
                "title": "Respekt, effektivitet och service",
                "intro": (
                    "Du får veta vad respekt för människors lika värde, frihet och värdighet betyder i mötet med "
                    "invånarna, och vad förvaltningslagen kräver av vår service."
                ),
                "body": [
                    ("heading", {"text": "Alla människors lika värde", "level": "h2"}),
                    (
                        "quote",
                        {
                            "text": (
                                "Den offentliga makten ska utövas med respekt för alla människors lika värde och för "
                                "den enskilda människans frihet och värdighet."
                            ),
                            "source": "Regeringsformen 1 kap. 2 §",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Principen om lika värde betyder att alla ska bemötas med samma respekt, oavsett till "
                            "exempel kön, ursprung, religion, funktionsnedsättning, sexuell läggning, ålder eller "
                            "social ställning. Det betyder inte att alla ska få exakt samma sak. Ibland måste vi "
                            "anpassa oss för att alla ska få samma möjligheter, till exempel genom att boka tolk, "
                            "skriva lättläst eller välja en tillgänglig lokal för ett möte.</p><p>Frihet och värdighet "
                            "handlar om att respektera människors rätt att bestämma över sina egna liv. I vård och "
                            "omsorg betyder det att vi frågar hur brukaren vill ha det, respekterar den personliga "
                            "integriteten och inte talar över huvudet på någon.</p>"
                        ),
                    ),
                    ("heading", {"text": "Effektivitet och service", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Kommunens verksamhet betalas med skattepengar. Därför ska vi använda resurserna väl. "
                            "Effektivitet handlar inte bara om att göra saker snabbt, utan om att göra rätt saker på "
                            "rätt sätt, med god kvalitet och inom lagens ramar.</p><p>Förvaltningslagen (2017:900) "
                            "ställer krav på vår service. Vi ska ge den hjälp som behövs för att invånarna ska kunna "
                            "ta tillvara sina intressen, vara tillgängliga för kontakter och uttrycka oss så att "
                            "människor förstår. Om någon vänder sig till fel del av kommunen hjälper vi hen till rätt "
                            "ställe, i stället för att bara säga att det inte är vårt bord.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Klarspråk",
                                    "body": (
                                        "<p>Enligt språklagen ska språket i offentlig verksamhet vara vårdat, enkelt "
                                        "och begripligt. Skriv det viktigaste först, använd vanliga ord, förklara "
                                        "facktermer och tilltala mottagaren med ”du”.</p>"
                                    ),
                                },
                                {
                                    "title": "Tillgänglighet",
                                    "body": (
                                        "<p>Invånarna ska kunna nå oss, till exempel via telefon och e-post, och få "
                                        "svar inom rimlig tid. Tänk också på att dokument och webbsidor ska vara "
                                        "tillgängliga för den som använder skärmläsare eller har svårt att läsa.</p>"
                                    ),
                                },
                                {
                                    "title": "Enkel och snabb handläggning",
                                    "body": (
                                        "<p>Ärenden ska handläggas så enkelt, snabbt och kostnadseffektivt som "
                                        "möjligt, utan att rättssäkerheten blir lidande. Om ett ärende blir kraftigt "
                                        "försenat ska vi höra av oss och berätta det.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Tre frågor att ställa dig",
                            "body": (
                                "<ul><li>Har jag förklarat beslutet så att mottagaren förstår det?</li><li>Vet "
                                "mottagaren vad som händer nu och vad hen själv behöver göra?</li><li>Skulle jag själv "
                                "vara nöjd med det här bemötandet?</li></ul>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "offentlighetsprincipen",
                "title": "Offentlighetsprincipen i vardagen",
                "intro": "Du lär dig vad en allmän handling är och hur du hanterar en begäran om att ta del av en.",
                "body": [
                    ("heading", {"text": "Insyn ger förtroende", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Offentlighetsprincipen betyder att allmänheten och medierna ska ha insyn i hur "
                            "kommunen arbetar. En viktig del är rätten att ta del av allmänna handlingar, som finns i "
                            "tryckfrihetsförordningen 2 kap.</p><p>Rätten att ta del av handlingar gör det möjligt för "
                            "invånare, journalister och förtroendevalda att granska hur kommunen använder sin makt och "
                            "sina pengar. Den gäller också i kommunala bolag där kommunen har ett bestämmande "
                            "inflytande.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "När är en handling allmän?",
                            "body": (
                                "<p>En handling är allmän om den <b>förvaras</b> hos kommunen och antingen har "
                                "<b>kommit in</b> hit eller har <b>upprättats</b> här. En handling är inte bara "
                                "papper, utan också e-post, sms, bilder, ljudfiler och uppgifter i "
                                "datasystem.</p><p>En handling som vi själva skriver räknas i regel som upprättad när "
                                "den har skickats iväg, när ärendet är avslutat eller när den har färdigställts på "
                                "annat sätt. Utkast och egna minnesanteckningar är normalt inte allmänna.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>En allmän handling är inte alltid offentlig. Innan du lämnar ut en handling måste du "
                            "pröva om någon uppgift i den omfattas av sekretess enligt offentlighets- och "
                            "sekretesslagen (2009:400). Då kan handlingen lämnas ut med vissa uppgifter maskade, eller "
                            "inte alls.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Rätten att vara anonym",
                                    "body": (
                                        "<p>Den som vill ta del av en allmän handling behöver inte tala om vem hen är "
                                        "eller varför hen vill ha den. Du får bara fråga om det behövs för att du ska "
                                        "kunna pröva om handlingen kan lämnas ut, till exempel när sekretess kan "
                                        "gälla. Förklara då varför du frågar och att personen inte måste svara, men "
                                        "att handlingen kanske inte kan lämnas ut utan uppgifterna.</p>"
                                    ),
                                },
                                {
                                    "title": "Genast eller så snart som möjligt",
                                    "body": (
                                        "<p>En begäran ska behandlas skyndsamt. Besked bör normalt lämnas samma dag. "
                                        "Om det behövs en sekretessprövning kan det ta någon eller några dagar. Den "
                                        "som begär handlingen har rätt att läsa den gratis på plats eller få en kopia "
                                        "mot en avgift enligt kommunens taxa.</p>"
                                    ),
                                },
                                {
                                    "title": "Om du bedömer att handlingen inte kan lämnas ut",
                                    "body": (
                                        "<p>Om du som medarbetare anser att en handling helt eller delvis inte kan "
                                        "lämnas ut, ska du på begäran lämna över frågan till nämnden eller den som har "
                                        "delegation att besluta. Den som har begärt handlingen kan då få ett "
                                        "skriftligt beslut, som kan överklagas till kammarrätten.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Varför vill hon veta det?",
                            "scenario": (
                                "<p>En person ringer till miljöenheten och vill ha kopior av alla inspektionsrapporter "
                                "för restaurangerna i centrum från det senaste året. Hon vill inte säga sitt namn. Din "
                                "kollega viskar: ”Fråga vad hon ska ha dem till – det kan vara en konkurrent som vill "
                                "sätta dit någon.”</p>"
                            ),
                            "reflection_question": "Hur hanterar du begäran?",
                            "guidance": (
                                "<p>Huvudregeln är att den som begär allmänna handlingar får vara anonym och inte "
                                "behöver berätta varför. Du får bara fråga om det behövs för en sekretessprövning, och "
                                "inspektionsrapporter är i regel offentliga. Ta emot begäran, ta reda på vilka "
                                "handlingar det gäller, gör en sekretessprövning och lämna ut dem så snart som "
                                "möjligt. Om det blir många sidor kan du berätta vad kopiorna kostar eller erbjuda "
                                "henne att läsa dem på plats.</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Kunskapstest: Demokratins grundvärderingar",
            "intro": (
                "Varje försök har tio frågor om värdegrundens principer och offentlighetsprincipen, dragna ur en större "
                "frågebank och i ny ordning varje gång. Du behöver minst 80 procent rätt och har tre försök."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "questions_to_draw": 10,
            "shuffle_questions": True,
            "shuffle_choices": True,
            "questions": [
                {
                    "type": "single",
                    "text": (
                        "”All offentlig makt i Sverige utgår från folket.” Vilken princip uttrycker meningen främst?"
                    ),
                    "explanation": (
                        "Meningen är den första i regeringsformen och uttrycker demokratiprincipen: makten kommer från "
                        "folket, som väljer de politiker som fattar besluten."
                    ),
                    "choices": [
                        {"text": "Demokratiprincipen", "correct": True, "feedback": ""},
                        {"text": "Legalitetsprincipen", "correct": False, "feedback": ""},
                        {"text": "Effektivitetsprincipen", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "Den statliga värdegrunden gäller bara statliga myndigheter och har därför ingen betydelse för "
                        "den som arbetar i en kommun."
                    ),
                    "explanation": (
                        "Principerna bygger på regeringsformen och andra lagar som gäller även för kommuner och "
                        "regioner. Därför använder många kommuner, som Ekbacka, samma värdegrund."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": False, "feedback": ""},
                        {"text": "Falskt", "correct": True, "feedback": ""},
                    ],
                },
                {
                    "type": "single",
                    "text": "Vad innebär legalitetsprincipen för dig som anställd?",
                    "explanation": (
                        "Den offentliga makten utövas under lagarna. Allt du gör i tjänsten måste ha stöd i lag, "
                        "förordning eller kommunens egna beslut, till exempel delegationsordningen."
                    ),
                    "choices": [
                        {
                            "text": "Att allt jag gör i tjänsten måste ha stöd i lag eller andra regler",
                            "correct": True,
                            "feedback": "",
                        },
                        {"text": "Att jag alltid ska välja den snabbaste lösningen", "correct": False, "feedback": ""},
                        {
                            "text": "Att jag får göra det som chefen säger, även om det strider mot lagen",
                            "correct": False,
                            "feedback": "",
                        },
                        {"text": "Att invånarna alltid ska få det de ber om", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "multiple",
                    "text": (
                        "Vilka krav ställer regeringsformen 1 kap. 9 § på dig som arbetar i kommunen? Välj alla som "
                        "stämmer."
                    ),
                    "explanation": (
                        "Paragrafen kräver att vi beaktar allas likhet inför lagen och är sakliga och opartiska. "
                        "Majoritetens önskemål eller egna sympatier får inte styra ett enskilt ärende."
                    ),
                    "choices": [
                        {"text": "Att beakta allas likhet inför lagen", "correct": True, "feedback": ""},
                        {"text": "Att vara saklig", "correct": True, "feedback": ""},
                        {"text": "Att vara opartisk", "correct": True, "feedback": ""},
                        {
                            "text": "Att låta egna sympatier avgöra vem som får hjälp först",
                            "correct": False,
                            "feedback": "",
                        },
                        {
                            "text": "Att följa vad de flesta invånare tycker i det enskilda ärendet",
                            "correct": False,
                            "feedback": "",
                        },
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "Du ingår i gruppen som utvärderar anbud i en pågående upphandling. En säljare från ett "
                        "företag som har lämnat anbud bjuder dig på en konsert och middag. Vad gör du?"
                    ),
                    "explanation": (
                        "En förmån från en anbudsgivare under en pågående upphandling kan påverka eller uppfattas "
                        "påverka din bedömning och kan vara mutbrott. Tacka nej och se till att erbjudandet blir känt "
                        "och dokumenterat."
                    ),
                    "choices": [
                        {
                            "text": "Jag tackar nej och berättar om erbjudandet för min chef eller upphandlaren.",
                            "correct": True,
                            "feedback": (
                                "Rätt. Du skyddar både dig själv och upphandlingen, och kommunen får kännedom om "
                                "erbjudandet."
                            ),
                        },
                        {
                            "text": "Jag tackar ja, men betalar min egen middag.",
                            "correct": False,
                            "feedback": (
                                "Det räcker inte. Konserten är fortfarande en förmån, och bara kontakten i det här "
                                "läget kan skada förtroendet för upphandlingen."
                            ),
                        },
                        {
                            "text": "Jag tackar ja om jag ändå inte tänker låta mig påverkas.",
                            "correct": False,
                            "feedback": (
                                "Din egen övertygelse spelar ingen roll. Det avgörande är att förmånen kan påverka "
                                "eller uppfattas påverka din bedömning."
                            ),
                        },
                        {
                            "text": "Jag tackar nej men säger inget till någon, så att säljaren inte får problem.",
                            "correct": False,
                            "feedback": (
                                "Att tacka nej är bra, men erbjudandet bör rapporteras. Det kan ha betydelse för hur "
                                "upphandlingen genomförs."
                            ),
                        },
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "En anställd i Ekbacka kommun har lämnat uppgifter till lokaltidningen för publicering. Chefen "
                        "får inte försöka ta reda på vem det var."
                    ),
                    "explanation": (
                        "Det är sant. Efterforskningsförbudet innebär att kommunen inte får försöka ta reda på vem som "
                        "har lämnat uppgifter till medier, och repressalieförbudet skyddar den som har gjort det."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": True, "feedback": ""},
                        {"text": "Falskt", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "multiple",
                    "text": (
                        "Någon ber att få ta del av en allmän handling. Vilka påståenden stämmer? Välj alla som "
                        "stämmer."
                    ),
                    "explanation": (
                        "Huvudregeln är att den som begär en allmän handling får vara anonym och inte behöver ange "
                        "syfte, och att begäran ska behandlas skyndsamt. Krav på legitimation eller att slippa "
                        "pinsamheter är inte skäl att vägra."
                    ),
                    "choices": [
                        {
                            "text": "Personen behöver som huvudregel inte tala om vem hen är.",
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Personen behöver som huvudregel inte berätta varför hen vill ha handlingen.",
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Begäran ska behandlas skyndsamt, efter en eventuell sekretessprövning.",
                            "correct": True,
                            "feedback": "",
                        },
                        {"text": "Personen måste alltid visa legitimation.", "correct": False, "feedback": ""},
                        {
                            "text": "Kommunen får vägra om handlingen kan vara pinsam för verksamheten.",
                            "correct": False,
                            "feedback": "",
                        },
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "Efter en kritisk artikel i lokaltidningen frågar din chef dig i enrum om du vet vilken "
                        "kollega som har pratat med journalisten. Hur gör du?"
                    ),
                    "explanation": (
                        "Kommunen får inte efterforska vem som har lämnat uppgifter till medier. Det gäller även när "
                        "en chef frågar en medarbetare, och du behöver inte medverka."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag svarar att jag inte tänker medverka och påminner om att det inte är tillåtet att "
                                "efterforska källor."
                            ),
                            "correct": True,
                            "feedback": (
                                "Bra. Du värnar kollegornas meddelarfrihet och hjälper chefen att undvika ett lagbrott."
                            ),
                        },
                        {
                            "text": "Jag berättar vem jag tror att det var, eftersom chefen frågar.",
                            "correct": False,
                            "feedback": (
                                "Nej. Då medverkar du till efterforskning, som är förbjuden, och kollegan kan riskera "
                                "repressalier."
                            ),
                        },
                        {
                            "text": "Jag lovar att höra mig för bland kollegorna.",
                            "correct": False,
                            "feedback": (
                                "Nej. Att fråga runt för chefens räkning är också efterforskning, och det skapar "
                                "otrygghet i arbetsgruppen."
                            ),
                        },
                        {
                            "text": "Jag föreslår att chefen går igenom e-postloggarna.",
                            "correct": False,
                            "feedback": (
                                "Nej. Att granska loggar för att hitta källan är en tydlig form av förbjuden "
                                "efterforskning."
                            ),
                        },
                    ],
                },
                {
                    "type": "single",
                    "text": (
                        "Vilken lag innehåller bestämmelser om kommunens service, tillgänglighet och att myndigheten "
                        "ska uttrycka sig så att människor förstår?"
                    ),
                    "explanation": (
                        "Förvaltningslagen (2017:900) innehåller bland annat krav på service, tillgänglighet och ett "
                        "lättbegripligt språk i kontakterna med enskilda."
                    ),
                    "choices": [
                        {"text": "Förvaltningslagen (2017:900)", "correct": True, "feedback": ""},
                        {"text": "Kommunallagen (2017:725)", "correct": False, "feedback": ""},
                        {"text": "Diskrimineringslagen (2008:567)", "correct": False, "feedback": ""},
                        {"text": "Arbetsmiljölagen", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "En äldre man ringer till kommunens växel och blir kopplad till dig på kultur- och "
                        "fritidsförvaltningen. Han har frågor om sin ansökan om hemtjänst och verkar förvirrad. Vad "
                        "gör du?"
                    ),
                    "explanation": (
                        "Enligt förvaltningslagen ska kommunen ge den hjälp som behövs, och den som vänder sig till "
                        "fel ställe ska få hjälp att hitta rätt. Det är god service att se till att han faktiskt når "
                        "rätt handläggare."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag tar reda på vem som kan svara, kopplar honom rätt eller ser till att någon ringer "
                                "upp honom."
                            ),
                            "correct": True,
                            "feedback": (
                                "Rätt. Du hjälper honom till rätt ställe och ser till att frågan inte faller mellan "
                                "stolarna."
                            ),
                        },
                        {
                            "text": "Jag säger att han har kommit fel och ber honom ringa växeln igen.",
                            "correct": False,
                            "feedback": (
                                "Det är inte tillräckligt. Han har redan svårt att hitta rätt, och vi ska hjälpa den "
                                "som har vänt sig till fel del av kommunen."
                            ),
                        },
                        {
                            "text": "Jag försöker själv svara på frågorna om hans ansökan.",
                            "correct": False,
                            "feedback": (
                                "Välment, men du har inte tillgång till ärendet och kan ge felaktiga besked. Hjälp "
                                "honom i stället till rätt handläggare."
                            ),
                        },
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "Ett utkast till en tjänsteskrivelse som en handläggare arbetar med, och som ännu inte har "
                        "skickats iväg eller färdigställts, är normalt en allmän handling."
                    ),
                    "explanation": (
                        "Falskt. En handling som kommunen själv skriver blir i regel allmän först när den har skickats "
                        "iväg, när ärendet har avslutats eller när den har färdigställts på annat sätt. Ett utkast är "
                        "normalt inte allmänt."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": False, "feedback": ""},
                        {"text": "Falskt", "correct": True, "feedback": ""},
                    ],
                },
                {
                    "type": "multiple",
                    "text": (
                        "Vilka exempel visar respekt för alla människors lika värde, frihet och värdighet? Välj alla "
                        "som stämmer."
                    ),
                    "explanation": (
                        "Att anpassa information, använda tolk och respektera människors självbestämmande visar "
                        "respekt. Att särbehandla den man tycker om eller skämta om någons religion gör det inte."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag ordnar ett dokument i ett format som fungerar med skärmläsare till en person med "
                                "synnedsättning."
                            ),
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Jag bokar tolk när det behövs för att personen ska förstå beslutet.",
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Jag prioriterar ärenden från personer som är trevliga mot mig.",
                            "correct": False,
                            "feedback": "",
                        },
                        {
                            "text": "Jag respekterar en brukares eget val, även om jag själv hade valt annorlunda.",
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Jag skämtar om en brukares religion med kollegorna när brukaren inte hör.",
                            "correct": False,
                            "feedback": "",
                        },
                    ],
                },
                {
                    "type": "single",
                    "text": "Vad innebär objektivitetsprincipen för dig som handlägger ärenden?",
                    "explanation": (
                        "Enligt regeringsformen 1 kap. 9 § ska du beakta allas likhet inför lagen och vara saklig och "
                        "opartisk. Som privatperson får du ha egna åsikter, men de får inte styra hur du handlägger ett "
                        "ärende."
                    ),
                    "choices": [
                        {
                            "text": "Att lika fall behandlas lika och att jag är saklig och opartisk",
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Att besluten ska följa vad de flesta invånare tycker",
                            "correct": False,
                            "feedback": "",
                        },
                        {
                            "text": "Att den som hörs mest får sitt ärende avgjort först",
                            "correct": False,
                            "feedback": "",
                        },
                        {"text": "Att jag inte får ha några politiska åsikter alls", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "Som anställd i kommunen får du i en insändare kritisera hur kommunen sköter en verksamhet, "
                        "utan att arbetsgivaren får straffa dig för det."
                    ),
                    "explanation": (
                        "Sant. Som offentligt anställd har du yttrandefrihet även mot din arbetsgivare, och "
                        "repressalieförbudet skyddar dig. Tystnadsplikten om enskildas förhållanden gäller däremot "
                        "fortfarande."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": True, "feedback": ""},
                        {"text": "Falskt", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "En journalist ber om kopior av e-postmeddelanden som din förvaltning skickade till en "
                        "entreprenör i en upphandling som nu är avslutad. Vad gör du?"
                    ),
                    "explanation": (
                        "Skickade e-postmeddelanden är allmänna handlingar. Den som begär dem behöver inte tala om vem "
                        "hen är eller varför, och begäran ska behandlas skyndsamt efter en eventuell sekretessprövning."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag prövar om något omfattas av sekretess och lämnar sedan ut dem så snart som "
                                "möjligt."
                            ),
                            "correct": True,
                            "feedback": "Rätt. Så hanterar du en begäran om allmän handling skyndsamt och korrekt.",
                        },
                        {
                            "text": "Jag ber journalisten först förklara vad uppgifterna ska användas till.",
                            "correct": False,
                            "feedback": (
                                "Nej. Den som begär en allmän handling behöver som huvudregel inte ange något syfte."
                            ),
                        },
                        {
                            "text": "Jag säger nej, eftersom upphandlingen kan ge kommunen dålig publicitet.",
                            "correct": False,
                            "feedback": (
                                "Nej. Risken för dålig publicitet är inget skäl att hemlighålla en allmän handling."
                            ),
                        },
                    ],
                },
            ],
        },
    },
    {
        "slug": "likabehandling-och-diskrimineringsgrunderna",
        "title": "Likabehandling och diskrimineringsgrunderna",
        "summary": (
            "Om diskrimineringslagens sju diskrimineringsgrunder, de olika formerna av diskriminering och "
            "arbetsgivarens arbete med aktiva åtgärder. Du får också veta vad Ekbacka kommunkoncerns "
            "likabehandlingspolicy innebär och vart du vänder dig om något händer."
        ),
        "objectives": [
            "Efter kursen kan du räkna upp de sju diskrimineringsgrunderna i diskrimineringslagen.",
            (
                "Efter kursen kan du skilja mellan direkt och indirekt diskriminering, bristande tillgänglighet, "
                "trakasserier, sexuella trakasserier och instruktioner att diskriminera."
            ),
            (
                "Efter kursen kan du förklara vad repressalieförbudet innebär och vad arbetsgivaren måste göra vid "
                "trakasserier."
            ),
            (
                "Efter kursen kan du beskriva de fyra stegen i arbetet med aktiva åtgärder och de fem områden som "
                "arbetet omfattar."
            ),
            "Efter kursen vet du vart du kan vända dig om du upplever eller ser diskriminering eller trakasserier.",
        ],
        "audiences": ["staff", "manager"],
        "estimated_minutes": 40,
        "lessons": [
            {
                "slug": "de-sju-diskrimineringsgrunderna",
                "title": "Diskrimineringslagen och de sju grunderna",
                "intro": (
                    "Du får veta vad diskrimineringslagen skyddar mot och vilka de sju diskrimineringsgrunderna är."
                ),
                "body": [
                    ("heading", {"text": "Lagens syfte", "level": "h2"}),
                    (
                        "quote",
                        {
                            "text": (
                                "Denna lag har till ändamål att motverka diskriminering och på andra sätt främja lika "
                                "rättigheter och möjligheter oavsett kön, könsöverskridande identitet eller uttryck, "
                                "etnisk tillhörighet, religion eller annan trosuppfattning, funktionsnedsättning, "
                                "sexuell läggning eller ålder."
                            ),
                            "source": "Diskrimineringslagen (2008:567) 1 kap. 1 §",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Diskrimineringslagen gäller i arbetslivet, men också inom till exempel utbildning, "
                            "socialtjänst, hälso- och sjukvård och när anställda i kommunen har kontakt med "
                            "allmänheten. I Ekbacka kommunkoncern berör lagen oss därför på två sätt. Som arbetsgivare "
                            "ska vi se till att ingen medarbetare eller arbetssökande diskrimineras. Som verksamhet "
                            "ska vi se till att invånare, elever, brukare och kunder behandlas lika.</p>"
                        ),
                    ),
                    ("heading", {"text": "De sju diskrimineringsgrunderna", "level": "h2"}),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Kön",
                                    "body": (
                                        "<p>Att någon är kvinna eller man. Skyddet omfattar också den som tänker ändra "
                                        "eller har ändrat sin könstillhörighet.</p>"
                                    ),
                                },
                                {
                                    "title": "Könsöverskridande identitet eller uttryck",
                                    "body": (
                                        "<p>Att någon inte identifierar sig som kvinna eller man, eller genom sin "
                                        "klädsel eller på annat sätt ger uttryck för att tillhöra ett annat kön. "
                                        "Grunden skyddar till exempel transpersoner och icke-binära personer.</p>"
                                    ),
                                },
                                {
                                    "title": "Etnisk tillhörighet",
                                    "body": (
                                        "<p>Nationellt eller etniskt ursprung, hudfärg eller annat liknande "
                                        "förhållande. Alla har en etnisk tillhörighet – också den som är född och "
                                        "uppvuxen i Sverige.</p>"
                                    ),
                                },
                                {
                                    "title": "Religion eller annan trosuppfattning",
                                    "body": (
                                        "<p>Till exempel kristendom, islam, judendom, buddhism eller ateism. Politiska "
                                        "åsikter omfattas däremot inte av diskrimineringslagen.</p>"
                                    ),
                                },
                                {
                                    "title": "Funktionsnedsättning",
                                    "body": (
                                        "<p>Varaktiga fysiska, psykiska eller begåvningsmässiga begränsningar av en "
                                        "persons funktionsförmåga som beror på en skada eller sjukdom. Begränsningen "
                                        "kan finnas från födseln, ha uppstått senare eller förväntas uppstå. Det kan "
                                        "till exempel vara en rörelsenedsättning, nedsatt syn eller hörsel, dyslexi "
                                        "eller adhd.</p>"
                                    ),
                                },
                                {
                                    "title": "Sexuell läggning",
                                    "body": "<p>Homosexuell, bisexuell eller heterosexuell läggning.</p>",
                                },
                                {
                                    "title": "Ålder",
                                    "body": (
                                        "<p>Uppnådd levnadslängd. Grunden skyddar alla, både unga och äldre. Det finns "
                                        "vissa tillåtna undantag, till exempel åldersgränser i pensionsvillkor.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Vad omfattas inte?",
                            "body": (
                                "<p>Lagen skyddar bara mot missgynnanden som har samband med någon av de sju "
                                "grunderna. Politisk åsikt, social bakgrund eller utseende är inte "
                                "diskrimineringsgrunder enligt lagen. Det betyder inte att det är tillåtet att "
                                "behandla någon illa av sådana skäl. Kränkande särbehandling på jobbet är en "
                                "arbetsmiljöfråga, och som anställd i kommunen ska du alltid vara saklig och "
                                "opartisk.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "sex-former-av-diskriminering",
                "title": "Sex former av diskriminering",
                "intro": "Du lär dig skilja mellan de sex former av diskriminering som lagen förbjuder.",
                "body": [
                    ("heading", {"text": "Diskriminering är ett missgynnande", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Enligt lagen handlar diskriminering om att någon missgynnas eller kränks och att det "
                            "har samband med en diskrimineringsgrund. Det krävs inte att den som diskriminerar har "
                            "haft avsikt att göra det.</p><p>Lagen räknar upp sex former av diskriminering. Alla är "
                            "förbjudna inom de områden som lagen gäller, till exempel i arbetslivet.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Direkt diskriminering",
                                    "body": (
                                        "<p>Någon behandlas sämre än någon annan i en jämförbar situation, och det har "
                                        "samband med en diskrimineringsgrund. <i>Exempel:</i> En sökande med utländskt "
                                        "klingande namn kallas inte till intervju, trots att hon har bäst meriter.</p>"
                                    ),
                                },
                                {
                                    "title": "Indirekt diskriminering",
                                    "body": (
                                        "<p>En regel, ett krav eller ett arbetssätt som ser neutralt ut, men som i "
                                        "praktiken missgynnar personer med en viss diskrimineringsgrund. Det är inte "
                                        "indirekt diskriminering om kravet har ett berättigat syfte och är lämpligt "
                                        "och nödvändigt för att nå syftet. <i>Exempel:</i> Ett krav på en viss "
                                        "huvudbonad i köket som inte går att kombinera med slöja, trots att "
                                        "hygienkraven kan uppfyllas på annat sätt.</p>"
                                    ),
                                },
                                {
                                    "title": "Bristande tillgänglighet",
                                    "body": (
                                        "<p>En person med funktionsnedsättning missgynnas för att arbetsgivaren eller "
                                        "verksamheten inte har vidtagit skäliga åtgärder för tillgänglighet. Vad som "
                                        "är skäligt beror bland annat på de ekonomiska och praktiska "
                                        "förutsättningarna. <i>Exempel:</i> En medarbetare med hörselnedsättning får "
                                        "inte tillgång till hörslinga på personalmöten, trots att det är enkelt att "
                                        "ordna.</p>"
                                    ),
                                },
                                {
                                    "title": "Trakasserier",
                                    "body": (
                                        "<p>Ett uppträdande som kränker någons värdighet och som har samband med en "
                                        "diskrimineringsgrund. Det kan vara ord, skämt, bilder, gester eller att någon "
                                        "fryses ut. <i>Exempel:</i> Återkommande ”skämt” om en kollegas religion i "
                                        "fikarummet.</p>"
                                    ),
                                },
                                {
                                    "title": "Sexuella trakasserier",
                                    "body": (
                                        "<p>Ett uppträdande av sexuell natur som kränker någons värdighet, till "
                                        "exempel ovälkomna kommentarer om kroppen, beröringar eller meddelanden. Det "
                                        "är den som blir utsatt som avgör vad som är ovälkommet.</p>"
                                    ),
                                },
                                {
                                    "title": "Instruktioner att diskriminera",
                                    "body": (
                                        "<p>Order eller instruktioner att diskriminera någon, som ges till en person "
                                        "som är i ett lydnads- eller beroendeförhållande till den som ger "
                                        "instruktionen. <i>Exempel:</i> En chef säger åt en rekryterare att sortera "
                                        "bort alla sökande över 55 år.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Trakasserier – vad krävs?",
                            "body": (
                                "<p>Avsikt att kränka krävs inte. Men den som trakasserar ska ha förstått att "
                                "beteendet upplevs som kränkande. Ibland är det uppenbart. Annars räcker det att den "
                                "som blir utsatt, eller någon annan, tydligt säger ifrån.</p>"
                            ),
                        },
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Kravet på perfekt svenska",
                            "scenario": (
                                "<p>Du är enhetschef inom lokalvården i Ekbacka kommun och ska anställa två nya "
                                "lokalvårdare. En kollega har skrivit annonsen och ställt kravet ”mycket goda "
                                "kunskaper i svenska i tal och skrift”. En av de bästa sökandena har lång erfarenhet "
                                "av lokalvård men talar enkel svenska och skriver med en del fel.</p>"
                            ),
                            "reflection_question": "Är språkkravet rimligt, och hur bör du bedöma den sökande?",
                            "guidance": (
                                "<p>Ett högt språkkrav kan särskilt missgynna personer med annan etnisk tillhörighet "
                                "och kan därför vara indirekt diskriminering, om det inte är motiverat av arbetets "
                                "innehåll. Fråga dig vilka språkkunskaper som verkligen behövs för att göra jobbet "
                                "säkert. Bedöm den sökande utifrån de krav som faktiskt är nödvändiga, och formulera "
                                "om annonsen inför nästa rekrytering.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "trakasserier-och-repressalier",
                "title": "Trakasserier, repressalier och arbetsgivarens ansvar",
                "intro": (
                    "Du får veta vad arbetsgivaren måste göra när någon blir trakasserad, och varför det är förbjudet "
                    "att straffa den som säger ifrån."
                ),
                "body": [
                    ("heading", {"text": "Arbetsgivaren måste utreda", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Om arbetsgivaren får veta att en medarbetare upplever sig trakasserad eller sexuellt "
                            "trakasserad i samband med arbetet, är arbetsgivaren skyldig att utreda vad som har hänt "
                            "och vidta de åtgärder som skäligen kan krävas för att det inte ska hända igen. Det gäller "
                            "när det är en kollega, en chef, en praktikant eller någon annan som arbetar hos oss som "
                            "har trakasserat. Det krävs ingen formell anmälan – det räcker att en chef får kännedom om "
                            "det.</p><p>Som chef i Ekbacka kommun ska du alltid kontakta HR när du får veta att någon "
                            "kan ha blivit trakasserad. Utredningen ska göras skyndsamt, sakligt och med respekt för "
                            "alla inblandade. Både den som har blivit utsatt och den som pekas ut har rätt att bli "
                            "lyssnad på. Trakasserier från brukare, elever eller kunder ska också hanteras, bland "
                            "annat i arbetsmiljöarbetet.</p>"
                        ),
                    ),
                    ("heading", {"text": "Förbud mot repressalier", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Diskrimineringslagen förbjuder arbetsgivaren att utsätta en medarbetare för "
                            "repressalier för att hen har anmält eller påtalat diskriminering, medverkat i en "
                            "utredning eller avvisat eller fogat sig i trakasserier eller sexuella trakasserier från "
                            "arbetsgivaren. Repressalier kan vara allt från uppsägning och omplacering till sämre "
                            "arbetsuppgifter, utebliven lönehöjning eller att någon blir utfrusen.</p><p>Förbudet "
                            "skyddar alltså även den som har vittnat i en utredning. Det ska alltid vara tryggt att "
                            "säga ifrån.</p>"
                        ),
                    ),
                    (
                        "quote",
                        {
                            "text": (
                                "Den som säger ifrån om trakasserier gör arbetsplatsen bättre för alla. Vår uppgift "
                                "som chefer är att se till att det aldrig kostar något att göra det."
                            ),
                            "source": "HR-direktören i Ekbacka kommun",
                        },
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Skämten i personalrummet",
                            "scenario": (
                                "<p>I ditt arbetslag i hemtjänsten skämtar några kollegor ofta om en ny medarbetare, "
                                "Amir, och om att han ber under rasterna. De säger att det ”bara är på skoj”, och Amir "
                                "skrattar ibland med. En dag ser du att han sitter ensam i bilen under lunchen i "
                                "stället för att gå in i personalrummet.</p>"
                            ),
                            "reflection_question": (
                                "Vad kan du göra som kollega, och vad behöver chefen göra om hen får veta?"
                            ),
                            "guidance": (
                                "<p>Att Amir skrattar med betyder inte att han tycker att det är okej. Skämt som "
                                "återkommande handlar om någons religion kan vara trakasserier. Som kollega kan du "
                                "prata med Amir i enrum, säga ifrån när skämten dras och berätta vart han kan vända "
                                "sig. Du kan också själv berätta för chefen. När chefen får veta är arbetsgivaren "
                                "skyldig att utreda och se till att trakasserierna upphör. Amir får inte drabbas "
                                "negativt av att frågan har lyfts.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "aktiva-atgarder",
                "title": "Aktiva åtgärder – förebyggande arbete i fyra steg",
                "intro": (
                    "Du lär dig hur arbetsgivaren ska arbeta förebyggande och främjande med aktiva åtgärder enligt "
                    "diskrimineringslagens 3 kapitel."
                ),
                "body": [
                    ("heading", {"text": "Förebygga i stället för att reagera", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Aktiva åtgärder är ett förebyggande och främjande arbete för att motverka "
                            "diskriminering och främja lika rättigheter och möjligheter. Arbetet ska bedrivas "
                            "fortlöpande och omfatta alla sju diskrimineringsgrunder. Arbetsgivare och medarbetare ska "
                            "samverka, vilket i praktiken ofta sker tillsammans med de fackliga organisationerna.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "De fyra stegen",
                            "body": (
                                "<ol><li><b>Undersöka</b> om det finns risker för diskriminering eller repressalier "
                                "eller andra hinder för lika rättigheter och möjligheter.</li><li><b>Analysera</b> "
                                "orsakerna till de risker och hinder som har upptäckts.</li><li><b>Vidta</b> de "
                                "förebyggande och främjande åtgärder som skäligen kan krävas.</li><li><b>Följa upp och "
                                "utvärdera</b> arbetet.</li></ol>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Fem områden", "level": "h3"}),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Arbetsförhållanden",
                                    "body": (
                                        "<p>Arbetsmiljö, arbetsorganisation och bemötande. Arbetsgivaren ska också ha "
                                        "riktlinjer och rutiner för att förhindra trakasserier, sexuella trakasserier "
                                        "och repressalier.</p>"
                                    ),
                                },
                                {
                                    "title": "Löner och andra anställningsvillkor",
                                    "body": (
                                        "<p>Bestämmelser och praxis om löner och andra villkor. Varje år ska "
                                        "arbetsgivaren göra en lönekartläggning för att upptäcka, åtgärda och "
                                        "förhindra osakliga löneskillnader mellan kvinnor och män.</p>"
                                    ),
                                },
                                {
                                    "title": "Rekrytering och befordran",
                                    "body": (
                                        "<p>Hur annonser formuleras, vilka krav som ställs, hur urval och intervjuer "
                                        "går till och vem som får chansen till nya roller.</p>"
                                    ),
                                },
                                {
                                    "title": "Utbildning och kompetensutveckling",
                                    "body": (
                                        "<p>Vem som får gå utbildningar, pröva nya uppgifter och utvecklas i "
                                        "jobbet.</p>"
                                    ),
                                },
                                {
                                    "title": "Möjligheter att förena arbete och föräldraskap",
                                    "body": (
                                        "<p>Till exempel mötestider, schemaläggning, möjlighet till deltid och hur "
                                        "föräldralediga hålls informerade.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    ("heading", {"text": "Dokumentation", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Arbetsgivare som har 25 eller fler anställda ska varje år dokumentera arbetet med "
                            "aktiva åtgärder skriftligt. Dokumentationen ska bland annat visa vilka risker och hinder "
                            "som har upptäckts, vilka åtgärder som har vidtagits eller planeras, hur arbetet har "
                            "följts upp och hur samverkan med medarbetarna har gått till. Arbetsgivare med tio eller "
                            "fler anställda ska dessutom dokumentera lönekartläggningen skriftligt.</p><p>I Ekbacka "
                            "kommun samordnar HR arbetet, men varje chef undersöker och analyserar sin egen verksamhet "
                            "tillsammans med medarbetarna, till exempel med hjälp av medarbetarenkäten och "
                            "arbetsplatsträffar.</p>"
                        ),
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Möten klockan fem",
                            "scenario": (
                                "<p>På en enhet på stadsbyggnadskontoret hålls de viktigaste planeringsmötena sent på "
                                "eftermiddagen, oftast mellan 16 och 18. Flera medarbetare som hämtar barn på "
                                "förskolan missar dem regelbundet. I medarbetarenkäten skriver några att de känner sig "
                                "utanför och att de inte får de mest intressanta uppdragen.</p>"
                            ),
                            "reflection_question": "Hur kan chefen använda de fyra stegen för att hantera det här?",
                            "guidance": (
                                "<p><b>Undersöka:</b> Enkäten har pekat på en risk. Chefen kan prata med medarbetarna "
                                "och se vem som missar mötena och hur uppdragen fördelas. <b>Analysera:</b> Varför "
                                "ligger mötena så sent? Vilka påverkas – kanske fler kvinnor än män? <b>Vidta "
                                "åtgärder:</b> Flytta mötena till tider då alla kan delta och fördela uppdragen öppet. "
                                "<b>Följa upp:</b> Se efter ett halvår om fler deltar och om uppdragen fördelas "
                                "jämnare, och dokumentera arbetet.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "likabehandlingspolicy-och-vart-du-vander-dig",
                "title": "Vår likabehandlingspolicy och vart du vänder dig",
                "intro": (
                    "Du får veta vad Ekbacka kommunkoncerns likabehandlingspolicy innebär, hur den följs upp och vart "
                    "du kan vända dig om något har hänt."
                ),
                "body": [
                    ("heading", {"text": "Vad policyn lovar", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>En likabehandlingspolicy beskriver hur en organisation ska arbeta för att alla ska "
                            "behandlas lika, både som medarbetare och i mötet med invånarna. Ekbacka kommunkoncerns "
                            "policy är beslutad av kommunfullmäktige och gäller för alla förvaltningar och bolag. "
                            "Policyn går på några punkter längre än lagens minimikrav, men lagen gäller alltid.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Ekbacka kommunkoncern åtar sig att",
                            "body": (
                                "<ul><li>aldrig acceptera diskriminering, trakasserier, sexuella trakasserier eller "
                                "repressalier</li><li>arbeta med aktiva åtgärder inom alla fem områden och dokumentera "
                                "arbetet varje år</li><li>göra en lönekartläggning varje år och rätta till osakliga "
                                "löneskillnader</li><li>rekrytera med kompetensbaserade metoder och tydliga "
                                "krav</li><li>göra lokaler, information och digitala tjänster "
                                "tillgängliga</li><li>utbilda alla chefer och medarbetare i "
                                "likabehandling</li><li>utreda alla anmälningar skyndsamt och skydda den som "
                                "anmäler</li></ul>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Så följs policyn upp", "level": "h3"}),
                    (
                        "paragraph",
                        (
                            "<p>Varje förvaltning och bolag rapporterar en gång om året till kommunstyrelsen eller "
                            "bolagets styrelse hur arbetet har gått. Rapporten bygger bland annat på "
                            "medarbetarenkäten, lönekartläggningen, hur många anmälningar om trakasserier som har "
                            "kommit in och hur de har hanterats, samt statistik om rekrytering och "
                            "kompetensutveckling. HR sammanställer en rapport för hela koncernen, och policyn ses över "
                            "varje mandatperiod.</p>"
                        ),
                    ),
                    ("heading", {"text": "Vart vänder du dig?", "level": "h2"}),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Din chef",
                                    "body": (
                                        "<p>Börja gärna med din närmaste chef. Om det är chefen som är problemet kan "
                                        "du vända dig till chefens chef. En chef som får veta att du har blivit utsatt "
                                        "är skyldig att agera.</p>"
                                    ),
                                },
                                {
                                    "title": "HR",
                                    "body": (
                                        "<p>HR ger råd till både medarbetare och chefer och stöttar när diskriminering "
                                        "eller trakasserier ska utredas.</p>"
                                    ),
                                },
                                {
                                    "title": "Skyddsombud och fackligt ombud",
                                    "body": (
                                        "<p>Skyddsombudet företräder medarbetarna i arbetsmiljöfrågor, och "
                                        "trakasserier är också en arbetsmiljöfråga. Om du är medlem i ett fackförbund "
                                        "kan du få råd och stöd där. Facket har i första hand rätt att föra din talan "
                                        "om det blir en tvist.</p>"
                                    ),
                                },
                                {
                                    "title": "Diskrimineringsombudsmannen (DO)",
                                    "body": (
                                        "<p>DO är den myndighet som har tillsyn över att diskrimineringslagen följs. "
                                        "Vem som helst kan anmäla till DO. DO använder anmälningarna i sin tillsyn och "
                                        "kan i vissa fall driva ett ärende i domstol för den som har blivit "
                                        "diskriminerad.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Skriv gärna ner vad som har hänt, när det hände och vilka som var med. Det underlättar "
                            "om saken ska utredas. Du kan också be att få ta med dig någon du litar på, till exempel "
                            "ett fackligt ombud, till samtal om det som har hänt.</p>"
                        ),
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Kunskapstest: Likabehandling och diskrimineringsgrunderna",
            "intro": (
                "Varje försök har tio frågor om diskrimineringslagen, aktiva åtgärder och vart du vänder dig, dragna ur "
                "en större frågebank och i ny ordning varje gång. Du behöver minst 80 procent rätt och har tre försök."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "questions_to_draw": 10,
            "shuffle_questions": True,
            "shuffle_choices": True,
            "questions": [
                {
                    "type": "multiple",
                    "text": (
                        "Vilka av följande är diskrimineringsgrunder enligt diskrimineringslagen? Välj alla som "
                        "stämmer."
                    ),
                    "explanation": (
                        "Ålder, religion eller annan trosuppfattning och funktionsnedsättning är tre av de sju "
                        "grunderna. Politisk uppfattning och social bakgrund omfattas inte av lagen."
                    ),
                    "choices": [
                        {"text": "Ålder", "correct": True, "feedback": ""},
                        {"text": "Religion eller annan trosuppfattning", "correct": True, "feedback": ""},
                        {"text": "Politisk uppfattning", "correct": False, "feedback": ""},
                        {"text": "Funktionsnedsättning", "correct": True, "feedback": ""},
                        {"text": "Social bakgrund", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "single",
                    "text": "Hur många diskrimineringsgrunder finns det i diskrimineringslagen?",
                    "explanation": (
                        "Det finns sju: kön, könsöverskridande identitet eller uttryck, etnisk tillhörighet, religion "
                        "eller annan trosuppfattning, funktionsnedsättning, sexuell läggning och ålder."
                    ),
                    "choices": [
                        {"text": "Fem", "correct": False, "feedback": ""},
                        {"text": "Sju", "correct": True, "feedback": ""},
                        {"text": "Nio", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": "Indirekt diskriminering kan förekomma även när en regel gäller lika för alla.",
                    "explanation": (
                        "Sant. Indirekt diskriminering är just en regel eller ett krav som ser neutralt ut men som i "
                        "praktiken missgynnar personer med en viss diskrimineringsgrund, om det inte har ett "
                        "berättigat syfte och är lämpligt och nödvändigt."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": True, "feedback": ""},
                        {"text": "Falskt", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "Du sitter i en intervjupanel. En sökande, 58 år, har de bästa meriterna. En kollega i panelen "
                        "säger: ”Hon går ju snart i pension, vi tar någon yngre i stället.” Vad gör du?"
                    ),
                    "explanation": (
                        "Att välja bort en sökande på grund av ålder är direkt diskriminering. Bedömningen ska utgå "
                        "från de krav som har ställts för tjänsten."
                    ),
                    "choices": [
                        {
                            "text": "Jag säger ifrån och föreslår att vi bedömer alla sökande mot kraven för tjänsten.",
                            "correct": True,
                            "feedback": (
                                "Rätt. Åldern får inte avgöra, och du hjälper panelen att göra en saklig bedömning."
                            ),
                        },
                        {
                            "text": "Jag håller med, eftersom det är dyrt att rekrytera igen om några år.",
                            "correct": False,
                            "feedback": (
                                "Nej. Att välja bort någon på grund av ålder är direkt diskriminering, även om motivet "
                                "är ekonomiskt."
                            ),
                        },
                        {
                            "text": "Jag säger inget nu, men tar upp det med kollegan efter rekryteringen.",
                            "correct": False,
                            "feedback": (
                                "Det är för sent. Den sökande har då redan drabbats, och du behöver säga ifrån medan "
                                "beslutet fattas."
                            ),
                        },
                        {
                            "text": "Jag föreslår att vi frågar den sökande när hon tänker gå i pension.",
                            "correct": False,
                            "feedback": (
                                "Nej. Frågan bygger på samma åldersantagande och kan i sig vara ett tecken på "
                                "diskriminering."
                            ),
                        },
                    ],
                },
                {
                    "type": "single",
                    "text": "Vad menas med bristande tillgänglighet i diskrimineringslagen?",
                    "explanation": (
                        "Bristande tillgänglighet betyder att en person med funktionsnedsättning missgynnas genom att "
                        "skäliga åtgärder för tillgänglighet inte har vidtagits."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Att en person med funktionsnedsättning missgynnas för att skäliga åtgärder för "
                                "tillgänglighet inte har vidtagits"
                            ),
                            "correct": True,
                            "feedback": "",
                        },
                        {"text": "Att en chef inte svarar i telefon under semestern", "correct": False, "feedback": ""},
                        {
                            "text": "Att en lokal saknar hiss, oavsett om någon missgynnas",
                            "correct": False,
                            "feedback": "",
                        },
                        {"text": "Att en tjänst bara finns på svenska", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "För att något ska räknas som trakasserier måste den som trakasserar ha haft avsikt att kränka."
                    ),
                    "explanation": (
                        "Falskt. Avsikt krävs inte. Det avgörande är att beteendet kränker någons värdighet och att "
                        "den som trakasserar har förstått, eller fått veta, att det upplevs som kränkande."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": False, "feedback": ""},
                        {"text": "Falskt", "correct": True, "feedback": ""},
                    ],
                },
                {
                    "type": "multiple",
                    "text": "Vilka steg ingår i arbetet med aktiva åtgärder? Välj alla som stämmer.",
                    "explanation": (
                        "Arbetet består av fyra steg: undersöka risker och hinder, analysera orsakerna, vidta åtgärder "
                        "och följa upp och utvärdera. Arbetet ska vara fortlöpande, inte bara ske när någon har anmält "
                        "något."
                    ),
                    "choices": [
                        {"text": "Undersöka risker och hinder", "correct": True, "feedback": ""},
                        {"text": "Analysera orsakerna", "correct": True, "feedback": ""},
                        {"text": "Vidta åtgärder", "correct": True, "feedback": ""},
                        {"text": "Följa upp och utvärdera", "correct": True, "feedback": ""},
                        {"text": "Vänta tills någon har anmält diskriminering", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "En arbetsgivare med 25 eller fler anställda ska varje år dokumentera arbetet med aktiva "
                        "åtgärder skriftligt."
                    ),
                    "explanation": (
                        "Sant. Diskrimineringslagen kräver skriftlig dokumentation varje år av arbetsgivare som har 25 "
                        "eller fler anställda."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": True, "feedback": ""},
                        {"text": "Falskt", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "Du är enhetschef. Samir har anmält en kollega för trakasserier, och utredningen pågår. Din "
                        "ställföreträdare föreslår att Samir flyttas till en annan enhet ”så att det blir lugnare i "
                        "gruppen”. Samir vill inte flytta. Vad gör du?"
                    ),
                    "explanation": (
                        "Att flytta den som har anmält mot hens vilja kan vara en repressalie, vilket är förbjudet. "
                        "Åtgärder ska riktas mot trakasserierna, inte mot den som har sagt ifrån."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag säger nej till flytten och ser i stället till att utredningen blir klar och att "
                                "trakasserierna upphör."
                            ),
                            "correct": True,
                            "feedback": (
                                "Rätt. Samir får inte drabbas för att han har anmält, och det är trakasserierna som "
                                "ska åtgärdas."
                            ),
                        },
                        {
                            "text": "Jag flyttar Samir, eftersom lugn i gruppen är viktigast.",
                            "correct": False,
                            "feedback": (
                                "Nej. En flytt mot hans vilja kan vara en förbjuden repressalie och signalerar att det "
                                "kostar att säga ifrån."
                            ),
                        },
                        {
                            "text": "Jag flyttar båda två för att vara rättvis.",
                            "correct": False,
                            "feedback": (
                                "Nej. Även om båda flyttas drabbas Samir av en åtgärd han inte vill ha, och det kan "
                                "vara en repressalie."
                            ),
                        },
                        {
                            "text": "Jag pausar utredningen tills stämningen har blivit bättre.",
                            "correct": False,
                            "feedback": "Nej. Arbetsgivaren är skyldig att utreda, och det ska göras skyndsamt.",
                        },
                    ],
                },
                {
                    "type": "single",
                    "text": "Vilken myndighet har tillsyn över att diskrimineringslagen följs?",
                    "explanation": (
                        "Diskrimineringsombudsmannen (DO) har tillsyn över diskrimineringslagen, tar emot anmälningar "
                        "och kan i vissa fall driva ärenden i domstol."
                    ),
                    "choices": [
                        {"text": "Diskrimineringsombudsmannen (DO)", "correct": True, "feedback": ""},
                        {"text": "Arbetsmiljöverket", "correct": False, "feedback": ""},
                        {"text": "Justitieombudsmannen (JO)", "correct": False, "feedback": ""},
                        {"text": "Inspektionen för vård och omsorg (IVO)", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "En kollega berättar i förtroende att en chef på en annan enhet flera gånger har kommenterat "
                        "hennes kropp och skickat sms sent på kvällarna. Hon skäms och vill inte ”göra en stor sak av "
                        "det”. Vad gör du?"
                    ),
                    "explanation": (
                        "Det kollegan beskriver kan vara sexuella trakasserier. Ta henne på allvar, stötta henne och "
                        "hjälp henne att hitta rätt väg att anmäla."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag lyssnar, tar det på allvar och berättar att hon kan vända sig till sin chef, HR "
                                "eller skyddsombudet. Jag erbjuder mig att följa med."
                            ),
                            "correct": True,
                            "feedback": (
                                "Bra. Du ger stöd och visar vägen, så att arbetsgivaren kan utreda och stoppa "
                                "trakasserierna."
                            ),
                        },
                        {
                            "text": "Jag säger att hon nog har missuppfattat chefen.",
                            "correct": False,
                            "feedback": (
                                "Nej. Det är den som blir utsatt som avgör vad som är ovälkommet, och du riskerar att "
                                "hon slutar berätta."
                            ),
                        },
                        {
                            "text": "Jag skriver om det i arbetsplatsens chattgrupp så att fler kan reagera.",
                            "correct": False,
                            "feedback": (
                                "Nej. Det sprider känsliga uppgifter om henne utan hennes samtycke och kan göra "
                                "situationen värre."
                            ),
                        },
                        {
                            "text": "Jag lovar att aldrig säga något till någon, oavsett vad som händer.",
                            "correct": False,
                            "feedback": (
                                "Det kan låsa dig. Om hon riskerar att skadas kan du behöva involvera en chef eller "
                                "HR, och det är bättre att vara ärlig med det."
                            ),
                        },
                    ],
                },
                {
                    "type": "multiple",
                    "text": (
                        "Vart kan du vända dig om du har blivit utsatt för diskriminering eller trakasserier på "
                        "jobbet? Välj alla som stämmer."
                    ),
                    "explanation": (
                        "Du kan vända dig till din chef eller chefens chef, HR, skyddsombudet eller ditt fack, och du "
                        "kan anmäla till DO. Att vänta och se brukar inte lösa problemet."
                    ),
                    "choices": [
                        {"text": "Till din chef eller chefens chef", "correct": True, "feedback": ""},
                        {"text": "Till HR", "correct": True, "feedback": ""},
                        {"text": "Till skyddsombudet", "correct": True, "feedback": ""},
                        {"text": "Till Diskrimineringsombudsmannen (DO)", "correct": True, "feedback": ""},
                        {
                            "text": "Ingenstans – det är bäst att vänta och se om det går över",
                            "correct": False,
                            "feedback": "",
                        },
                    ],
                },
                {
                    "type": "single",
                    "text": "Vad innebär repressalieförbudet i diskrimineringslagen?",
                    "explanation": (
                        "Arbetsgivaren får inte utsätta den som har anmält eller påtalat diskriminering, eller "
                        "medverkat i en utredning, för någon form av bestraffning eller sämre behandling."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Att den som har anmält diskriminering inte får behandlas sämre för att hen har gjort "
                                "det"
                            ),
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Att den som anmäler diskriminering alltid får ersättning",
                            "correct": False,
                            "feedback": "",
                        },
                        {"text": "Att en anmälan måste göras anonymt", "correct": False, "feedback": ""},
                        {
                            "text": "Att den som anmäls måste stängas av under utredningen",
                            "correct": False,
                            "feedback": "",
                        },
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "När arbetsgivaren får veta att en medarbetare anser sig ha blivit trakasserad i samband med "
                        "arbetet, ska arbetsgivaren utreda vad som har hänt och vid behov vidta åtgärder."
                    ),
                    "explanation": (
                        "Sant. Enligt diskrimineringslagen måste arbetsgivaren utreda omständigheterna och vidta de "
                        "åtgärder som skäligen kan krävas för att förhindra trakasserier i framtiden."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": True, "feedback": ""},
                        {"text": "Falskt", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "single",
                    "text": (
                        "Vilken diskrimineringsgrund skyddar en transperson som behandlas sämre för att hen är "
                        "transperson?"
                    ),
                    "explanation": (
                        "Diskrimineringsgrunden könsöverskridande identitet eller uttryck skyddar den som inte "
                        "identifierar sig som kvinna eller man, eller som ger uttryck för att tillhöra ett annat kön."
                    ),
                    "choices": [
                        {"text": "Könsöverskridande identitet eller uttryck", "correct": True, "feedback": ""},
                        {"text": "Sexuell läggning", "correct": False, "feedback": ""},
                        {"text": "Funktionsnedsättning", "correct": False, "feedback": ""},
                        {"text": "Trosuppfattning", "correct": False, "feedback": ""},
                    ],
                },
            ],
        },
    },
    {
        "slug": "introduktion-for-fortroendevalda",
        "title": "Introduktion för förtroendevalda",
        "summary": (
            "En introduktion för dig som är förtroendevald i Ekbacka kommun: hur kommunen styrs enligt kommunallagen, "
            "gränsen mellan politik och förvaltning, jäv, offentlighet och sekretess, och hur du gör om du utsätts för "
            "hot och hat."
        ),
        "objectives": [
            "Efter kursen kan du beskriva fullmäktiges, kommunstyrelsens och nämndernas roller enligt kommunallagen.",
            "Efter kursen kan du förklara rollfördelningen mellan politik och förvaltning.",
            "Efter kursen kan du känna igen de olika jävsgrunderna och vet hur du gör när du kan vara jävig.",
            (
                "Efter kursen kan du avgöra när en handling du får kan vara allmän och vad tystnadsplikten innebär för "
                "dig."
            ),
            "Efter kursen vet du hur du anmäler hot och hat och vilket stöd du kan få.",
        ],
        "audiences": ["politician"],
        "estimated_minutes": 45,
        "lessons": [
            {
                "slug": "sa-styrs-kommunen",
                "title": "Så styrs kommunen",
                "intro": (
                    "Du får en överblick över hur kommunallagen fördelar ansvaret mellan fullmäktige, kommunstyrelsen "
                    "och nämnderna."
                ),
                "body": [
                    ("heading", {"text": "Kommunal självstyrelse", "level": "h2"}),
                    (
                        "quote",
                        {
                            "text": (
                                "Den svenska folkstyrelsen bygger på fri åsiktsbildning och på allmän och lika "
                                "rösträtt. Den förverkligas genom ett representativt och parlamentariskt statsskick "
                                "och genom kommunal självstyrelse."
                            ),
                            "source": "Regeringsformen 1 kap. 1 §",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Kommunen ansvarar för många av de tjänster som invånarna möter varje dag, som "
                            "förskola, skola, äldreomsorg, socialtjänst, bygglov och vatten och avlopp. Hur kommunen "
                            "ska vara organiserad och hur beslut ska fattas regleras framför allt i kommunallagen "
                            "(2017:725). Som förtroendevald har du fått väljarnas uppdrag att styra den här "
                            "verksamheten.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Kommunfullmäktige",
                                    "body": (
                                        "<p>Fullmäktige är kommunens högsta beslutande organ och väljs direkt av "
                                        "invånarna. Fullmäktige beslutar i ärenden av principiell beskaffenhet eller "
                                        "annars av större vikt, till exempel mål och riktlinjer för verksamheten, "
                                        "budget och skatt, nämndernas organisation, val av ledamöter i nämnderna, val "
                                        "av revisorer samt årsredovisning och ansvarsfrihet. Fullmäktiges sammanträden "
                                        "är offentliga.</p>"
                                    ),
                                },
                                {
                                    "title": "Kommunstyrelsen",
                                    "body": (
                                        "<p>Kommunstyrelsen leder och samordnar förvaltningen av kommunens "
                                        "angelägenheter och har uppsikt över de andra nämndernas verksamhet och över "
                                        "kommunens bolag. Styrelsen har hand om den ekonomiska förvaltningen, ska få "
                                        "yttra sig över ärenden som ska till fullmäktige och utser en direktör som "
                                        "leder förvaltningen under styrelsen.</p>"
                                    ),
                                },
                                {
                                    "title": "Nämnderna",
                                    "body": (
                                        "<p>Nämnderna ansvarar för sina verksamheter, till exempel skola, socialtjänst "
                                        "eller bygglov. De ska se till att verksamheten bedrivs enligt de mål och "
                                        "riktlinjer som fullmäktige har bestämt och enligt lagar och andra "
                                        "föreskrifter, och att den interna kontrollen är tillräcklig. Vad varje nämnd "
                                        "ansvarar för står i dess reglemente, som fullmäktige beslutar om.</p>"
                                    ),
                                },
                                {
                                    "title": "Revisorerna",
                                    "body": (
                                        "<p>Revisorerna granskar på fullmäktiges uppdrag den verksamhet som bedrivs "
                                        "inom nämnderna. Varje år lämnar de en revisionsberättelse till fullmäktige "
                                        "där de bland annat uttalar sig om ansvarsfrihet bör beviljas eller inte.</p>"
                                    ),
                                },
                                {
                                    "title": "De kommunala bolagen",
                                    "body": (
                                        "<p>En del verksamhet drivs i bolag, till exempel bostäder eller energi. "
                                        "Fullmäktige beslutar om bolagens ändamål och ägardirektiv, och ska få ta "
                                        "ställning innan bolagen fattar beslut som är av principiell beskaffenhet "
                                        "eller annars av större vikt.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Vem är förtroendevald?",
                            "body": (
                                "<p>Enligt kommunallagen är ledamöter och ersättare i fullmäktige, nämnder och "
                                "fullmäktigeberedningar förtroendevalda, liksom revisorerna. Som förtroendevald har du "
                                "rätt till ledighet från din anställning för att kunna sköta uppdraget, och rätt till "
                                "ersättning enligt de regler som fullmäktige har beslutat om.</p>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>I Ekbacka kommun finns kommunfullmäktige med 49 ledamöter, kommunstyrelsen och sex "
                            "facknämnder. Kommunen äger också ett bostadsbolag och ett energibolag genom ett "
                            "moderbolag. Du hittar reglementen, delegationsordningar och ägardirektiv på kommunens "
                            "intranät för förtroendevalda.</p>"
                        ),
                    ),
                ],
            },
            {
                "slug": "politik-och-forvaltning",
                "title": "Politik och förvaltning – olika roller",
                "intro": "Du lär dig hur ansvaret är fördelat mellan dig som förtroendevald och kommunens anställda.",
                "body": [
                    ("heading", {"text": "Politiken beslutar, förvaltningen bereder och verkställer", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>I kommunen finns två delar med olika roller. De förtroendevalda har fått väljarnas "
                            "mandat att bestämma vad kommunen ska göra: mål, prioriteringar och hur pengarna ska "
                            "fördelas. Förvaltningen, alltså kommunens anställda, tar fram underlag inför besluten och "
                            "genomför dem sedan. Det kallas att förvaltningen bereder och "
                            "verkställer.</p><p>Tjänstepersonerna ska ge dig sakliga och allsidiga underlag, även när "
                            "slutsatserna inte passar din politiska linje. Du har i din tur rätt att ställa frågor, "
                            "begära kompletteringar och förvänta dig att besluten genomförs lojalt.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Nämnden beslutar – inte den enskilda ledamoten",
                            "body": (
                                "<p>Det är nämnden som helhet som har makten. Som enskild ledamot, eller som "
                                "ordförande, kan du bara fatta beslut om nämnden har delegerat den rätten till dig. Du "
                                "kan alltså inte på egen hand ge instruktioner till en handläggare i ett enskilt "
                                "ärende. Vill du påverka hur verksamheten sköts gör du det genom nämndens beslut och i "
                                "dialog med förvaltningschefen.</p>"
                            ),
                        },
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Delegation",
                                    "body": (
                                        "<p>En nämnd får delegera beslutanderätt till ett utskott, en ledamot, en "
                                        "ersättare eller en anställd. Det gör arbetet effektivare. Vissa beslut får "
                                        "inte delegeras, till exempel beslut om verksamhetens mål och inriktning och "
                                        "ärenden av principiell beskaffenhet eller annars av större vikt. Beslut som "
                                        "fattas med stöd av delegation ska anmälas till nämnden.</p>"
                                    ),
                                },
                                {
                                    "title": "Myndighetsutövning",
                                    "body": (
                                        "<p>När kommunen fattar beslut som gäller enskilda, till exempel om bistånd, "
                                        "bygglov eller tillstånd, är det myndighetsutövning. Då gäller extra höga krav "
                                        "på saklighet, opartiskhet och rättssäkerhet. Den som har ett ärende ska kunna "
                                        "lita på att beslutet bygger på lag och fakta, inte på vem som har bra "
                                        "kontakter.</p>"
                                    ),
                                },
                                {
                                    "title": "Kommundirektören",
                                    "body": (
                                        "<p>Kommundirektören leder förvaltningen under kommunstyrelsen, och styrelsen "
                                        "beslutar om en instruktion för direktören. Det är direktören och "
                                        "förvaltningscheferna som leder personalen – inte de förtroendevalda.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Grannen och bygglovet",
                            "scenario": (
                                "<p>Du är ledamot i byggnadsnämnden. En granne kommer fram till dig i mataffären och "
                                "berättar att hennes ansökan om bygglov för ett garage har legat hos kommunen i sju "
                                "veckor. ”Du som sitter i nämnden kan väl ringa handläggaren och skynda på? Det är ju "
                                "ett så enkelt ärende”, säger hon.</p>"
                            ),
                            "reflection_question": "Hur svarar du, och vad kan du göra?",
                            "guidance": (
                                "<p>Du ska inte kontakta handläggaren för att påverka ett enskilt ärende. Det kan "
                                "uppfattas som att grannen får förtur, och beslutet ska fattas sakligt och enligt "
                                "delegationsordningen. Eftersom ni är grannar kan du dessutom vara jävig om ärendet "
                                "kommer upp i nämnden. Du kan däremot hänvisa grannen till bygglovsenheten, där hon "
                                "kan fråga hur det går med ärendet, och berätta att plan- och bygglagen har "
                                "tidsfrister för beslut om bygglov. Om du märker att många ärenden är försenade är det "
                                "en fråga för nämnden att ta upp med förvaltningen på ett generellt plan.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "jav-for-fortroendevalda",
                "title": "Jäv för förtroendevalda",
                "intro": (
                    "Du lär dig när du kan vara jävig, vad du ska göra då och varför jävsreglerna är viktiga för "
                    "förtroendet."
                ),
                "body": [
                    ("heading", {"text": "Varför finns jävsreglerna?", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Jävsreglerna ska se till att besluten fattas sakligt och opartiskt, och att invånarna "
                            "kan lita på det. Det avgörande är om det finns omständigheter som gör att andra kan "
                            "ifrågasätta din opartiskhet. Reglerna för ledamöter och ersättare i nämnder finns i "
                            "kommunallagen 6 kap. 28–32 §§. Att du har en politisk uppfattning i en fråga gör dig "
                            "däremot inte jävig.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Släktskapsjäv",
                                    "body": (
                                        "<p>Ärendet angår dig personligen eller din make eller maka, sambo, förälder, "
                                        "barn, syskon eller någon annan närstående. <i>Exempel:</i> Nämnden ska "
                                        "besluta om ett bygglov som din dotter har sökt.</p>"
                                    ),
                                },
                                {
                                    "title": "Intressejäv",
                                    "body": (
                                        "<p>Ärendets utgång kan väntas medföra synnerlig nytta eller skada för dig "
                                        "själv eller för någon närstående. <i>Exempel:</i> Nämnden ska besluta om en "
                                        "detaljplan som kraftigt påverkar värdet på din egen fastighet.</p>"
                                    ),
                                },
                                {
                                    "title": "Ställföreträdarjäv",
                                    "body": (
                                        "<p>Du eller någon närstående är ställföreträdare för den som ärendet angår, "
                                        "eller för någon som kan vänta sig synnerlig nytta eller skada av beslutet. En "
                                        "ställföreträdare kan vara styrelseledamot i ett företag eller en förening, vd "
                                        "eller god man. <i>Exempel:</i> Du sitter i styrelsen för en idrottsförening "
                                        "som har sökt bidrag från kultur- och fritidsnämnden.</p>"
                                    ),
                                },
                                {
                                    "title": "Delikatessjäv",
                                    "body": (
                                        "<p>Det finns någon annan särskild omständighet som kan rubba förtroendet för "
                                        "din opartiskhet. Det kan vara en nära vänskap, en ovänskap, ett "
                                        "affärsförhållande eller att du är anställd hos den som ärendet gäller.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Så gör du om du kan vara jävig",
                            "body": (
                                "<ol><li>Anmäl själv att du kan vara jävig – gärna före sammanträdet, till ordföranden "
                                "eller nämndsekreteraren.</li><li>Om det är oklart beslutar nämnden i "
                                "jävsfrågan.</li><li>Lämna rummet när ärendet behandlas. Den som är jävig får inte "
                                "delta eller närvara när ärendet handläggs, och det gäller även beredningen, till "
                                "exempel i ett utskott.</li><li>Be att jävet antecknas i protokollet och låt en "
                                "ersättare tjänstgöra i ditt ställe.</li></ol>"
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Om en jävig ledamot ändå deltar kan beslutet upphävas av förvaltningsrätten om någon "
                            "begär laglighetsprövning. Är du osäker – anmäl hellre jäv en gång för mycket än en gång "
                            "för lite.</p><p>I fullmäktige gäller en snävare regel: du får inte delta i handläggningen "
                            "av ett ärende som personligen rör dig själv eller någon närstående. Tänk också på att du "
                            "som förtroendevald omfattas av brottsbalkens regler om mutbrott.</p>"
                        ),
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Svågerns företag",
                            "scenario": (
                                "<p>Du sitter i tekniska nämnden. På nästa sammanträde ska nämnden besluta vem som får "
                                "kontraktet för snöröjning. Ett av de tre företag som har lämnat anbud ägs av din "
                                "svåger, som är gift med din syster. Du har inte pratat med honom om upphandlingen och "
                                "tycker själv att du kan vara helt objektiv.</p>"
                            ),
                            "reflection_question": "Är du jävig, och vad ska du göra?",
                            "guidance": (
                                "<p>Troligen ja. Din syster är närstående och hennes make äger företaget, så beslutet "
                                "kan innebära nytta eller skada för din närmaste familj. Det kan i alla fall rubba "
                                "förtroendet för din opartiskhet. Att du själv känner dig objektiv spelar ingen roll. "
                                "Anmäl jäv till ordföranden eller nämndsekreteraren före sammanträdet, delta inte i "
                                "beredningen och lämna rummet när ärendet behandlas.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "offentlighet-och-sekretess",
                "title": "Offentlighet och sekretess i uppdraget",
                "intro": (
                    "Du får veta när handlingar som du får kan bli allmänna och vad tystnadsplikten innebär för dig "
                    "som förtroendevald."
                ),
                "body": [
                    ("heading", {"text": "Allmänna handlingar", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Enligt tryckfrihetsförordningen har alla rätt att ta del av allmänna handlingar. En "
                            "handling är allmän om den förvaras hos kommunen och har kommit in dit eller upprättats "
                            "där. Kallelser, tjänsteskrivelser och protokoll är alltså allmänna handlingar, liksom de "
                            "flesta e-postmeddelanden som kommer in till kommunen.</p><p>Som förtroendevald behöver du "
                            "veta att handlingar som skickas till dig i din roll kan bli allmänna. Det gäller till "
                            "exempel ett mejl till dig som nämndordförande om ett ärende i nämnden, eller handlingar i "
                            "ett ärende som du beslutar om med stöd av delegation. Det spelar då ingen roll om mejlet "
                            "kommer till din kommunala e-postadress eller till din privata. Handlingar som du får som "
                            "privatperson eller som företrädare för ditt parti, till exempel interna partidokument, är "
                            "däremot inte allmänna handlingar.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Tumregler för din e-post",
                            "body": (
                                "<ul><li>Använd din kommunala e-postadress för uppdraget och håll isär uppdrag, parti "
                                "och privatliv.</li><li>Skicka mejl som kan vara allmänna handlingar vidare till "
                                "nämndens registrator så att de kan registreras.</li><li>Radera inte allmänna "
                                "handlingar på egen hand. Det är arkivreglerna som styr vad som får "
                                "gallras.</li><li>Om någon vill ta del av en handling som du har fått: lämna begäran "
                                "vidare till förvaltningen, som gör en sekretessprövning.</li></ul>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Sekretess och tystnadsplikt", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Offentlighets- och sekretesslagen (2009:400) anger vilka uppgifter som omfattas av "
                            "sekretess. Sekretessen gäller inte bara för anställda utan också för dig som "
                            "förtroendevald. I till exempel socialnämnden, utbildningsnämnden och byggnadsnämnden får "
                            "du del av uppgifter om enskilda personers hälsa, familjeförhållanden och ekonomi. Du får "
                            "inte föra dem vidare till någon som inte har rätt att ta del av dem – inte till din "
                            "partigrupp, inte till familjen och inte i sociala medier.</p><p>Tystnadsplikten gäller "
                            "även efter att ditt uppdrag har upphört. Att bryta mot tystnadsplikten kan vara ett brott "
                            "enligt brottsbalken. Förvara sekretessbelagda handlingar så att ingen obehörig kan läsa "
                            "dem, och lämna tillbaka eller förstör dem enligt kommunens rutiner.</p>"
                        ),
                    ),
                    (
                        "dilemma",
                        {
                            "title": "Frågan på föreningsmötet",
                            "scenario": (
                                "<p>Du sitter i socialnämndens individutskott. På ett möte i en förening där du är "
                                "aktiv kommer en bekant fram och frågar: ”Jag hörde att familjen på Björkvägen 12 har "
                                "blivit anmäld till socialtjänsten. Du vet väl vad som har hänt?” Du känner igen "
                                "adressen från ett ärende som utskottet behandlade förra veckan.</p>"
                            ),
                            "reflection_question": "Hur svarar du, och varför?",
                            "guidance": (
                                "<p>Du får inte berätta något om ärendet, och du ska inte heller bekräfta eller "
                                "förneka att familjen har kontakt med socialtjänsten. Redan uppgiften att någon har "
                                "ett ärende hos socialtjänsten omfattas av sekretess. Ett bra svar är: ”Jag pratar "
                                "aldrig om enskilda personer eller ärenden, det hoppas jag att du förstår.” Säg samma "
                                "sak oavsett om du känner till ett ärende eller inte, så att ditt svar inte avslöjar "
                                "något.</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "hot-och-hat-mot-fortroendevalda",
                "title": "Hot och hat mot förtroendevalda",
                "intro": (
                    "Du får veta hur vanligt det är att förtroendevalda utsätts, hur du anmäler och vilket stöd du kan "
                    "få."
                ),
                "body": [
                    ("heading", {"text": "Ett hot mot demokratin", "level": "h2"}),
                    (
                        "paragraph",
                        (
                            "<p>Hot, hat och trakasserier mot förtroendevalda drabbar inte bara den som blir utsatt. "
                            "Om politiker avstår från att engagera sig i vissa frågor, ändrar sina ställningstaganden "
                            "eller lämnar sina uppdrag av rädsla, påverkas hela den demokratiska processen. Därför tar "
                            "Ekbacka kommun alla sådana händelser på allvar.</p>"
                        ),
                    ),
                    (
                        "fact_box",
                        {
                            "title": "Politikernas trygghetsundersökning",
                            "body": (
                                "<p>Brottsförebyggande rådet (Brå) undersöker återkommande hur förtroendevalda i "
                                "kommuner, regioner och riksdagen utsätts för trakasserier, hot och våld. I varje "
                                "undersökning uppger en betydande andel av de förtroendevalda att de har blivit "
                                "utsatta under det senaste året, och många oroar sig för att bli det. De som har "
                                "framträdande uppdrag, till exempel kommunstyrelsens ordförande, är mer utsatta. "
                                "Mycket sker via sociala medier och e-post, och många händelser anmäls aldrig till "
                                "polisen. Undersökningen visar också att utsattheten kan leda till att förtroendevalda "
                                "avstår från att uttala sig eller funderar på att lämna sitt uppdrag.</p>"
                            ),
                        },
                    ),
                    ("heading", {"text": "Om du blir utsatt", "level": "h2"}),
                    (
                        "accordion",
                        {
                            "items": [
                                {
                                    "title": "Vid akut fara",
                                    "body": (
                                        "<p>Ring 112 om du är i akut fara eller om ett brott pågår. Sätt dig själv i "
                                        "säkerhet först.</p>"
                                    ),
                                },
                                {
                                    "title": "Polisanmäl",
                                    "body": (
                                        "<p>Polisanmäl hot och trakasserier, även när de kommer via sociala medier "
                                        "eller e-post. Ring 114 14 eller anmäl via polisen.se. Hot mot förtroendevalda "
                                        "kan till exempel vara olaga hot, ofredande eller brott mot medborgerlig "
                                        "frihet. En anmälan gör det möjligt för polisen att bedöma hotet och se "
                                        "mönster, även om den inte leder till åtal.</p>"
                                    ),
                                },
                                {
                                    "title": "Dokumentera",
                                    "body": (
                                        "<p>Spara meddelanden, ta skärmbilder där datum och avsändare syns, och skriv "
                                        "ner vad som hände, när och var. Radera ingenting innan du har dokumenterat "
                                        "det.</p>"
                                    ),
                                },
                                {
                                    "title": "Kontakta kommunens säkerhetsfunktion",
                                    "body": (
                                        "<p>Kontakta Ekbacka kommuns säkerhetssamordnare. Säkerhetsfunktionen kan "
                                        "hjälpa dig att bedöma risken, hålla kontakt med polisen, se över säkerheten "
                                        "vid sammanträden och ge råd om vilka uppgifter om dig som finns tillgängliga "
                                        "på nätet. Berätta också för din gruppledare eller nämndordförande.</p>"
                                    ),
                                },
                                {
                                    "title": "Ta emot stöd",
                                    "body": (
                                        "<p>Att bli utsatt kan påverka dig mycket, även när det ”bara” är ord. Du kan "
                                        "få samtalsstöd genom kommunens företagshälsovård, stöd från ditt parti och "
                                        "hjälp från Brottsofferjouren. Prata med någon du litar på – du ska inte "
                                        "behöva hantera det ensam.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "quote",
                        {
                            "text": (
                                "Den som hotar en förtroendevald försöker påverka vilka beslut som fattas. Därför är "
                                "varje anmälan viktig – den handlar om mer än dig som person."
                            ),
                            "source": "Säkerhetssamordnaren i Ekbacka kommun",
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<p>Du kan också förebygga. Tänk på vad du delar om din familj, din bostad och dina vanor "
                            "i sociala medier, och ha gärna separata konton för uppdraget och för privatlivet. Ta del "
                            "av kommunens säkerhetsrutiner för sammanträden, och säg till om du känner dig otrygg "
                            "inför ett möte.</p>"
                        ),
                    ),
                ],
            },
        ],
        "quiz": {
            "title": "Kunskapstest: Introduktion för förtroendevalda",
            "intro": (
                "Varje försök har tio frågor om kommunallagen, rollfördelningen, jäv, offentlighet och sekretess samt "
                "hot och hat, dragna ur en större frågebank och i ny ordning varje gång. Du behöver minst 80 procent "
                "rätt och har tre försök."
            ),
            "pass_mark": 80,
            "max_attempts": 3,
            "questions_to_draw": 10,
            "shuffle_questions": True,
            "shuffle_choices": True,
            "questions": [
                {
                    "type": "single",
                    "text": "Vem beslutar om kommunens budget och skattesats?",
                    "explanation": (
                        "Budget, skatt och andra viktiga ekonomiska frågor är ärenden av principiell beskaffenhet "
                        "eller annars av större vikt, och de beslutas av kommunfullmäktige."
                    ),
                    "choices": [
                        {"text": "Kommunfullmäktige", "correct": True, "feedback": ""},
                        {"text": "Kommunstyrelsen", "correct": False, "feedback": ""},
                        {"text": "Kommundirektören", "correct": False, "feedback": ""},
                        {"text": "Ekonomiavdelningen", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": "Kommunstyrelsen har uppsikt över de andra nämndernas verksamhet och över kommunens bolag.",
                    "explanation": (
                        "Sant. Enligt kommunallagen ska kommunstyrelsen leda och samordna förvaltningen och ha uppsikt "
                        "över övriga nämnder och över den verksamhet som bedrivs i kommunens bolag."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": True, "feedback": ""},
                        {"text": "Falskt", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "multiple",
                    "text": "Vilka av följande uppgifter hör till förvaltningens roll? Välj alla som stämmer.",
                    "explanation": (
                        "Förvaltningen bereder ärenden, verkställer beslut och fattar beslut när nämnden har delegerat "
                        "den rätten. Skattesatsen och valen till nämnderna beslutas av fullmäktige."
                    ),
                    "choices": [
                        {"text": "Att bereda ärenden inför nämndens beslut", "correct": True, "feedback": ""},
                        {"text": "Att verkställa nämndens beslut", "correct": True, "feedback": ""},
                        {
                            "text": "Att fatta beslut med stöd av delegation från nämnden",
                            "correct": True,
                            "feedback": "",
                        },
                        {"text": "Att besluta om skattesatsen", "correct": False, "feedback": ""},
                        {"text": "Att välja ledamöter till nämnderna", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "Du är ledamot i byggnadsnämnden. En god vän ringer och ber dig kontakta handläggaren för att "
                        "hens bygglovsansökan ska gå snabbare. Vad gör du?"
                    ),
                    "explanation": (
                        "Som enskild ledamot ska du inte påverka handläggningen av enskilda ärenden. Din vän kan själv "
                        "kontakta förvaltningen, och eftersom ni är nära vänner kan du dessutom vara jävig."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag förklarar att jag inte kan påverka enskilda ärenden och hänvisar vännen till "
                                "bygglovsenheten."
                            ),
                            "correct": True,
                            "feedback": (
                                "Rätt. Du respekterar rollfördelningen och skyddar både ärendets opartiskhet och dig "
                                "själv."
                            ),
                        },
                        {
                            "text": "Jag ringer handläggaren och frågar vad som tar tid – det är ju bara en fråga.",
                            "correct": False,
                            "feedback": (
                                "Nej. Ett samtal från en ledamot kan uppfattas som påtryckning, även om det är "
                                "välment, och ge vännen förtur."
                            ),
                        },
                        {
                            "text": "Jag tar upp just vännens ärende på nästa nämndsammanträde.",
                            "correct": False,
                            "feedback": (
                                "Nej. Du kan vara jävig i vännens ärende, och nämnden bör inte ta upp enskilda ärenden "
                                "för att någon har bra kontakter."
                            ),
                        },
                        {
                            "text": "Jag ber förvaltningschefen att prioritera ärendet.",
                            "correct": False,
                            "feedback": (
                                "Nej. Att gå via förvaltningschefen ändrar inte saken – det är fortfarande ett försök "
                                "att påverka ett enskilt ärende."
                            ),
                        },
                    ],
                },
                {
                    "type": "single",
                    "text": (
                        "Vilken jävsgrund handlar om att det finns en annan särskild omständighet som kan rubba "
                        "förtroendet för din opartiskhet, till exempel en nära vänskap?"
                    ),
                    "explanation": (
                        "Delikatessjäv är den allmänna jävsgrunden för andra omständigheter än släktskap, ekonomiska "
                        "intressen eller ställföreträdarskap som kan rubba förtroendet för opartiskheten."
                    ),
                    "choices": [
                        {"text": "Delikatessjäv", "correct": True, "feedback": ""},
                        {"text": "Släktskapsjäv", "correct": False, "feedback": ""},
                        {"text": "Ställföreträdarjäv", "correct": False, "feedback": ""},
                        {"text": "Intressejäv", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "Den som är jävig i ett ärende i en nämnd får delta i diskussionen så länge hen inte röstar."
                    ),
                    "explanation": (
                        "Falskt. Enligt kommunallagen får den som är jävig inte delta eller ens närvara när ärendet "
                        "handläggs."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": False, "feedback": ""},
                        {"text": "Falskt", "correct": True, "feedback": ""},
                    ],
                },
                {
                    "type": "multiple",
                    "text": (
                        "Du tror att du kan vara jävig i ett ärende som ska upp i nämnden. Vad ska du göra? Välj alla "
                        "som stämmer."
                    ),
                    "explanation": (
                        "Den som känner till en omständighet som kan utgöra jäv ska själv anmäla det. Ta gärna kontakt "
                        "i förväg om du är osäker, och lämna rummet när ärendet behandlas."
                    ),
                    "choices": [
                        {"text": "Själv anmäla att jag kan vara jävig", "correct": True, "feedback": ""},
                        {"text": "Lämna rummet när ärendet behandlas", "correct": True, "feedback": ""},
                        {"text": "Vänta tills någon annan påpekar det", "correct": False, "feedback": ""},
                        {"text": "Delta i diskussionen men avstå från att rösta", "correct": False, "feedback": ""},
                        {
                            "text": "Kontakta ordföranden eller nämndsekreteraren i förväg om jag är osäker",
                            "correct": True,
                            "feedback": "",
                        },
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "Du är ordförande i socialnämnden. En invånare mejlar dig, till din privata adress, ett "
                        "klagomål på hur nämnden har hanterat hennes ärende. En journalist ber senare att få ta del av "
                        "mejlet. Vad gör du?"
                    ),
                    "explanation": (
                        "Ett mejl till dig som ordförande om ett ärende i nämnden kan vara en allmän handling, oavsett "
                        "vilken adress det har kommit till. Det ska registreras, och förvaltningen ska göra en "
                        "sekretessprövning innan något lämnas ut."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag skickar mejlet till nämndens registrator och lämnar journalistens begäran till "
                                "förvaltningen för sekretessprövning."
                            ),
                            "correct": True,
                            "feedback": (
                                "Rätt. Handlingen registreras, och sekretessprövningen görs av dem som ansvarar för "
                                "den."
                            ),
                        },
                        {
                            "text": "Jag raderar mejlet, eftersom det kom till min privata adress.",
                            "correct": False,
                            "feedback": (
                                "Nej. Mejlet kan vara en allmän handling oavsett adress, och allmänna handlingar får "
                                "inte raderas på egen hand."
                            ),
                        },
                        {
                            "text": "Jag vidarebefordrar mejlet direkt till journalisten.",
                            "correct": False,
                            "feedback": (
                                "Nej. Mejlet kan innehålla uppgifter om invånarens ärende som omfattas av sekretess, "
                                "och det måste prövas först."
                            ),
                        },
                        {
                            "text": "Jag svarar att politikers mejl aldrig är allmänna handlingar.",
                            "correct": False,
                            "feedback": (
                                "Nej. Det stämmer inte. Mejl som du får i din roll som förtroendevald kan bli allmänna "
                                "handlingar."
                            ),
                        },
                    ],
                },
                {
                    "type": "true_false",
                    "text": (
                        "Tystnadsplikten för uppgifter som du har fått del av i nämnden upphör när ditt uppdrag är "
                        "slut."
                    ),
                    "explanation": "Falskt. Tystnadsplikten gäller även efter att uppdraget har upphört.",
                    "choices": [
                        {"text": "Sant", "correct": False, "feedback": ""},
                        {"text": "Falskt", "correct": True, "feedback": ""},
                    ],
                },
                {
                    "type": "single",
                    "text": "Vad är Politikernas trygghetsundersökning?",
                    "explanation": (
                        "Politikernas trygghetsundersökning görs av Brå och handlar om förtroendevaldas utsatthet för "
                        "trakasserier, hot och våld och vilka konsekvenser det får."
                    ),
                    "choices": [
                        {
                            "text": (
                                "En återkommande undersökning från Brå om förtroendevaldas utsatthet för trakasserier, "
                                "hot och våld"
                            ),
                            "correct": True,
                            "feedback": "",
                        },
                        {"text": "Polisens register över hotade politiker", "correct": False, "feedback": ""},
                        {"text": "En enkät om förtroendevaldas arvoden", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "Efter ett beslut om att lägga ner en skola får du ett meddelande i sociala medier: ”Vi vet "
                        "var du bor. Du kommer att ångra det här.” Vad gör du?"
                    ),
                    "explanation": (
                        "Meddelandet kan vara ett brott, till exempel olaga hot. Dokumentera, polisanmäl och kontakta "
                        "kommunens säkerhetsfunktion, så att hotet kan bedömas och du kan få stöd."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag tar skärmbilder, polisanmäler och kontaktar kommunens säkerhetssamordnare och min "
                                "gruppledare."
                            ),
                            "correct": True,
                            "feedback": (
                                "Rätt. Du säkrar bevis, polisen kan bedöma hotet och kommunen kan hjälpa dig med skydd "
                                "och stöd."
                            ),
                        },
                        {
                            "text": "Jag svarar avsändaren offentligt och förklarar varför beslutet var rätt.",
                            "correct": False,
                            "feedback": (
                                "Det kan trappa upp situationen. Dokumentera och anmäl i stället, och låt polisen och "
                                "säkerhetsfunktionen hantera hotet."
                            ),
                        },
                        {
                            "text": "Jag ignorerar det – sådant hör till uppdraget.",
                            "correct": False,
                            "feedback": (
                                "Nej. Hot hör inte till uppdraget. Om hotet inte anmäls kan varken polisen eller "
                                "kommunen bedöma risken eller hjälpa dig."
                            ),
                        },
                        {
                            "text": "Jag raderar meddelandet och mitt konto direkt.",
                            "correct": False,
                            "feedback": (
                                "Att skydda sig är förståeligt, men dokumentera först. Utan skärmbilder blir det "
                                "svårare för polisen att utreda."
                            ),
                        },
                    ],
                },
                {
                    "type": "multiple",
                    "text": (
                        "Vilka av följande är bra sätt att hantera hot och hat som förtroendevald? Välj alla som "
                        "stämmer."
                    ),
                    "explanation": (
                        "Ring 112 vid akut fara, polisanmäl hot och trakasserier och ta stöd av kommunens "
                        "säkerhetsfunktion, partiet och kollegor. Att hålla det för sig själv gör det svårare att få "
                        "hjälp och att se mönster."
                    ),
                    "choices": [
                        {"text": "Ringa 112 om det är akut fara", "correct": True, "feedback": ""},
                        {"text": "Polisanmäla hot och trakasserier", "correct": True, "feedback": ""},
                        {"text": "Kontakta kommunens säkerhetssamordnare", "correct": True, "feedback": ""},
                        {"text": "Ta stöd av partiet och kollegor", "correct": True, "feedback": ""},
                        {"text": "Hålla det för dig själv så att det inte sprids", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "single",
                    "text": "Hur kan en kommunmedlem få ett beslut av kommunfullmäktige prövat?",
                    "explanation": (
                        "Varje kommunmedlem kan överklaga ett beslut genom laglighetsprövning enligt kommunallagen. "
                        "Förvaltningsrätten prövar då om beslutet är lagligt, inte om det är lämpligt."
                    ),
                    "choices": [
                        {
                            "text": "Genom att överklaga till förvaltningsrätten (laglighetsprövning)",
                            "correct": True,
                            "feedback": "",
                        },
                        {
                            "text": "Genom att begära att kommunstyrelsen upphäver beslutet",
                            "correct": False,
                            "feedback": "",
                        },
                        {"text": "Genom att vända sig till kommunens revisorer", "correct": False, "feedback": ""},
                        {"text": "Det går inte: fullmäktiges beslut kan inte prövas", "correct": False, "feedback": ""},
                    ],
                },
                {
                    "type": "true_false",
                    "text": "Nämndernas sammanträden är som huvudregel öppna för allmänheten, precis som fullmäktiges.",
                    "explanation": (
                        "Falskt. Fullmäktiges sammanträden är offentliga, men nämnderna sammanträder som huvudregel "
                        "inom stängda dörrar. Fullmäktige kan tillåta öppna nämndsammanträden, dock inte för ärenden om "
                        "myndighetsutövning mot enskild eller där sekretess gäller."
                    ),
                    "choices": [
                        {"text": "Sant", "correct": False, "feedback": ""},
                        {"text": "Falskt", "correct": True, "feedback": ""},
                    ],
                },
                {
                    "type": "scenario",
                    "text": (
                        "I socialnämnden har ni behandlat ett ärende med uppgifter om en familjs ekonomi och hälsa. "
                        "Efteråt frågar en journalist dig vad som sades om familjen. Vad gör du?"
                    ),
                    "explanation": (
                        "Uppgifter om enskildas personliga förhållanden i socialtjänsten omfattas av sekretess, och som "
                        "förtroendevald har du tystnadsplikt om dem. Nämndens beslut och protokoll kan begäras ut och "
                        "sekretessprövas av förvaltningen."
                    ),
                    "choices": [
                        {
                            "text": (
                                "Jag säger att jag inte kan berätta om enskilda ärenden och hänvisar till "
                                "förvaltningen."
                            ),
                            "correct": True,
                            "feedback": "Rätt. Du respekterar tystnadsplikten och visar journalisten rätt väg.",
                        },
                        {
                            "text": "Jag berättar i stora drag men utelämnar familjens namn.",
                            "correct": False,
                            "feedback": (
                                "Nej. Även utan namn kan familjen gå att känna igen, och uppgifterna omfattas av "
                                "sekretess."
                            ),
                        },
                        {
                            "text": "Jag skickar mina anteckningar från sammanträdet, så blir det rätt återgivet.",
                            "correct": False,
                            "feedback": (
                                "Nej. Anteckningarna innehåller sekretessbelagda uppgifter som du inte får lämna ut."
                            ),
                        },
                    ],
                },
            ],
        },
    },
]
