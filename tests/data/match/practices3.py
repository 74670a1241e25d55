from practice import P

# energycomm: energy communities, solar power on public and shared roofs
P(14901, "energycomm", "Wolfhagen", "Bürgerenergiegenossenschaft Wolfhagen", "Die Bürger besitzen ein Viertel der Stadtwerke",
  ["Energy transition", "Participative governance"],
  "Wolfhagen wollte seinen Strom vollständig aus erneuerbaren Quellen gewinnen und die Bürger daran beteiligen. Eine Energiegenossenschaft kaufte ein Viertel der Stadtwerke.",
  "Die Genossenschaft finanziert Windpark und Solaranlagen mit Anteilen ab 500 Euro; die Mitglieder bestimmen im Aufsichtsrat der Stadtwerke mit. Ein Energiesparfonds hilft Haushalten beim Sparen.",
  ad=[("Eberswalde", 2020)])
P(14902, "energycomm", "Valencia", "Comunitats Energètiques València", "Comunidades energéticas con placas solares en edificios municipales",
  ["Energy transition"],
  "Valencia tiene sol todo el año pero muy pocos tejados con placas solares. El ayuntamiento impulsa comunidades energéticas en los barrios.",
  "Los tejados de colegios y mercados municipales se ceden para instalaciones solares compartidas; los vecinos en un radio de 500 metros se asocian y reciben la energía. Las familias vulnerables entran sin coste.",
  ad=[("Sevilla", 2023), ("Barcelona", 2023)])
P(14903, "energycomm", "Coimbra", "Comunidade de Energia Coimbra", "Autoconsumo coletivo com painéis solares nos telhados municipais",
  ["Energy transition"],
  "Em Coimbra, muitas famílias não podem instalar painéis solares porque vivem em apartamentos. A câmara lançou uma comunidade de energia renovável.",
  "Os painéis são instalados nos telhados de escolas e pavilhões municipais e a energia é partilhada com as casas vizinhas que aderem. O excedente ajuda famílias em pobreza energética.",
  ad=[("Aveiro", 2024), ("Braga", 2024)])
P(14904, "energycomm", "Amsterdam", "Energiecoöperaties Amsterdam", "Zonnedaken van bewoners op gemeentelijke gebouwen",
  ["Energy transition", "Participative governance"],
  "Amsterdam wil dat bewoners mede-eigenaar worden van de energietransitie. De gemeente stelt daken beschikbaar aan energiecoöperaties.",
  "Coöperaties leggen zonnepanelen op daken van scholen en sporthallen en bewoners kopen certificaten; de gemeente verstrekt een lening tegen lage rente. De opbrengst gaat naar de leden.",
  ad=[("Rotterdam", 2020), ("Utrecht", 2021)])
P(14905, "energycomm", "Tríkala", "Ενεργειακή Κοινότητα Τρικάλων", "Φωτοβολταϊκά σε δημοτικά κτίρια για τα νοικοκυριά",
  ["Energy transition"],
  "Στα Τρίκαλα το κόστος ρεύματος βαραίνει πολλά νοικοκυριά και δημοτικά κτίρια. Ο δήμος ίδρυσε ενεργειακή κοινότητα με πολίτες και επιχειρήσεις.",
  "Φωτοβολταϊκά πάρκα και στέγες δημοτικών κτιρίων παράγουν ρεύμα που συμψηφίζεται με τους λογαριασμούς των μελών, με προτεραιότητα σε ευάλωτα νοικοκυριά.",
  ad=[("Kardítsa", 2022)])
P(14906, "energycomm", "Leuven", "Ecopower en Leuven 2030", "Burgers investeren samen in zonnepanelen en windmolens",
  ["Energy transition"],
  "Leuven wil in 2050 klimaatneutraal zijn en ziet dat niet lukken zonder burgers. De stad werkt samen met coöperaties om samen te investeren.",
  "Burgers kopen aandelen in zonnepanelen op stadsgebouwen; de coöperatie levert stroom tegen kostprijs. Een buurtbatterij slaat overschotten op.",
  ad=[("Gent", 2021)])
