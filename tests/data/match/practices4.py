from practice import P

# budget: participatory budgeting
P(15501, "budget", "Lisboa", "Orçamento Participativo de Lisboa", "Os cidadãos propõem e votam projetos para a cidade",
  ["Participative governance"],
  "Lisboa foi a primeira capital europeia a adotar o orçamento participativo à escala da cidade. Os cidadãos decidem parte do investimento municipal.",
  "Qualquer pessoa apresenta propostas, os técnicos avaliam a viabilidade e os lisboetas votam por SMS ou online; os projetos mais votados entram no orçamento do ano seguinte.",
  ad=[("Porto", 2015), ("Coimbra", 2016)])
P(15502, "budget", "Paris", "Budget Participatif de Paris", "Un vingtième du budget d'investissement décidé par les Parisiens",
  ["Participative governance"],
  "Paris consacre chaque année plus de cent millions d'euros à des projets proposés et votés par les habitants. C'est le plus grand budget participatif du monde.",
  "Les habitants déposent leurs idées sur une plateforme, les services les étudient et le vote a lieu en ligne et dans des urnes mobiles ; une partie est réservée aux quartiers populaires et aux écoles.",
  ad=[("Lyon", 2021), ("Grenoble", 2015)])
P(15503, "budget", "Sopot", "Budżet obywatelski Sopotu", "Pierwszy budżet obywatelski w Polsce",
  ["Participative governance"],
  "Sopot jako pierwsze polskie miasto oddało mieszkańcom decyzję o części budżetu. Model przejęły potem setki gmin.",
  "Mieszkańcy zgłaszają projekty, dyskutują je na otwartych spotkaniach i głosują; zwycięskie projekty, od placów zabaw po chodniki, są realizowane w następnym roku.",
  ad=[("Gdańsk", 2014), ("Gniezno", 2015), ("Kalisz", 2016)])
P(15504, "budget", "Cluj-Napoca", "Bugetare participativă Cluj", "Locuitorii propun și votează proiecte online",
  ["Participative governance", "Digital transition"],
  "Cluj-Napoca a fost primul oraș mare din România care a introdus bugetarea participativă. Locuitorii decid proiecte pentru cartierele lor.",
  "Propunerile se depun pe o platformă online, sunt analizate de specialiștii primăriei și votate de locuitori; primăria implementează proiectele câștigătoare în anul următor.",
  ad=[("Timișoara", 2020), ("Oradea", 2021), ("Sibiu", 2021)])
P(15505, "budget", "Madrid", "Decide Madrid", "Presupuestos participativos en una plataforma digital abierta",
  ["Participative governance", "Digital transition"],
  "Madrid quería que los vecinos participaran en las decisiones más allá de las elecciones. Creó Decide Madrid, una plataforma de participación de software libre.",
  "Los madrileños proponen y votan proyectos de inversión para la ciudad y los distritos; el software CONSUL se ha exportado a más de cien ciudades de todo el mundo.",
  ad=[("Valencia", 2017), ("Barcelona", 2017)])
P(15506, "budget", "Tomar", "Orçamento Participativo Jovem Tomar", "Os jovens decidem uma parte do orçamento municipal",
  ["Participative governance", "Education"],
  "Em Tomar, os jovens pouco participavam na vida do município. A câmara criou um orçamento participativo só para jovens dos 14 aos 30 anos.",
  "Os jovens apresentam propostas nas escolas e associações, defendem-nas em sessões públicas e votam; a câmara executa os projetos vencedores com os proponentes.",
  ad=[("Fundão", 2021)])
P(15507, "budget", "Reggio Emilia", "Quartiere Bene Comune", "Patti di quartiere e bilancio partecipativo",
  ["Participative governance", "Social cohesion"],
  "A Reggio Emilia il Comune ha chiuso le circoscrizioni e voleva un nuovo modo di decidere con i quartieri. Sono nati gli accordi di cittadinanza.",
  "In ogni quartiere cittadini e associazioni co-progettano con il Comune i progetti da finanziare e firmano un patto in cui ognuno si impegna; un architetto di quartiere facilita il percorso.",
  ad=[("Mantova", 2020)])
P(15508, "budget", "Wien", "Wiener Klimateam", "Bürgerinnen und Bürger entscheiden über Klimaprojekte in ihrem Bezirk",
  ["Participative governance", "Climate adaptation"],
  "Wien wollte die Menschen an der Klimapolitik beteiligen. Im Klimateam schlagen Bürgerinnen und Bürger Projekte vor, über die eine Jury aus Bewohnern entscheidet.",
  "Jedes Jahr machen drei Bezirke mit; Ideen werden gesammelt, mit der Verwaltung ausgearbeitet und von einem zufällig ausgelosten Bürgerrat ausgewählt. Die Stadt stellt Millionen bereit.",
  ad=[("Graz", 2023)])