P(14907, "energycomm", "Alba Iulia", "Comunitatea de energie Alba Iulia", "Panouri solare pe școli și clădiri publice pentru oraș",
  ["Energy transition"],
  "Alba Iulia plătea facturi mari la energie pentru școli și iluminat public. Primăria a montat panouri solare și a creat o comunitate de energie.",
  "Panourile fotovoltaice de pe școli, grădinițe și primărie alimentează clădirile publice, iar surplusul este împărțit cu locuitorii asociați. Facturile școlilor au scăzut la jumătate.",
  ad=[("Sibiu", 2024)])
P(14908, "energycomm", "Zagreb", "Solarni krovovi Zagreb", "Građanska energetska zadruga na krovovima grada",
  ["Energy transition"],
  "Zagreb ima malo solarnih elektrana iako ima dovoljno sunca. Grad je s energetskom zadrugom pokrenuo solarne krovove na javnim zgradama.",
  "Građani ulažu male iznose putem skupnog financiranja u solarne elektrane na krovovima škola i vrtića; grad otkupljuje struju i vraća ulog s kamatom.",
  ad=[("Koprivnica", 2022), ("Rijeka", 2023)])
P(14909, "energycomm", "Berlin", "BürgerEnergie Berlin", "Solardächer für Mieter in einer Millionenstadt",
  ["Energy transition"],
  "In Berlin wohnen vier von fünf Menschen zur Miete und können keine Solaranlage bauen. Das Mieterstrommodell der Stadt ändert das.",
  "Die Stadtwerke bauen Solaranlagen auf Wohnhäusern landeseigener Gesellschaften und verkaufen den Strom direkt an die Mieter im Haus, günstiger als der Grundversorger. Der Solarcity-Plan will ein Viertel des Stroms vom Dach.",
  ad=[("Hamburg", 2022)])

# energypoverty: energy poverty, home renovation for poor households
P(15001, "energypoverty", "Barcelona", "Puntos de Asesoramiento Energético", "Asesoría para que ninguna familia se quede sin luz ni calefacción",
  ["Energy transition", "Poverty"],
  "En Barcelona miles de familias no pueden pagar la luz o el gas y pasan frío en invierno. El ayuntamiento abrió puntos de asesoramiento energético en los barrios.",
  "Los asesores revisan facturas, tramitan el bono social y evitan cortes de suministro; se instalan pequeñas mejoras como burletes y bombillas eficientes. Las compañías no pueden cortar sin consultar a servicios sociales.",
  ad=[("Madrid", 2019), ("Valencia", 2020)])
P(15002, "energypoverty", "Pátra", "Ενεργειακή Φτώχεια Πάτρας", "Ενεργειακή αναβάθμιση σπιτιών ευάλωτων νοικοκυριών",
  ["Energy transition", "Poverty"],
  "Στην Πάτρα πολλά νοικοκυριά δεν μπορούν να ζεστάνουν το σπίτι τους τον χειμώνα. Ο δήμος οργάνωσε πρόγραμμα κατά της ενεργειακής φτώχειας.",
  "Ενεργειακοί σύμβουλοι επισκέπτονται τα σπίτια, εξηγούν τους λογαριασμούς και ο δήμος χρηματοδοτεί μόνωση, κουφώματα και αντλίες θερμότητας για οικογένειες με χαμηλό εισόδημα.",
  ad=[("Thessaloníki", 2023)])
P(15003, "energypoverty", "Lublin", "Ciepły dom Lublin", "Wymiana pieców i ocieplenie domów ubogich rodzin",
  ["Energy transition", "Poverty", "Environment"],
  "W Lublinie wiele starych domów ogrzewanych jest piecami węglowymi, a ich mieszkańców nie stać na modernizację. Miasto łączy walkę ze smogiem z pomocą ubogim rodzinom.",
  "Miasto finansuje wymianę pieców na pompy ciepła lub podłączenie do sieci ciepłowniczej i ocieplenie ścian, a rodzinom o niskich dochodach dopłaca do rachunków przez pierwsze lata.",
  ad=[("Rzeszów", 2022), ("Kraków", 2023)])