P(15509, "budget", "Zadar", "Participativni proračun Zadar", "Građani biraju male komunalne projekte u svojim kotarima",
  ["Participative governance"],
  "U Zadru su građani rijetko sudjelovali u odlukama o komunalnim projektima. Grad je uveo participativni proračun po gradskim kotarima.",
  "Građani predlažu projekte poput klupa, rasvjete i igrališta, raspravljaju o njima na zborovima i glasaju online; grad izvodi izabrane projekte iste godine.",
  ad=[("Rijeka", 2019), ("Koprivnica", 2021)])
P(15510, "budget", "Thessaloníki", "Συμμετοχικός Προϋπολογισμός Θεσσαλονίκης", "Οι δημότες προτείνουν και ψηφίζουν έργα για τη γειτονιά τους",
  ["Participative governance"],
  "Η Θεσσαλονίκη ήθελε να ξαναχτίσει την εμπιστοσύνη των πολιτών στον δήμο. Εισήγαγε συμμετοχικό προϋπολογισμό για έργα γειτονιάς.",
  "Οι πολίτες καταθέτουν προτάσεις σε ψηφιακή πλατφόρμα και σε ανοιχτές συναντήσεις, οι υπηρεσίες ελέγχουν το κόστος και οι δημότες ψηφίζουν τα έργα που θα υλοποιηθούν.",
  ad=[("Pátra", 2023)])
P(15511, "budget", "Eindhoven", "Buurtbudget Eindhoven", "Bewoners beslissen zelf over geld voor hun wijk",
  ["Participative governance", "Social cohesion"],
  "In Eindhoven voelden bewoners zich weinig gehoord over hun eigen wijk. De gemeente gaf wijken een eigen budget om over te beslissen.",
  "Bewoners dienen plannen in voor hun buurt, bespreken ze op buurtavonden en stemmen; een buurtteam helpt bij de uitvoering en maakt de besteding openbaar.",
  ad=[("Delft", 2021), ("Zwolle", 2022)])

# shops: empty shops, reviving the town centre
P(15601, "shops", "Albi", "Cœur de Ville Albi", "Reconquérir les commerces vacants du centre-ville",
  ["Local economy", "Urban regeneration"],
  "À Albi, un commerce sur six du centre-ville était vide, concurrencé par les zones commerciales. La Ville a mis en place un plan de revitalisation.",
  "Un manager de centre-ville démarche les propriétaires, la Ville loue des boutiques vides pour des commerçants à l'essai avec un loyer réduit, et les façades sont rénovées. Le marché couvert a été modernisé.",
  ad=[("Dunkerque", 2021)])
P(15602, "shops", "Leeuwarden", "Levendige Binnenstad Leeuwarden", "Leegstaande winkels vullen met ondernemers en wonen",
  ["Local economy", "Urban regeneration"],
  "De binnenstad van Leeuwarden kampte met leegstand na de komst van webwinkels. De gemeente koos voor een kleinere winkelkern en meer wonen.",
  "Winkels buiten het kernwinkelgebied mogen woningen worden; in de kern krijgen startende ondernemers een pop-upwinkel met lage huur. Een binnenstadsmanager verbindt eigenaars en ondernemers.",
  ad=[("Groningen", 2020), ("Zwolle", 2021)])
P(15603, "shops", "Segovia", "Locales Vacíos Segovia", "Alquiler asequible de locales comerciales cerrados para emprendedores",
  ["Local economy"],
  "En el casco de Segovia muchos locales cerraron y los que quedan dependen del turismo. El ayuntamiento quiere comercio para los vecinos.",
  "El ayuntamiento media entre propietarios y emprendedores, paga parte del alquiler durante el primer año y ofrece formación en comercio electrónico. Los locales se muestran en un escaparate digital.",
  ad=[("Soria", 2023)])
P(15604, "shops", "Gniezno", "Ożywienie Starego Miasta Gniezno", "Pustostany w centrum zamieniane w pracownie i kawiarnie",
  ["Local economy", "Urban regeneration", "Culture and heritage"],
  "Na Starym Mieście w Gnieźnie wiele lokali stało pustych, a mieszkańcy robili zakupy w galeriach na obrzeżach. Miasto postanowiło przyciągnąć tam nowych najemców.",
  "Miejskie lokale wynajmowane są rzemieślnikom, artystom i kawiarniom za symboliczną stawkę przez pierwsze dwa lata, a rynek ożywiają targi i wydarzenia.",
  ad=[("Kalisz", 2022)])
P(15605, "shops", "Milano", "Milano Negozi di Vicinato", "Bandi per riaprire i negozi di quartiere",
  ["Local economy"],
  "Nelle periferie di Milano molti negozi di vicinato hanno chiuso. Il Comune finanzia chi riapre una saracinesca abbassata.",
  "I bandi coprono parte dei costi di apertura e dell'affitto per chi apre un'attività in un negozio vuoto in periferia; il Comune media con le grandi proprietà immobiliari.",
  ad=[("Torino", 2021)])
P(15606, "shops", "Fundão", "Comércio Vivo Fundão", "Lojas vazias do centro da vila ocupadas por novos negócios",
  ["Local economy", "Urban regeneration"],
  "No centro do Fundão as lojas fechavam uma após outra. O município decidiu tornar-se intermediário entre proprietários e novos comerciantes.",
  "O município arrenda lojas vazias e subarrenda-as a novos negócios com renda reduzida nos primeiros anos, com formação e apoio ao marketing digital. Um mercado de produtores anima a praça aos sábados.",
  ad=[("Tomar", 2022)])
P(15607, "shops", "Eberswalde", "Leerstand war gestern", "Zwischennutzung leerer Läden in der Innenstadt",
  ["Local economy", "Urban regeneration"],
  "In der Innenstadt von Eberswalde standen viele Läden leer. Die Stadt vermittelt Zwischennutzungen an Gründer, Vereine und Künstler.",
  "Eigentümer überlassen leere Läden für ein Jahr gegen die Nebenkosten; die Stadt übernimmt Versicherung und Werbung. Viele Zwischennutzer bleiben später als Mieter.",
  ad=[("Wolfhagen", 2022)])
P(15608, "shops", "Lyon", "Foncière commerce Lyon", "Une foncière publique rachète les locaux commerciaux vides",
  ["Local economy", "Urban regeneration"],
  "Dans certains quartiers de Lyon, les rez-de-chaussée se vident ou se transforment en entrepôts. La Métropole a créé une foncière commerciale.",
  "La foncière rachète des locaux vacants, les rénove et les loue à des commerces de proximité, artisans et associations à loyer modéré. Elle garde la maîtrise des rez-de-chaussée sur le long terme.",
  ad=[("Grenoble", 2022)])
P(15609, "shops", "Mechelen", "Winkelstad Mechelen", "Een stadsbrede aanpak van leegstand met premies en een winkelmanager",
  ["Local economy", "Urban regeneration"],
  "Mechelen had een binnenstad met veel leegstand. De stad maakte van de binnenstad een aantrekkelijke winkelstad met een doorgedreven aanpak.",
  "Nieuwe ondernemers krijgen een starterspremie en een huurpremie, eigenaars van langdurig leegstaande panden betalen een heffing en een winkelmanager begeleidt elke vestiging.",
  ad=[("Leuven", 2018)])
P(15610, "shops", "Athens", "Ανάπλαση Εμπορικού Τριγώνου", "Άδεια καταστήματα στο κέντρο της πρωτεύουσας ξαναζωντανεύουν",
  ["Local economy", "Urban regeneration"],
  "Μετά την οικονομική κρίση, πολλά καταστήματα στο εμπορικό τρίγωνο της Αθήνας έκλεισαν. Ο δήμος έδωσε κίνητρα για νέες επιχειρήσεις.",
  "Νέοι επιχειρηματίες παίρνουν άδεια καταστήματα με χαμηλό ενοίκιο και στήριξη από θερμοκοιτίδα, ενώ οι δρόμοι ανακαινίζονται και γίνονται πεζόδρομοι.",
  ad=[("Thessaloníki", 2020)])

# gardens: community and urban gardens
P(15701, "gardens", "Berlin", "Prinzessinnengarten", "Ein mobiler Gemeinschaftsgarten auf einer Brache mitten in der Großstadt",
  ["Environment", "Food", "Social cohesion"],
  "Auf einer Brache in Kreuzberg legten Nachbarn einen Gemeinschaftsgarten in Kisten und Säcken an. Heute gibt es über zweihundert Gemeinschaftsgärten in Berlin.",
  "Die Beete sind mobil, damit der Garten umziehen kann; jeder kann mitgärtnern, ein Café und Workshops finanzieren den Betrieb. Die Stadt sichert Flächen über Zwischennutzungsverträge.",
  ad=[("Leipzig", 2012), ("Hamburg", 2014)])
P(15702, "gardens", "Lisboa", "Parques Hortícolas de Lisboa", "Hortas urbanas municipais nos parques da cidade",
  ["Environment", "Food"],
  "Em Lisboa havia hortas ilegais em terrenos abandonados. A câmara transformou-as em parques hortícolas com talhões atribuídos aos moradores.",
  "Os talhões são atribuídos por sorteio, com água, compostores e formação em agricultura biológica; os parques são abertos ao público como jardins.",
  ad=[("Porto", 2016), ("Braga", 2018)])