P(15004, "energypoverty", "Grenoble", "Mur Mur", "Rénover les copropriétés pour lutter contre la précarité énergétique",
  ["Energy transition", "Housing", "Poverty"],
  "À Grenoble, beaucoup de copropriétés des années soixante sont des passoires thermiques où vivent des ménages modestes. La Métropole accompagne leur rénovation.",
  "Le dispositif Mur Mur finance l'isolation des façades et des toitures des copropriétés et accompagne les syndics de la décision aux travaux ; les ménages modestes reçoivent des aides renforcées.",
  ad=[("Lyon", 2020), ("Strasbourg", 2021)])
P(15005, "energypoverty", "Sibiu", "Case calde Sibiu", "Reabilitarea termică a blocurilor și consiliere pentru familiile sărace",
  ["Energy transition", "Poverty"],
  "În Sibiu, familiile cu venituri mici din blocurile vechi plătesc facturi mari la încălzire. Primăria a pornit un program de reabilitare termică și consiliere.",
  "Blocurile sunt izolate cu fonduri europene și contribuție redusă pentru proprietari, iar un consilier energetic ajută familiile să ceară ajutorul pentru încălzire.",
  ad=[("Alba Iulia", 2022)])
P(15006, "energypoverty", "Aveiro", "Casa Quente Aveiro", "Pequenas obras de eficiência nas casas de famílias em pobreza energética",
  ["Energy transition", "Poverty"],
  "Em Aveiro, muitos idosos passam frio em casas sem isolamento e não ligam o aquecimento por medo da fatura. O município criou um balcão contra a pobreza energética.",
  "Técnicos visitam as casas, substituem janelas e instalam isolamento e equipamentos eficientes, pagos pelo município; ajudam ainda a pedir a tarifa social de energia.",
  ad=[("Coimbra", 2023)])
P(15007, "energypoverty", "Dublin", "Warmer Homes Dublin", "Free insulation for households at risk of energy poverty",
  ["Energy transition", "Poverty", "Health"],
  "Many households in Dublin's older council estates cannot afford to heat their homes. The city council upgrades them for free.",
  "The council insulates walls and attics, replaces windows and installs heat pumps in its own homes and in owner-occupied homes of people on welfare. Energy advisers visit each household before and after.",
  lang="en", ad=[("Cork", 2022)])
P(15008, "energypoverty", "Rijeka", "Energetsko siromaštvo Rijeka", "Savjetovanje i obnova domova za kućanstva u energetskom siromaštvu",
  ["Energy transition", "Poverty"],
  "U Rijeci mnoga kućanstva ne mogu platiti grijanje u starim zgradama. Grad je s udrugama pokrenuo program protiv energetskog siromaštva.",
  "Energetski savjetnici posjećuju domove, mijenjaju žarulje i brtve prozore, a grad sufinancira izolaciju i nove prozore za obitelji s niskim primanjima.",
  ad=[("Split", 2023), ("Zadar", 2024)])
P(15009, "energypoverty", "Soria", "Soria sin Frío", "Ayudas para aislar viviendas de personas mayores en una ciudad fría",
  ["Energy transition", "Poverty", "Health"],
  "Soria tiene inviernos largos y fríos y muchas personas mayores viven en casas antiguas sin aislamiento. El ayuntamiento creó un programa para que nadie pase frío en casa.",
  "Técnicos municipales visitan las viviendas y el ayuntamiento paga el aislamiento de ventanas y la sustitución de calderas de gasóleo; los servicios sociales detectan los hogares en riesgo.",
  ad=[("Segovia", 2023)])

# homeless: homelessness, Housing First
P(15101, "homeless", "Lisboa", "Housing First Lisboa", "Casas individuais para pessoas em situação de sem-abrigo",
  ["Housing", "Poverty", "Health"],
  "Em Lisboa centenas de pessoas vivem na rua e os centros de acolhimento não as tiram de lá. A câmara adotou o modelo Housing First.",
  "As pessoas sem-abrigo recebem uma casa individual sem condições prévias, com o apoio de uma equipa técnica que as visita em casa. Oito em cada dez continuam na casa ao fim de dois anos.",
  ad=[("Porto", 2021)])