P(15703, "gardens", "Koprivnica", "Gradski vrtovi Koprivnica", "Gradski vrtovi za umirovljenike i obitelji",
  ["Environment", "Food", "Social cohesion"],
  "Koprivnica je prva u Hrvatskoj uredila gradske vrtove na napuštenom gradskom zemljištu. Mnogi umirovljenici i obitelji nisu imali gdje uzgajati povrće.",
  "Grad je podijelio zemljište na parcele s vodom i spremištem za alat, dodjeljuje ih javnim natječajem i organizira radionice ekološkog vrtlarstva.",
  ad=[("Zagreb", 2014), ("Osijek", 2016)])
P(15704, "gardens", "Bologna", "Orti Urbani Bologna", "Orti comunali per anziani, scuole e associazioni",
  ["Environment", "Food", "Active ageing"],
  "Bologna ha una lunga tradizione di orti per gli anziani. Il Comune li ha aperti a famiglie, scuole e associazioni.",
  "Gli orti sono gestiti dalle associazioni di ortolani con un patto di collaborazione; una parte dei lotti è riservata ai giovani e agli orti didattici.",
  ad=[("Reggio Emilia", 2018)])
P(15705, "gardens", "Sibiu", "Grădini comunitare Sibiu", "Grădini de cartier între blocuri",
  ["Environment", "Social cohesion"],
  "În cartierele de blocuri din Sibiu, spațiile verzi dintre blocuri erau neîngrijite. Primăria a invitat locuitorii să le transforme în grădini comunitare.",
  "Locuitorii primesc straturi înălțate, apă și semințe, iar un grădinar al primăriei îi ajută; copiii din școlile apropiate au propriile straturi.",
  ad=[("Alba Iulia", 2022)])
P(15706, "gardens", "Nantes", "Jardins familiaux et partagés", "Des jardins partagés au pied des immeubles",
  ["Environment", "Food"],
  "À Nantes, la demande de jardins dépasse largement l'offre. La Ville crée des jardins partagés dans chaque quartier.",
  "Des associations d'habitants gèrent les jardins avec le soutien technique du service des espaces verts ; des parcelles sont réservées aux écoles et aux personnes à mobilité réduite.",
  ad=[("La Rochelle", 2019)])
P(15707, "gardens", "Pátra", "Αστικοί Λαχανόκηποι Πάτρας", "Δημοτικοί λαχανόκηποι για άνεργους και συνταξιούχους",
  ["Environment", "Food", "Poverty"],
  "Στην Πάτρα, την εποχή της κρίσης, πολλές οικογένειες δυσκολεύονταν να αγοράσουν φρέσκα λαχανικά. Ο δήμος μοίρασε δημοτική γη σε λαχανόκηπους.",
  "Τα οικόπεδα δίνονται με προτεραιότητα σε άνεργους, συνταξιούχους και πολύτεκνους, με νερό και καθοδήγηση από γεωπόνους του δήμου.",
  ad=[("Thessaloníki", 2015)])
P(15708, "gardens", "Delft", "Buurtmoestuinen Delft", "Moestuinen op braakliggende grond in de wijk",
  ["Environment", "Food", "Social cohesion"],
  "In Delft lagen stukken grond braak in afwachting van bouwplannen. Bewoners vroegen om ze tijdelijk als moestuin te gebruiken.",
  "De gemeente sluit bruikleenovereenkomsten met bewonersgroepen, levert grond, water en een hek; de oogst gaat deels naar de voedselbank.",
  ad=[("Leeuwarden", None)])
P(15709, "gardens", "Umeå", "Stadsodling Umeå", "Odlingslotter och pallkragar i stadsdelarna",
  ["Environment", "Food"],
  "I Umeå ville många odla men bodde i lägenhet. Kommunen öppnade odlingslotter och pallkragar i parkerna.",
  "Boende kan hyra en odlingslott eller pallkrage för en låg avgift, med vatten och kompost; kommunen erbjuder kurser i odling i ett kort nordligt klimat.",
  ad=[("Växjö", 2020)])
P(15710, "gardens", "Warszawa", "Ogrody społeczne Warszawa", "Ogrody społeczne na podwórkach i w parkach",
  ["Environment", "Social cohesion"],
  "W Warszawie mieszkańcy zakładali ogrody na podwórkach, ale brakowało im wsparcia. Miasto uruchomiło program ogrodów społecznych.",
  "Miasto użycza teren, finansuje skrzynie, ziemię i narzędzia, a animatorzy pomagają grupom sąsiedzkim założyć i prowadzić ogród.",
  ad=[("Kraków", 2019)])

# airquality: air pollution, citizen measurement
P(15801, "airquality", "Antwerpen", "CurieuzeNeuzen Antwerpen", "Duizenden bewoners meten de luchtkwaliteit aan hun gevel",
  ["Environment", "Health", "Participative governance"],
  "Antwerpen kampt met vervuilde lucht door snelwegen en haven. Duizenden bewoners hingen meetbuisjes aan hun raam om stikstofdioxide te meten.",
  "Universiteit, stad en krant verspreidden de meetbuisjes en publiceerden een kaart per straat; de resultaten leidden tot een lage-emissiezone en schoolstraten.",
  ad=[("Gent", 2018), ("Leuven", 2019)])