P(15102, "homeless", "Helsinki", "Housing First Helsinki", "Ending long-term homelessness with permanent homes",
  ["Housing", "Poverty"],
  "Finland is the only EU country where homelessness is falling, and Helsinki led the way. Night shelters were turned into flats with their own tenancy.",
  "People sleeping rough get a permanent flat with a normal lease and support workers on site, without having to stop drinking first. The city buys flats across neighbourhoods to avoid concentration.",
  lang="en", ad=[("Tampere", 2012), ("Lahti", 2014)])
P(15103, "homeless", "Bologna", "Housing First Bologna", "Appartamenti per persone senza dimora con sostegno sociale",
  ["Housing", "Poverty"],
  "A Bologna molte persone senza dimora passavano anni tra strada e dormitori. Il Comune ha avviato un programma Housing First con le cooperative sociali.",
  "Le persone ricevono un appartamento in affitto e un'équipe le accompagna nella salute, nel lavoro e nei rapporti con i vicini. I dormitori si svuotano e i costi per le emergenze scendono.",
  ad=[("Torino", 2019), ("Bergamo", 2021)])
P(15104, "homeless", "Gdańsk", "Najpierw mieszkanie", "Mieszkania dla osób w kryzysie bezdomności",
  ["Housing", "Poverty"],
  "W Gdańsku wiele osób bezdomnych krążyło między schroniskami a ulicą. Miasto przetestowało program 'Najpierw mieszkanie'.",
  "Osoby bezdomne otrzymują mieszkanie z zasobu gminy bez warunków wstępnych, a asystent odwiedza je regularnie. Większość uczestników po roku nadal mieszka w swoim mieszkaniu.",
  ad=[("Warszawa", 2022), ("Sopot", 2023)])
P(15105, "homeless", "Liège", "Housing First Liège", "Un logement d'abord pour les personnes sans abri",
  ["Housing", "Poverty", "Health"],
  "À Liège, des personnes sans abri avec des problèmes de santé mentale ou d'addiction restaient des années à la rue. Le CPAS a lancé Housing First.",
  "Une équipe pluridisciplinaire capte des logements auprès de propriétaires privés et sociaux et accompagne les locataires chez eux, aussi longtemps qu'il le faut.",
  ad=[("Gent", 2018)])
P(15106, "homeless", "Madrid", "Plan de Personas sin Hogar", "Viviendas y equipos de calle para personas sin hogar en una gran capital",
  ["Housing", "Poverty"],
  "En Madrid hay más de seiscientas personas durmiendo en la calle cada noche. El ayuntamiento combina equipos de calle con viviendas Housing First.",
  "Equipos de calle acompañan a las personas hacia recursos y una red de viviendas individuales se asigna sin condiciones previas. Un centro de día ofrece ducha, comida y orientación.",
  ad=[("Barcelona", 2020)])
P(15107, "homeless", "Odense", "Housing First Odense", "Small homes and support for rough sleepers in a mid-sized city",
  ["Housing", "Poverty"],
  "Odense had a small but persistent group of people sleeping rough. The municipality built 'skæve huse', small houses for people who did not fit in ordinary housing.",
  "Rough sleepers rent a small house in a quiet place with a social worker nearby; others get a flat with intensive case management. Shelters became a last resort.",
  lang="en", ad=[("Aarhus", 2019)])
P(15108, "homeless", "Cluj-Napoca", "Locuire întâi Cluj", "Locuințe pentru persoanele fără adăpost",
  ["Housing", "Poverty"],
  "La Cluj-Napoca, persoanele fără adăpost și familiile evacuate ajungeau la marginea orașului, lângă groapa de gunoi. Primăria și ONG-urile au pornit un program 'Locuire întâi'.",
  "Persoanele primesc o locuință socială sau o chirie subvenționată și un asistent social care le ajută cu actele, munca și școala copiilor.",
  ad=[("Timișoara", 2023)])