P(15802, "airquality", "Kraków", "Kraków bez smogu", "Zakaz palenia węglem i czujniki jakości powietrza",
  ["Environment", "Health"],
  "Kraków był jednym z najbardziej zanieczyszczonych miast Europy z powodu pieców węglowych. Miasto jako pierwsze w Polsce zakazało palenia węglem i drewnem.",
  "Mieszkańcy otrzymali dopłaty do wymiany pieców, a sieć tanich czujników pokazuje jakość powietrza na bieżąco. Stężenie pyłów spadło o jedną trzecią.",
  ad=[("Rzeszów", 2020), ("Lublin", 2021)])
P(15803, "airquality", "Eindhoven", "AiREAS Eindhoven", "Een meetnet van burgers en bedrijven voor gezonde lucht",
  ["Environment", "Health", "Digital transition"],
  "In Eindhoven wilden bewoners, bedrijven en de gemeente samen weten hoe schoon de lucht is. Ze bouwden een fijnmazig meetnet.",
  "Meetkastjes op lantaarnpalen meten fijnstof per minuut; de data zijn open en bewoners gebruiken ze om routes te kiezen en maatregelen te eisen.",
  ad=[("Utrecht", 2019)])
P(15804, "airquality", "Sopot", "Czyste powietrze Sopot", "Czujniki przy szkołach w małym mieście",
  ["Environment", "Health"],
  "Sopot jest uzdrowiskiem, ale zimą dym z kominów psuje powietrze. Miasto zamontowało czujniki przy wszystkich szkołach.",
  "Dane z czujników widzą nauczyciele i rodzice; w dni smogowe dzieci nie wychodzą na zewnątrz, a miasto dopłaca do wymiany pieców w pobliżu szkół.",
  ad=[("Gniezno", 2023)])
P(15805, "airquality", "Madrid", "Madrid Central", "Una zona de bajas emisiones en el centro de la capital",
  ["Environment", "Health", "Urban mobility"],
  "Madrid superaba cada año los límites europeos de dióxido de nitrógeno. El ayuntamiento cerró el centro al tráfico de los coches más contaminantes.",
  "En la zona de bajas emisiones solo entran vecinos, vehículos limpios y transporte público; las cámaras controlan los accesos. El dióxido de nitrógeno bajó en el centro y en los barrios cercanos.",
  ad=[("Barcelona", 2020), ("Sevilla", 2023)])
P(15806, "airquality", "Cork", "Cork Clean Air", "Citizen sensors and cleaner home heating",
  ["Environment", "Health"],
  "In winter, smoke from solid-fuel stoves makes the air in Cork worse than in Dublin. The city council set out to measure and cut it.",
  "Low-cost sensors at schools and libraries publish air readings live, the council enforces the smoky-coal ban and households get grants to switch to heat pumps.",
  lang="en", ad=[("Dublin", 2022)])
P(15807, "airquality", "Graz", "Luftgüte Graz", "Feinstaubbekämpfung in einer Stadt im Becken",
  ["Environment", "Health"],
  "Graz liegt in einem Becken, in dem sich im Winter Feinstaub staut. Die Stadt hat einen Luftreinhalteplan mit vielen kleinen Maßnahmen.",
  "Ein Messnetz mit Ampel warnt an Feinstaubtagen; Fernwärme ersetzt Einzelöfen, Busse fahren elektrisch und an schlechten Tagen gilt Tempo 80 auf der Autobahn.",
  ad=[("Villach", 2021)])
P(15808, "airquality", "București", "Aer curat pentru București", "Senzori de calitatea aerului și zone cu emisii reduse",
  ["Environment", "Health"],
  "Bucureștiul are unul dintre cele mai poluate aere din Uniunea Europeană din cauza traficului. Primăria a instalat o rețea de senzori.",
  "Senzorii publică date în timp real, iar vehiculele cele mai poluante nu mai pot intra în zona centrală; locuitorii primesc alerte în zilele cu poluare ridicată.",
  ad=[("Cluj-Napoca", 2023)])
P(15809, "airquality", "Tríkala", "Καθαρός Αέρας Τρικάλων", "Αισθητήρες ποιότητας αέρα σε σχολεία και πλατείες",
  ["Environment", "Health", "Digital transition"],
  "Στα Τρίκαλα, τον χειμώνα, το τζάκι και η ξυλόσομπα θολώνουν τον αέρα. Ο δήμος τοποθέτησε αισθητήρες σε σχολεία και πλατείες.",
  "Οι μετρήσεις εμφανίζονται σε εφαρμογή και σε οθόνες στις πλατείες, ενώ ο δήμος ενημερώνει τους κατοίκους για σωστή καύση και επιδοτεί θερμικά συστήματα.",
  ad=[("Kardítsa", 2023)])
P(15810, "airquality", "Valencia", "València Respira", "Medidores ciudadanos de dióxido de nitrógeno en los balcones",
  ["Environment", "Health", "Participative governance"],
  "En Valencia los vecinos querían saber qué aire respiraban en su calle. El ayuntamiento repartió medidores pasivos entre miles de hogares.",
  "Los vecinos colocan tubos en sus balcones durante un mes y la universidad los analiza; el mapa resultante decidió dónde se pacificaron calles y se plantaron árboles.",
  ad=[("Bilbao", 2023)])

# opendata: open data and digital public services
P(15901, "opendata", "Helsinki", "Helsinki Region Infoshare", "Open data from four cities in one portal",
  ["Digital transition"],
  "Helsinki and its neighbours held thousands of datasets that nobody outside could use. They opened them in one shared portal.",
  "Datasets on transport, budgets and the environment are published under an open licence with APIs; developers built hundreds of apps, including the city's journey planner.",
  lang="en", ad=[("Tampere", 2015)])
P(15902, "opendata", "Gdańsk", "Otwarte dane Gdańsk", "Portal otwartych danych i aplikacje mieszkańców",
  ["Digital transition"],
  "Gdańsk chciał, by mieszkańcy i firmy mogły korzystać z danych miasta. Powstał portal otwartych danych.",
  "Miasto publikuje rozkłady jazdy w czasie rzeczywistym, budżet i dane o jakości powietrza; hakatony z uczelniami zamieniają je w aplikacje dla mieszkańców.",
  ad=[("Sopot", 2020)])
P(15903, "opendata", "Rijeka", "Otvoreni podaci Rijeka", "Portal otvorenih podataka i digitalne usluge za građane",
  ["Digital transition"],
  "Rijeka je htjela transparentniju gradsku upravu. Grad je objavio portal otvorenih podataka i digitalne usluge.",
  "Na portalu su proračun, ugovori i podaci o prometu; građani online prijavljuju komunalne probleme i prate njihovo rješavanje.",
  ad=[("Zadar", 2022)])
P(15904, "opendata", "Tomar", "Tomar Digital", "Serviços municipais online para uma cidade pequena",
  ["Digital transition"],
  "Em Tomar, muitos munícipes tinham de ir à câmara para qualquer pedido. O município passou os serviços para a internet.",
  "Pedidos de licenças, pagamentos e reclamações fazem-se num balcão online, e os dados municipais são publicados abertos; as juntas de freguesia ajudam quem não usa computador.",
  ad=[("Fundão", 2022)])
P(15905, "opendata", "Barcelona", "Barcelona Digital City", "Soberanía tecnológica y datos abiertos",
  ["Digital transition", "Participative governance"],
  "Barcelona quería que los datos de la ciudad sirvieran a los ciudadanos y no solo a las grandes empresas tecnológicas. Adoptó una estrategia de soberanía tecnológica.",
  "El portal Open Data BCN publica cientos de conjuntos de datos, los contratos públicos exigen que los datos sean del ayuntamiento y se usa software libre.",
  ad=[("Madrid", 2018)])
P(15906, "opendata", "Lahti", "Lahti Open Services", "Open data and digital services in a mid-sized Finnish city",
  ["Digital transition"],
  "Lahti wanted its services to be easy to use online and its data open. The city published its data and redesigned its e-services.",
  "Datasets on buses, energy use and green spaces are open; a city app lets residents book rooms, pay fees and report problems.",
  lang="en", ad=[("Växjö", 2021)])
P(15907, "opendata", "Leuven", "Leuven Open Data", "Open data voor een slimme universiteitsstad",
  ["Digital transition"],
  "Leuven wilde data van stad, universiteit en bedrijven samenbrengen. De stad startte een open data-platform.",
  "Parkeerbezetting, fietstellingen en luchtkwaliteit zijn in real time beschikbaar; studenten bouwen toepassingen in hackathons.",
  ad=[("Mechelen", 2021)])
P(15908, "opendata", "Bologna", "Iperbole", "La prima rete civica italiana e i dati aperti del Comune",
  ["Digital transition", "Participative governance"],
  "Bologna aprì nel 1995 la prima rete civica italiana. Oggi Iperbole raccoglie servizi online e dati aperti.",
  "Il portale pubblica i dati del Comune in formato aperto e offre servizi digitali e una piattaforma di partecipazione; i cittadini seguono i progetti del bilancio.",
  ad=[("Reggio Emilia", 2016)])