# loneliness: loneliness and isolation of older people
P(15201, "loneliness", "Leipzig", "Seniorenbüros Leipzig", "Begegnungsorte und Besuchsdienste gegen Einsamkeit im Alter",
  ["Health", "Social cohesion", "Active ageing"],
  "In Leipzig leben viele ältere Menschen allein, oft in Plattenbausiedlungen am Stadtrand. Die Stadt hat in jedem Stadtbezirk ein Seniorenbüro eröffnet.",
  "Die Seniorenbüros bieten Treffpunkte, Beratung und einen Besuchsdienst mit Ehrenamtlichen, die einsame Menschen zu Hause besuchen. Eine Telefonkette ruft jeden Morgen an.",
  ad=[("Hamburg", 2021)])
P(15202, "loneliness", "Rotterdam", "Eén tegen eenzaamheid", "Een stadsbrede aanpak van eenzaamheid bij ouderen",
  ["Health", "Social cohesion"],
  "In Rotterdam voelt een op de tien ouderen zich ernstig eenzaam. De gemeente bracht zorg, welzijn, winkels en buren samen in één aanpak.",
  "Kappers, apothekers en postbodes leren eenzaamheid herkennen en verwijzen door; buurtkamers en huisbezoeken door vrijwilligers brengen mensen weer in contact.",
  ad=[("Amsterdam", 2020), ("Eindhoven", 2021)])
P(15203, "loneliness", "Mantova", "Nonni in Rete", "Volontari e tecnologia contro la solitudine degli anziani in una piccola città",
  ["Health", "Social cohesion"],
  "A Mantova un anziano su tre vive solo e molti non escono quasi mai di casa. Il Comune ha creato una rete di volontari e di custodi sociali.",
  "I custodi sociali telefonano e visitano gli anziani soli, le farmacie segnalano chi è in difficoltà e i giovani del servizio civile insegnano a usare le videochiamate.",
  ad=[("Bergamo", 2022)])
P(15204, "loneliness", "Braga", "Braga Não Está Só", "Rede de vizinhança e visitas a idosos isolados",
  ["Health", "Social cohesion"],
  "Em Braga, muitos idosos vivem sozinhos e não têm família por perto. O município criou uma rede de vizinhança para quebrar o isolamento.",
  "Voluntários visitam e telefonam aos idosos, os párocos e as juntas de freguesia identificam quem está sozinho e os centros de dia oferecem transporte e atividades.",
  ad=[("Coimbra", 2022)])
P(15205, "loneliness", "Stockholm", "Äldrekontakt Stockholm", "Samtal och träffar för äldre som känner sig ensamma",
  ["Health", "Social cohesion"],
  "I Stockholm bor många äldre ensamma och pandemin gjorde isoleringen värre. Staden öppnade en kontaktlinje och mötesplatser för äldre.",
  "Äldre kan ringa en gratis linje för att prata eller få hjälp att hitta aktiviteter; mötesplatser i varje stadsdel erbjuder lunch och promenadgrupper.",
  ad=[("Umeå", None)])
P(15206, "loneliness", "Kardítsa", "Βοήθεια στο Σπίτι Καρδίτσας", "Επισκέψεις και δραστηριότητες για μοναχικούς ηλικιωμένους",
  ["Health", "Social cohesion"],
  "Στην Καρδίτσα και τα χωριά της πολλοί ηλικιωμένοι ζουν μόνοι τους μετά τη μετανάστευση των παιδιών τους. Ο δήμος ενίσχυσε το πρόγραμμα Βοήθεια στο Σπίτι.",
  "Κοινωνικοί λειτουργοί και νοσηλευτές επισκέπτονται τους ηλικιωμένους, τα ΚΑΠΗ οργανώνουν δραστηριότητες και εθελοντές τηλεφωνούν καθημερινά σε όσους μένουν μόνοι.",
  ad=[("Tríkala", 2022)])
P(15207, "loneliness", "Kraków", "Kraków dla seniorów", "Kluby seniora i telefon życzliwości",
  ["Health", "Social cohesion", "Active ageing"],
  "W Krakowie coraz więcej seniorów mieszka samotnie. Miasto stworzyło sieć klubów seniora i telefon życzliwości.",
  "Kluby seniora w każdej dzielnicy prowadzą zajęcia i wspólne obiady, a wolontariusze dzwonią codziennie do osób samotnych. Koperta życia w lodówce pomaga ratownikom.",
  ad=[("Lublin", 2022)])