P(15909, "opendata", "Sibiu", "Sibiu Digital", "Servicii publice online și date deschise",
  ["Digital transition"],
  "În Sibiu cetățenii stăteau la cozi la ghișeele primăriei. Primăria a digitalizat serviciile și a publicat date deschise.",
  "Taxele, certificatele și sesizările se fac online, iar datele despre buget și transport sunt publice pe un portal de date deschise.",
  ad=[("Alba Iulia", 2022)])
P(15910, "opendata", "Wien", "Open Government Data Wien", "Offene Daten der Stadt Wien",
  ["Digital transition"],
  "Wien war eine der ersten Städte im deutschsprachigen Raum mit offenen Verwaltungsdaten. Heute stehen hunderte Datensätze frei zur Verfügung.",
  "Die Stadt veröffentlicht Daten zu Verkehr, Umwelt und Bevölkerung unter freier Lizenz; die Sag's-Wien-App nimmt Meldungen der Bürger entgegen.",
  ad=[("Graz", 2014)])

# industrial: culture-led reuse of old industrial sites
P(16001, "industrial", "Bilbao", "Zorrotzaurre", "De la ría industrial a un barrio de creación",
  ["Urban regeneration", "Culture and heritage"],
  "La península de Zorrotzaurre, antigua zona industrial de la ría de Bilbao, estaba llena de pabellones abandonados. El ayuntamiento la convirtió en isla y en barrio de creación.",
  "Los pabellones se cedieron de forma temporal a artistas, escuelas y empresas creativas mientras se urbanizaba la isla; algunos se conservan como patrimonio industrial.",
  ad=[("Gent", None), ("Vitoria-Gasteiz", 2020)])
P(16002, "industrial", "Lublin", "Fabryka kultury Lublin", "Dawne zakłady przemysłowe jako centrum kultury",
  ["Culture and heritage", "Urban regeneration"],
  "W Lublinie stała opuszczona fabryka maszyn rolniczych. Miasto zamieniło ją w centrum kultury i przedsiębiorczości.",
  "Hale fabryczne mieszczą dziś sceny, pracownie artystów i przestrzeń dla start-upów; teren otwarto dla mieszkańców jako plac miejski.",
  ad=[("Rzeszów", 2021)])
P(16003, "industrial", "Dunkerque", "Halle aux Sucres", "Un entrepôt portuaire devenu lieu de savoirs sur la ville",
  ["Culture and heritage", "Urban regeneration"],
  "Sur le port de Dunkerque, l'ancien entrepôt des sucres était vide depuis des années. La communauté urbaine en a fait un lieu sur la ville durable.",
  "L'entrepôt accueille un centre de documentation, des expositions et une école d'urbanisme ; le quartier du Grand Large se construit autour.",
  ad=[("La Rochelle", 2021)])
P(16004, "industrial", "Eindhoven", "Strijp-S", "Een oud Philipsterrein wordt een creatieve wijk",
  ["Urban regeneration", "Culture and heritage"],
  "Philips verliet het fabrieksterrein Strijp-S in Eindhoven. De gemeente en een ontwikkelaar maakten er een wijk van voor wonen, werken en cultuur.",
  "De fabriekshallen werden ateliers, woningen en evenementenlocaties, met tijdelijke gebruikers vanaf het begin; Dutch Design Week vindt er plaats.",
  ad=[("Delft", 2019)])
P(16005, "industrial", "Torino", "Parco Dora", "Un parco nelle acciaierie dismesse",
  ["Urban regeneration", "Environment", "Culture and heritage"],
  "A Torino le grandi fabbriche della Fiat e delle ferriere hanno lasciato vasti terreni vuoti. Parco Dora è nato sulle acciaierie dismesse.",
  "Le strutture in acciaio delle vecchie fabbriche sono state conservate come scenografia di un parco pubblico con spazi per lo sport e i concerti.",
  ad=[("Milano", 2016)])
P(16006, "industrial", "Timișoara", "Fabrica de Cultură Timișoara", "O fabrică veche transformată în centru cultural",
  ["Culture and heritage", "Urban regeneration"],
  "În Timișoara, o fabrică de textile veche stătea închisă de ani de zile. Pentru Capitala Europeană a Culturii, primăria a transformat-o în centru cultural.",
  "Halele adăpostesc ateliere de artă, teatru independent și o bibliotecă, iar curtea găzduiește festivaluri; organizațiile culturale plătesc chirii mici.",
  ad=[("Sibiu", 2023)])
P(16007, "industrial", "Rijeka", "Benčić", "Stara tvornica postaje kulturni kvart",
  ["Culture and heritage", "Urban regeneration"],
  "U Rijeci je bivša tvornica šećera i duhana Benčić bila zapuštena. Grad ju je pretvorio u kulturni kvart s muzejima i knjižnicom.",
  "U obnovljenim zgradama su muzej moderne umjetnosti, gradski muzej i dječja kuća, a dvorište je javni trg; obnova je dio programa Europske prijestolnice kulture.",
  ad=[("Split", 2022)])