P(15208, "loneliness", "Villach", "Nachbarschaftshilfe Villach", "Nachbarn besuchen allein lebende Ältere in einer Kleinstadt",
  ["Health", "Social cohesion"],
  "In Villach leben viele Ältere allein und haben kaum Kontakte. Die Stadt organisiert mit Vereinen eine Nachbarschaftshilfe.",
  "Ehrenamtliche Nachbarn besuchen allein lebende Ältere, gehen mit ihnen einkaufen oder spazieren; ein Erzählcafé trifft sich jede Woche in der Bibliothek.",
  ad=[("Wolfhagen", 2023)])

# youthjobs: young people not in work, education or training
P(15301, "youthjobs", "Torino", "Torino Giovani al Lavoro", "Orientamento e tirocini per i giovani che non studiano e non lavorano",
  ["Jobs and skills", "Education"],
  "A Torino un giovane su cinque non studia e non lavora. Il Comune ha aperto sportelli nei quartieri per raggiungere i NEET dove vivono.",
  "Educatori di strada contattano i giovani, che ricevono un orientamento, un corso breve e un tirocinio pagato presso aziende del territorio. Chi completa il percorso riceve un bonus per la patente.",
  ad=[("Milano", 2021)])
P(15302, "youthjobs", "Sevilla", "Sevilla Joven Emplea", "Formación en oficios y empleo para jóvenes de barrios vulnerables",
  ["Jobs and skills", "Social cohesion"],
  "En los barrios del sur de Sevilla el paro juvenil supera el cincuenta por ciento. El ayuntamiento creó escuelas de oficios con empresas.",
  "Los jóvenes aprenden un oficio en hostelería, logística o energía solar mientras cobran una beca, y las empresas se comprometen a contratar a una parte. Un mentor les acompaña el primer año.",
  ad=[("Valencia", 2022)])
P(15303, "youthjobs", "Leeuwarden", "Jongerenloket Leeuwarden", "Eén loket voor jongeren zonder werk of opleiding",
  ["Jobs and skills"],
  "In Leeuwarden vielen jongeren tussen wal en schip van school, uitkering en werk. De gemeente opende één jongerenloket.",
  "Een jongerencoach maakt met elke jongere een plan voor school of werk, regelt schulden en huisvesting en blijft een jaar bereikbaar. Werkgevers bieden leerwerkplekken.",
  ad=[("Groningen", 2019), ("Delft", 2022)])
P(15304, "youthjobs", "Rzeszów", "Młodzi w Rzeszowie", "Staże i szkolenia dla młodych bez pracy",
  ["Jobs and skills"],
  "Młodzi absolwenci z Rzeszowa wyjeżdżali za pracą do Krakowa lub za granicę. Miasto z firmami lotniczymi i IT stworzyło program staży.",
  "Młodzi bez pracy dostają płatny staż, szkolenie zawodowe i mentora w firmie; najlepsi otrzymują umowę o pracę. Miasto pokrywa część kosztów szkolenia.",
  ad=[("Lublin", 2023), ("Kielce", 2024)])
P(15305, "youthjobs", "Dunkerque", "Dunkerque Jeunes Emploi", "Un accompagnement renforcé vers l'emploi industriel pour les jeunes",
  ["Jobs and skills"],
  "À Dunkerque, les usines recrutent mais beaucoup de jeunes du territoire restent sans emploi ni formation. La communauté urbaine a créé un accompagnement renforcé.",
  "Les jeunes suivent une formation courte aux métiers de l'industrie, visitent les usines et sont parrainés par des salariés ; les entreprises s'engagent à les recruter en alternance.",
  ad=[("La Rochelle", 2023)])
P(15306, "youthjobs", "Alba Iulia", "Tineri activi Alba Iulia", "Orientare și ucenicie pentru tinerii care nu sunt la școală și nici la muncă",
  ["Jobs and skills", "Education"],
  "În Alba Iulia mulți tineri pleacă în străinătate sau rămân acasă fără ocupație după liceu. Primăria a deschis un centru de orientare pentru tineri.",
  "Consilierii ajută tinerii să aleagă o meserie, iar firmele locale oferă ucenicie plătită; tinerii primesc și cursuri de limbi străine și de digital.",
  ad=[("Sibiu", 2023)])
P(15307, "youthjobs", "Berlin", "Jugendberufsagentur Berlin", "Alle Hilfen für den Berufseinstieg unter einem Dach",
  ["Jobs and skills", "Education"],
  "In Berlin verlassen jedes Jahr tausende Jugendliche die Schule ohne Ausbildungsplatz. Die Jugendberufsagentur bündelt Arbeitsagentur, Jobcenter und Jugendhilfe.",
  "In zwölf Standorten beraten alle Stellen gemeinsam; jede Schulabgängerin wird angesprochen, niemand soll verloren gehen. Ausbildungsbetriebe werden direkt vermittelt.",
  ad=[("Hamburg", 2015)])
P(15308, "youthjobs", "Split", "Mladi u Splitu", "Zapošljavanje mladih izvan turističke sezone",
  ["Jobs and skills"],
  "U Splitu mladi rade ljeti u turizmu, a zimi ostaju bez posla. Grad je pokrenuo program cjelogodišnjeg zapošljavanja mladih.",
  "Mladi bez posla dobivaju savjetovanje, plaćene prakse u lokalnim tvrtkama i tečajeve digitalnih vještina; poslodavci dobivaju potporu za zapošljavanje na neodređeno.",
  ad=[("Zadar", 2024)])
P(15309, "youthjobs", "Évora", "Évora Jovem Ativa", "Estágios e formação para jovens desempregados numa cidade média",
  ["Jobs and skills"],
  "Em Évora, muitos jovens terminam o secundário e não encontram emprego nem formação. O município juntou escolas profissionais e empresas num programa comum.",
  "Os jovens recebem orientação vocacional, formação curta em áreas com procura local, como a aeronáutica e o turismo, e um estágio pago; um tutor acompanha-os durante seis meses.",
  ad=[("Tomar", 2023)])
P(15310, "youthjobs", "Cork", "Youth Reach Cork", "Second-chance education and work placements for early school leavers",
  ["Jobs and skills", "Education"],
  "In Cork, young people who leave school early find few ways back into work or training. The city and education board run a second-chance programme.",
  "Young people follow a flexible course with a weekly allowance, combine it with work placements in local firms and get a mentor; childcare is provided for young parents.",
  lang="en", ad=[("Dublin", 2020)])

# migrants: welcoming and integrating migrants and refugees
P(15401, "migrants", "Amsterdam", "Amsterdamse Aanpak Statushouders", "Taal, werk en huisvesting tegelijk voor vluchtelingen",
  ["Inclusion of migrants and refugees", "Jobs and skills"],
  "In Amsterdam wachtten vluchtelingen met een verblijfsvergunning maanden voordat ze de taal leerden of konden werken. De stad laat alles tegelijk beginnen.",
  "Vanaf de eerste week krijgt elke statushouder een klantmanager, taallessen en een werkplek of opleiding, terwijl de woning wordt geregeld. Werkgevers bieden taal op de werkvloer.",
  ad=[("Utrecht", 2018), ("Rotterdam", 2019)])
P(15402, "migrants", "Reggio Emilia", "Reggio Emilia Città Interculturale", "Mediatori culturali e corsi di lingua per i nuovi arrivati",
  ["Inclusion of migrants and refugees", "Social cohesion"],
  "Reggio Emilia ha uno dei tassi di residenti stranieri più alti d'Italia. Il Comune ha fatto dell'intercultura una politica di tutta l'amministrazione.",
  "Mediatori culturali lavorano negli sportelli comunali, nelle scuole e negli ospedali; corsi di italiano sono aperti anche alle madri con bambini piccoli e un centro interculturale organizza incontri tra comunità.",
  ad=[("Bologna", 2016), ("Bergamo", 2020)])