P(16008, "industrial", "Eberswalde", "Kulturfabrik Eberswalde", "Eine alte Walzwerkhalle als Kulturort einer Kleinstadt",
  ["Culture and heritage", "Urban regeneration"],
  "In Eberswalde stand die Halle des alten Walzwerks seit der Wende leer. Ein Verein und die Stadt machten daraus einen Kulturort.",
  "Konzerte, Theater und Märkte finden in der Halle statt; Vereine nutzen die Räume kostenlos, die Stadt trägt die Grundsanierung.",
  ad=[("Wolfhagen", 2021)])
P(16009, "industrial", "Athens", "Τεχνόπολη", "Το παλιό εργοστάσιο φωταερίου γίνεται πολιτιστικό πάρκο",
  ["Culture and heritage", "Urban regeneration"],
  "Το εργοστάσιο φωταερίου στο Γκάζι έκλεισε το 1984 και η γειτονιά ερήμωσε. Ο δήμος Αθηναίων το μετέτρεψε σε πολιτιστικό πάρκο.",
  "Οι βιομηχανικοί χώροι φιλοξενούν συναυλίες, εκθέσεις, ένα μουσείο βιομηχανικής ιστορίας και θερμοκοιτίδα επιχειρήσεων, και η γύρω περιοχή αναζωογονήθηκε.",
  ad=[("Thessaloníki", 2016)])
P(16010, "industrial", "Braga", "Fábrica Confiança", "Uma antiga fábrica de sabonetes transformada em centro cultural",
  ["Culture and heritage", "Urban regeneration"],
  "A antiga Fábrica Confiança, em Braga, produziu sabonetes durante um século e estava abandonada. A câmara comprou-a e reabilitou-a.",
  "O edifício acolhe residências artísticas, espaços para associações culturais e para empresas criativas, e um museu da fábrica; os moradores participaram na definição dos usos.",
  ad=[("Coimbra", 2024)])
P(16011, "industrial", "Tampere", "Finlayson Area", "Old cotton mills turned into a cultural and living district",
  ["Urban regeneration", "Culture and heritage"],
  "Tampere grew around cotton mills along the rapids; when they closed, the red-brick buildings stood empty in the city centre. The city and owners turned them into a mixed district.",
  "The mills now house museums, a cinema, offices and homes; the rapids and the mill yards are public spaces. Heritage rules keep the industrial character.",
  lang="en", ad=[("Lahti", 2015)])

# a few more of the needs above, from sizes the set had few of
P(15114, "housing", "Koprivnica", "Priuštivo stanovanje Koprivnica", "Gradski stanovi za mlade obitelji u malom gradu",
  ["Housing"],
  "U Koprivnici mlade obitelji teško pronalaze stan po prihvatljivoj cijeni, pa odlaze u veće gradove. Grad gradi stanove za najam i prodaju po povoljnim uvjetima.",
  "Grad na svom zemljištu gradi stambene zgrade i daje stanove mladim obiteljima u najam s pravom otkupa; najamnina je niža od tržišne.",
  ad=[("Zadar", 2023)])
P(15115, "housing", "Zagreb", "Priuštivi najam Zagreb", "Gradski stanovi za najam po priuštivoj cijeni u glavnom gradu",
  ["Housing"],
  "Nakon potresa i rasta turističkog najma, u Zagrebu su najamnine naglo porasle. Grad je pokrenuo program priuštivog najma.",
  "Grad obnavlja svoje prazne stanove i iznajmljuje ih obiteljima i mladima po cijeni ograničenoj na trećinu prihoda, a privatni vlasnici koji daju stan u program dobivaju porezne olakšice.",
  ad=[("Rijeka", 2024), ("Split", 2024)])
P(14211, "heat", "Lyon", "Lyon Îlots de Fraîcheur", "Débitumer et planter pour rafraîchir une grande ville",
  ["Climate adaptation", "Environment"],
  "Lyon a connu des étés à plus de 40 °C et la ville pourrait avoir le climat de Madrid en 2050. La Ville et la Métropole ont lancé un plan contre les îlots de chaleur.",
  "Les rues et places les plus chaudes sont débitumées et plantées d'arbres, des fontaines et brumisateurs sont installés et des lieux frais sont ouverts l'été ; une carte recense les îlots de fraîcheur.",
  ad=[("Grenoble", 2022)])
P(14611, "ondemand", "Aveiro", "Aveirobus a Pedido", "Transporte flexível a pedido para as freguesias rurais",
  ["Urban mobility"],
  "As freguesias rurais de Aveiro tinham autocarros raros e quase vazios. O município lançou um serviço flexível a pedido.",
  "Os passageiros marcam a viagem por telefone ou aplicação até à véspera e uma carrinha recolhe-os em paragens virtuais, ligando-os à cidade e à estação de comboios.",
  ad=[("Évora", 2024)])