P(15403, "migrants", "Kardítsa", "Φιλοξενία Προσφύγων Καρδίτσα", "Στέγαση προσφύγων σε διαμερίσματα και μαθήματα ελληνικών",
  ["Inclusion of migrants and refugees", "Housing"],
  "Η Καρδίτσα αποφάσισε να φιλοξενήσει πρόσφυγες σε διαμερίσματα στην πόλη αντί σε καταυλισμούς. Η μικρή πόλη έγινε παράδειγμα ένταξης.",
  "Οι οικογένειες προσφύγων ζουν σε διαμερίσματα που ενοικιάζει ο δήμος, τα παιδιά πηγαίνουν στα σχολεία της γειτονιάς και οι ενήλικες μαθαίνουν ελληνικά και δουλεύουν σε αγροτικές επιχειρήσεις.",
  ad=[("Tríkala", 2019)])
P(15404, "migrants", "Leipzig", "Willkommen in Leipzig", "Ein Integrationsmanagement für Neuzugewanderte",
  ["Inclusion of migrants and refugees"],
  "Leipzig wuchs schnell, auch durch Zuwanderung aus dem Ausland. Neuzugewanderte fanden sich in den Ämtern nicht zurecht.",
  "Ein Welcome Center berät in zwölf Sprachen zu Aufenthalt, Arbeit und Schule; Sprachmittler begleiten zu Behörden und Ärzten. Sprachcafés bringen Alteingesessene und Neue zusammen.",
  ad=[("Freiburg", 2019)])
P(15405, "migrants", "Växjö", "Welcome Växjö", "Language, mentors and jobs for newcomers in a small Swedish city",
  ["Inclusion of migrants and refugees", "Jobs and skills"],
  "Växjö received many refugees in 2015 for a city of its size. The municipality built a path from arrival to work.",
  "Newcomers combine Swedish classes with work placements in the municipality's own services, a local mentor and vocational training in jobs the city lacks, such as elderly care.",
  lang="en", ad=[("Umeå", 2018)])
P(15406, "migrants", "Berlin", "Berliner Ankunftszentren", "Ankommen in einer Millionenstadt: Wohnen, Sprache und Arbeit",
  ["Inclusion of migrants and refugees"],
  "Berlin hat seit 2015 über hunderttausend Geflüchtete aufgenommen. Die Stadt musste Ankunft, Wohnen und Integration im großen Maßstab organisieren.",
  "Ankunftszentren regeln Registrierung und Unterkunft, Integrationslotsen in allen Bezirken begleiten die Menschen, und das Programm 'Arrivo' vermittelt Geflüchtete ins Handwerk.",
  ad=[("Hamburg", 2016), ("Wien", 2017)])
P(15407, "migrants", "Timișoara", "Centrul pentru refugiați Timișoara", "Sprijin pentru refugiații ucraineni: cazare, școală, muncă",
  ["Inclusion of migrants and refugees"],
  "Timișoara a primit mii de refugiați din Ucraina în 2022. Primăria a creat un centru care coordonează ajutorul.",
  "Centrul oferă informații în ucraineană, cazare la familii, locuri în grădinițe și școli și cursuri de română; angajatorii locali publică oferte de muncă pentru refugiați.",
  ad=[("Cluj-Napoca", 2022), ("Oradea", 2022)])
P(15408, "migrants", "Lisboa", "Centro de Acolhimento de Migrantes Lisboa", "Um balcão único para migrantes na capital",
  ["Inclusion of migrants and refugees"],
  "Lisboa recebe cada vez mais migrantes que enfrentam burocracia, barreiras de língua e dificuldades em encontrar casa. A câmara criou um balcão único.",
  "No mesmo espaço, os migrantes tratam da documentação, aprendem português e recebem apoio para emprego e habitação, com mediadores que falam as suas línguas.",
  ad=[("Porto", 2021)])
P(15409, "migrants", "Gniezno", "Gniezno dla cudzoziemców", "Punkt informacyjny i lekcje polskiego dla nowych mieszkańców",
  ["Inclusion of migrants and refugees"],
  "Do Gniezna przyjechało wielu pracowników z Ukrainy i ich rodzin. Miasto otworzyło punkt informacyjny dla cudzoziemców.",
  "W punkcie można załatwić sprawy urzędowe z tłumaczem, zapisać dzieci do szkoły i przedszkola i zapisać się na bezpłatne lekcje polskiego; biblioteka prowadzi klub rozmów.",
  ad=[("Kalisz", 2023)])
