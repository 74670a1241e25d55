from practice import P

# school: school streets, safe walking and cycling to school
P(14401, "school", "Gent", "Schoolstraten", "Straten die autovrij worden bij het begin en einde van de schooldag",
  ["Urban mobility", "Health"],
  "Voor de schoolpoorten in Gent zorgden ouders die met de auto kwamen voor gevaarlijke situaties en vuile lucht. De stad sluit die straten tijdelijk af voor auto's.",
  "Een half uur bij het begin en einde van de school gaat een hekje dicht, bediend door vrijwilligers en ouders. Meer kinderen komen te voet of met de fiets naar school.",
  ad=[("Leuven", 2019), ("Mechelen", 2020), ("Antwerpen", 2021)])
P(14402, "school", "Paris", "Rues aux écoles", "Piétonniser les rues devant les écoles",
  ["Urban mobility", "Health", "Education"],
  "Devant les écoles parisiennes, la circulation met en danger les enfants et les expose à la pollution. La Ville a piétonnisé plus de deux cents rues aux écoles.",
  "Les rues sont d'abord fermées avec du mobilier provisoire puis réaménagées avec des arbres, des bancs et des jeux au sol. Elles deviennent des places pour tout le quartier.",
  ad=[("Lyon", 2022), ("Strasbourg", 2023)])
P(14403, "school", "Pamplona", "Caminos Escolares Seguros", "Rutas seguras para ir a pie al colegio en una ciudad media",
  ["Urban mobility", "Education"],
  "En Pamplona la mayoría de los niños vive a menos de un kilómetro de su colegio, pero muchos van en coche. El ayuntamiento diseñó con las familias caminos escolares seguros.",
  "Se ensancharon aceras, se elevaron pasos de peatones y comercios del recorrido se adhieren como 'establecimientos amigos' donde un niño puede pedir ayuda. Los grupos de niños van a pie acompañados por voluntarios.",
  ad=[("Vitoria-Gasteiz", 2019), ("Soria", 2022)])
P(14404, "school", "Wolfhagen", "Elternhaltestellen", "Hol- und Bringzonen und Laufbus für die Grundschulen einer Kleinstadt",
  ["Urban mobility", "Education"],
  "In Wolfhagen fuhren fast alle Eltern ihre Kinder bis vor das Schultor, das Gedränge war gefährlich. Die Stadt hat das Elterntaxi aus der Schulstraße verbannt.",
  "An drei Elternhaltestellen in 300 Metern Entfernung dürfen Eltern halten, den Rest gehen die Kinder im 'Laufbus' mit einer Begleitperson. Die Schulstraße ist morgens für Autos gesperrt.",
  ad=[("Eberswalde", 2023)])
P(14405, "school", "Milano", "Piazze Aperte per le scuole", "Piazze pedonali davanti alle scuole con l'urbanistica tattica",
  ["Urban mobility", "Urban regeneration"],
  "A Milano molti ingressi delle scuole si affacciano su strade trafficate e parcheggi. Il Comune ha trasformato quegli spazi in piazze con interventi rapidi e poco costosi.",
  "Con vernice, fioriere, panchine e tavoli da ping pong le strade davanti alle scuole diventano piazze in poche settimane; se funzionano, vengono poi ricostruite in modo permanente. I genitori e gli studenti partecipano al disegno.",
  ad=[("Bergamo", 2021), ("Bologna", 2022)])
P(14406, "school", "Tomar", "A Pé para a Escola", "Comboios de bicicleta e pedibus numa cidade pequena",
  ["Urban mobility", "Education", "Health"],
  "Em Tomar, as crianças quase não iam a pé para a escola porque os pais tinham medo do trânsito. O município organizou o pedibus e o comboio de bicicletas.",
  "Voluntários e agentes da polícia municipal acompanham grupos de alunos em percursos fixos, com paragens e horários como um autocarro. As ruas junto às escolas passaram a ter limite de 30 km/h.",
  ad=[("Évora", 2023)])
P(14407, "school", "Warszawa", "Szkolne ulice Warszawa", "Ulice szkolne zamknięte dla samochodów w godzinach lekcji",
  ["Urban mobility", "Health"],
  "Przed warszawskimi szkołami rano tworzą się korki samochodów rodziców, a dzieci oddychają spalinami. Miasto testuje ulice szkolne.",
  "W godzinach przyjazdu i wyjazdu uczniów ulica przy szkole jest zamknięta dla ruchu, a wjazd mają tylko mieszkańcy. Pomiary pokazały mniej dwutlenku azotu przed szkołą.",
  ad=[("Kraków", 2024)])
P(14408, "school", "Rzeszów", "Bezpieczna droga do szkoły", "Bezpieczne trasy do szkoły pieszo i rowerem w średnim mieście",
  ["Urban mobility", "Education"],
  "W Rzeszowie coraz więcej dzieci dowożonych jest do szkół samochodem, nawet na krótkich odcinkach. Miasto postanowiło, że droga do szkoły ma być bezpieczna pieszo.",
  "Wokół szkół wyznaczono strefy tempo 30, wyniesione przejścia i parkingi dla rowerów; uczniowie zbierają punkty za przyjście pieszo w szkolnej grze. Rodzice zostawiają dzieci w strefach 'całus i jedź' kilkaset metrów od szkoły.",
  ad=[("Gniezno", 2023), ("Lublin", 2024)])
P(14409, "school", "Utrecht", "Veilige Schoolomgeving", "Schoolzones en fietsstraten rond basisscholen",
  ["Urban mobility"],
  "Utrecht wil dat alle kinderen zelfstandig naar school kunnen fietsen. Rond veel basisscholen was het te druk met auto's.",
  "Schoolzones krijgen rode markering, 30 km/u en kiss-and-ride op afstand; fietsstraten verbinden de wijken met de scholen. Kinderen krijgen fietsles op school.",
  ad=[("Groningen", 2021), ("Delft", 2022)])
P(14410, "school", "Thessaloníki", "Ασφαλείς Σχολικές Διαδρομές", "Πεζόδρομοι και σχολικοί δρόμοι γύρω από τα δημοτικά σχολεία",
  ["Urban mobility", "Education"],
  "Στη Θεσσαλονίκη τα πεζοδρόμια γύρω από τα σχολεία είναι στενά και γεμάτα σταθμευμένα αυτοκίνητα. Ο δήμος σχεδίασε ασφαλείς διαδρομές για τα παιδιά.",
  "Οι δρόμοι μπροστά στα σχολεία κλείνουν για τα αυτοκίνητα στην προσέλευση και την αποχώρηση, τα πεζοδρόμια διαπλατύνονται και εθελοντές γονείς συνοδεύουν ομάδες μαθητών.",
  ad=[("Pátra", 2024)])

# cycling: cycle network, bicycle use
P(14501, "cycling", "Utrecht", "Fietsstad Utrecht", "Het grootste fietsenparkeerstation ter wereld en een net van fietsstraten",
  ["Urban mobility"],
  "In Utrecht wordt bijna de helft van de verplaatsingen per fiets gedaan, en het stationsgebied liep vol met fietsen. De stad koos voor ruimte voor de fiets in plaats van voor de auto.",
  "Onder het station werd een fietsenstalling voor 12.500 fietsen gebouwd, doorgaande routes werden fietsstraten waar de auto te gast is. Het Catharijnesingel werd opnieuw water in plaats van een snelweg.",
  ad=[("Eindhoven", 2020), ("Groningen", 2021)])
P(14502, "cycling", "Sevilla", "Red de Carriles Bici", "Ochenta kilómetros de carril bici segregado construidos en cuatro años",
  ["Urban mobility"],
  "En 2006 casi nadie usaba la bicicleta en Sevilla. En pocos años la ciudad construyó una red completa de carriles bici segregados y el uso se multiplicó por diez.",
  "La red se diseñó de una vez, como un sistema continuo y protegido del tráfico, en lugar de tramos sueltos; se acompañó de un servicio de bicicleta pública. Se quitaron plazas de aparcamiento para hacerle sitio.",
  ad=[("Valencia", 2010), ("Vitoria-Gasteiz", 2012)])
P(14503, "cycling", "Kraków", "Kraków na rowerze", "Sieć dróg rowerowych i rower miejski w dużym mieście",
  ["Urban mobility"],
  "Kraków walczy ze smogiem i korkami, a rowerem jeździło niewielu mieszkańców. Miasto przyjęło politykę rowerową z celem dziesięciu procent podróży.",
  "Powstały spójne trasy rowerowe wzdłuż Wisły i głównych ulic, kontrapasy na jednokierunkowych uliczkach i system roweru miejskiego. Oficer rowerowy opiniuje każdy projekt drogowy.",
  ad=[("Rzeszów", 2022)])
P(14504, "cycling", "Groningen", "Fietsstrategie Groningen", "Een binnenstad verdeeld in sectoren die auto's niet kunnen doorkruisen",
  ["Urban mobility"],
  "Groningen sneed in 1977 zijn binnenstad in vier sectoren: auto's kunnen niet van de ene naar de andere, fietsers wel. Vandaag gaat meer dan de helft van de verplaatsingen per fiets.",
  "Het verkeerscirculatieplan dwingt auto's via de ring; fietsers krijgen de kortste routes, slimme verkeerslichten die regen detecteren en stallingen bij elke bestemming.",
  ad=[("Leeuwarden", 2015), ("Odense", 2018)])
P(14505, "cycling", "Segovia", "Segovia en Bici", "Bicicleta eléctrica compartida en una ciudad con cuestas",
  ["Urban mobility", "Culture and heritage"],
  "Segovia es una ciudad pequeña, monumental y con muchas cuestas, donde la bicicleta parecía imposible. La bici eléctrica compartida cambió esa idea.",
  "El ayuntamiento instaló estaciones de bicicletas eléctricas que unen el acueducto, la estación del AVE y los barrios altos, y calmó el tráfico del casco a 20 km/h.",
  ad=[("Soria", 2022)])
P(14506, "cycling", "Ljubljana", "Bicikelj", "Bike sharing and a car-free centre in a mid-sized capital",
  ["Urban mobility"],
  "Ljubljana closed its centre to cars in 2007 and needed another way to move people. The city introduced a cheap bike sharing system and cycle paths along the river.",
  "Bicikelj has stations every 300 metres and the first hour is free; cycle lanes link the suburbs to the pedestrian centre. Within ten years cycling became a normal way to get to work.",
  lang="en", ad=[("Maribor", 2016), ("Zagreb", 2019)])
P(14507, "cycling", "Tampere", "Bicycle Highways Tampere", "Lit, winter-maintained cycle routes in a Nordic city",
  ["Urban mobility"],
  "Tampere wanted more people to cycle all year round, but winter kept them off the roads. The city built main cycle routes that are cleared of snow first.",
  "Main cycle routes are separated from cars and pedestrians, lit and ploughed before car lanes; bike counters show the winter traffic. Cycling in winter doubled on the new routes.",
  lang="en", ad=[("Lahti", 2021), ("Umeå", 2022)])
P(14508, "cycling", "Albi", "Albi à Vélo", "Un plan vélo pour une ville moyenne du sud",
  ["Urban mobility"],
  "À Albi, ville de 50 000 habitants, presque tous les déplacements se faisaient en voiture, même courts. La municipalité a adopté un plan vélo simple et peu coûteux.",
  "Des bandes cyclables relient les quartiers au centre et aux lycées, la vitesse est limitée à 30 km/h en ville et des vélos électriques sont prêtés pour un mois.",
  ad=[("La Rochelle", 2021)])
P(14509, "cycling", "Paris", "Plan Vélo Paris", "Un réseau express vélo et mille kilomètres d'aménagements cyclables",
  ["Urban mobility"],
  "Les pistes provisoires ouvertes pendant la pandémie ont fait exploser l'usage du vélo à Paris. La Ville a décidé de les rendre permanentes et de rendre la capitale cyclable partout.",
  "Le plan vélo crée des pistes bidirectionnelles sur les grands axes, transforme des rues en rues cyclables et multiplie les stationnements vélo sécurisés. Le vélo dépasse la voiture sur plusieurs axes.",
  ad=[("Lyon", 2021)])
P(14510, "cycling", "Bergamo", "Bergamo in Bicicletta", "Ciclovie e bici condivisa per una città media lombarda",
  ["Urban mobility"],
  "Bergamo è una città di 120.000 abitanti dove l'auto domina anche per tragitti brevi. Il Comune ha disegnato una rete di ciclovie che collega i quartieri con il centro.",
  "Le nuove ciclovie protette, le zone 30 e il bike sharing con bici elettriche rendono la bicicletta comoda anche per salire a Città Alta. Le aziende ricevono incentivi per chi va al lavoro in bici.",
  ad=[("Mantova", 2023)])

# ondemand: public transport on demand where regular buses do not pay
P(14601, "ondemand", "Fundão", "Transporte a Pedido Fundão", "Táxis e carrinhas a pedido ligam as aldeias à vila",
  ["Urban mobility", "Social cohesion"],
  "Nas aldeias do Fundão os autocarros passavam vazios ou não passavam, e os idosos ficavam isolados. O município substituiu as carreiras fixas por transporte a pedido.",
  "Os habitantes ligam na véspera para um número gratuito e um táxi ou carrinha vai buscá-los à porta pelo preço de um bilhete de autocarro. O serviço custa menos ao município do que as carreiras vazias.",
  ad=[("Tomar", 2020)])
P(14602, "ondemand", "Soria", "Bus a la Demanda", "Autobús a la demanda para los barrios periféricos y pedanías",
  ["Urban mobility"],
  "En Soria, los autobuses urbanos que llegaban a los barrios periféricos y pedanías circulaban casi vacíos. El ayuntamiento los sustituyó por un servicio a la demanda.",
  "Los vecinos reservan el viaje por teléfono o con una aplicación y el autobús solo sale si hay reservas, con rutas que se calculan cada día. El coste por viajero bajó a la mitad.",
  ad=[("Segovia", 2022)])
P(14603, "ondemand", "Wolfhagen", "Rufbus Wolfhagen", "Ein Anrufsammeltaxi für die Ortsteile einer Kleinstadt",
  ["Urban mobility"],
  "Die zwölf Ortsteile von Wolfhagen waren nachmittags und abends ohne Bus. Ein Linienbus hätte sich nicht gerechnet.",
  "Der Rufbus fährt nach Fahrplan, aber nur, wenn jemand bis eine Stunde vorher anruft oder in der App bucht; er hält an jeder Haustür. Ehrenamtliche Bürgerbusfahrer ergänzen am Wochenende.",
  ad=[("Eberswalde", 2021)])
P(14604, "ondemand", "Hamburg", "MOIA und ioki", "On-Demand-Shuttles als Teil des Nahverkehrs einer Großstadt",
  ["Urban mobility", "Digital transition"],
  "In den Randbezirken Hamburgs gibt es weite Wege zur nächsten Haltestelle. Die Stadt testet elektrische Ruf-Shuttles, die Fahrgäste mit ähnlichem Ziel bündeln.",
  "Ein Algorithmus bündelt Fahrten in Echtzeit; die Shuttles bringen Fahrgäste zur S-Bahn zum Preis eines HVV-Tickets. Bis 2030 soll jeder Hamburger in fünf Minuten ein Angebot erreichen.",
  ad=[("Leipzig", 2023)])
P(14605, "ondemand", "Kardítsa", "Συγκοινωνία κατ' απαίτηση", "Μικρά λεωφορεία κατόπιν κλήσης για τα χωριά του δήμου",
  ["Urban mobility", "Social cohesion"],
  "Τα χωριά γύρω από την Καρδίτσα δεν είχαν σχεδόν καμία συγκοινωνία και οι ηλικιωμένοι δεν μπορούσαν να φτάσουν στο κέντρο υγείας. Ο δήμος δημιούργησε συγκοινωνία κατ' απαίτηση.",
  "Οι κάτοικοι καλούν ένα τηλεφωνικό κέντρο και ένα μικρό λεωφορείο τους παραλαμβάνει από το σπίτι, με προτεραιότητα στις επισκέψεις σε γιατρό. Η διαδρομή σχεδιάζεται κάθε πρωί.",
  ad=[("Tríkala", 2023)])
P(14606, "ondemand", "Villach", "Go-Mobil Villach", "Anrufsammeltaxi für Stadtrand und Nachtstunden",
  ["Urban mobility"],
  "Am Stadtrand von Villach und in der Nacht fuhren kaum Busse. Das Go-Mobil schließt die Lücke als Anrufsammeltaxi.",
  "Fahrgäste rufen an, das Taxi sammelt mehrere Personen und bringt sie zum gleichen Tarif wie der Bus ans Ziel. Gemeinden und Betriebe teilen die Kosten.",
  ad=[("Graz", 2022)])
P(14607, "ondemand", "Umeå", "Anropsstyrd trafik Umeå", "Bussar på beställning i glesbygden runt staden",
  ["Urban mobility"],
  "Umeå kommun är stor till ytan och i byarna åker få människor buss. Kommunen ersatte linjer med anropsstyrd trafik.",
  "Resenären beställer resan senast två timmar innan och en minibuss hämtar vid närmaste hållplats eller hemma. Samma biljett gäller som på stadsbussen.",
  ad=[("Växjö", 2022)])
P(14608, "ondemand", "Lahti", "Demand-Responsive Transport Lahti", "App-booked minibuses replace empty evening buses",
  ["Urban mobility", "Digital transition"],
  "Evening buses in the suburbs of Lahti ran almost empty but were the only link for shift workers. The regional transport authority replaced them with minibuses booked by app.",
  "Passengers book a ride in the app or by phone; the minibus takes several passengers along a route computed in real time and connects with trains. The cost per passenger fell by a third.",
  lang="en", ad=[("Tampere", 2023)])
P(14609, "ondemand", "Alba Iulia", "Transport la cerere Alba Iulia", "Microbuze la cerere pentru cartierele și satele din jurul orașului",
  ["Urban mobility"],
  "Cartierele noi și satele din jurul orașului Alba Iulia nu aveau linii de autobuz regulate. Primăria a introdus transportul la cerere cu microbuze electrice.",
  "Călătorii rezervă cursa printr-o aplicație sau telefonic, iar microbuzul îi ia de la cea mai apropiată stație virtuală. Prețul este același ca al biletului de autobuz.",
  ad=[("Sibiu", 2024)])
P(14610, "ondemand", "Paris", "Transport à la demande Île-de-France", "Des navettes à la demande pour la grande couronne",
  ["Urban mobility"],
  "Dans la grande couronne parisienne, beaucoup de communes ne sont pas desservies par le métro ou le RER le soir. Des navettes à la demande rabattent les voyageurs vers les gares.",
  "Les voyageurs réservent une navette par application, qui les prend à un arrêt et les dépose à la gare au prix d'un ticket. L'offre couvre plus de soixante secteurs.",
  ad=[("Lyon", 2023)])

# foodwaste: food waste, surplus food, local food in canteens
P(14701, "foodwaste", "Milano", "Hub di Quartiere contro lo spreco alimentare", "Recuperare le eccedenze dei supermercati per le famiglie in difficoltà",
  ["Food", "Circular economy", "Poverty"],
  "A Milano tonnellate di cibo ancora buono finivano nei rifiuti mentre migliaia di famiglie faticavano a fare la spesa. Il Comune ha creato hub di quartiere che raccolgono e ridistribuiscono le eccedenze.",
  "I supermercati e le mense aziendali consegnano le eccedenze agli hub, gestiti con il Banco Alimentare e le associazioni, che le distribuiscono alle famiglie segnalate dai servizi sociali. Chi dona ottiene uno sconto sulla tassa rifiuti.",
  ad=[("Torino", 2021), ("Bergamo", 2022), ("Bologna", 2022)])
P(14702, "foodwaste", "Mantova", "Mantova Spreco Zero", "Mense scolastiche a chilometro zero e recupero del cibo avanzato",
  ["Food", "Education"],
  "A Mantova le mense scolastiche servivano cibo industriale e buttavano un terzo dei pasti. Il Comune ha cambiato il capitolato e coinvolto i produttori locali.",
  "Le mense acquistano da aziende agricole del territorio, i bambini pesano gli avanzi e il pane non consumato va alla mensa dei poveri. Gli sprechi si sono dimezzati in due anni.",
  ad=[("Reggio Emilia", 2023)])
P(14703, "foodwaste", "Gent", "Foodsavers Gent", "Een logistiek platform dat voedseloverschotten naar sociale organisaties brengt",
  ["Food", "Circular economy", "Poverty"],
  "In Gent gooiden supermarkten en veilingen elke dag eetbaar voedsel weg. De stad zette Foodsavers op, dat overschotten ophaalt en verdeelt.",
  "Een koelwagen haalt overschotten op bij winkels en groothandels en brengt ze naar voedselbanken en sociale restaurants; werkzoekenden doen er werkervaring op.",
  ad=[("Antwerpen", 2019), ("Leuven", 2021)])
P(14704, "foodwaste", "Tampere", "Food Waste Café", "Surplus food from shops cooked into cheap lunches",
  ["Food", "Circular economy"],
  "Shops and school kitchens in Tampere threw away a lot of edible food. A city-backed café cooks lunch from surplus food.",
  "Volunteers collect surplus from shops and kitchens every morning; the café serves it as a low-priced lunch and gives the rest to food aid. Schools sell leftover lunches to residents at the end of the day.",
  lang="en", ad=[("Lahti", 2022)])
P(14705, "foodwaste", "Lyon", "Lyon Anti-Gaspi", "Lutter contre le gaspillage alimentaire dans la restauration collective",
  ["Food", "Circular economy"],
  "La restauration collective lyonnaise jetait près d'un repas sur quatre. La Ville a lancé un plan anti-gaspillage dans ses cantines.",
  "Les portions sont ajustées, les enfants choisissent leur quantité, les excédents sont donnés à des associations et les biodéchets compostés. Les économies financent des produits bio et locaux.",
  ad=[("Grenoble", 2022), ("Nantes", 2023)])
P(14706, "foodwaste", "Kardítsa", "Τράπεζα Τροφίμων Καρδίτσας", "Συλλογή πλεονασμάτων τροφίμων από παραγωγούς και καταστήματα",
  ["Food", "Poverty"],
  "Στην Καρδίτσα, αγροτική περιοχή, πολλά φρούτα και λαχανικά έμεναν αδιάθετα ενώ οικογένειες δυσκολεύονταν. Ο δήμος οργάνωσε τράπεζα τροφίμων με τους συνεταιρισμούς.",
  "Οι παραγωγοί και τα σούπερ μάρκετ παραδίδουν τα πλεονάσματα σε κοινόχρηστη αποθήκη και εθελοντές τα μοιράζουν σε οικογένειες που υποδεικνύουν οι κοινωνικές υπηρεσίες.",
  ad=[("Tríkala", 2022)])
P(14707, "foodwaste", "Braga", "Braga Sem Desperdício", "Recolha de excedentes de restaurantes e cantinas para famílias",
  ["Food", "Poverty"],
  "Em Braga, restaurantes e cantinas deitavam fora refeições que nunca tinham sido servidas. A câmara juntou-se a uma rede de voluntários para as recolher.",
  "Voluntários recolhem as refeições ao fim do dia em caixas térmicas e entregam-nas a famílias acompanhadas pela ação social. Os restaurantes aderentes recebem um selo.",
  ad=[("Coimbra", 2021), ("Aveiro", 2023)])
P(14708, "foodwaste", "Warszawa", "Jadłodzielnie Warszawa", "Lodówki społeczne, w których można zostawić i wziąć jedzenie",
  ["Food", "Circular economy"],
  "W Warszawie sklepy i mieszkańcy wyrzucali dużo jedzenia. Miasto wsparło sieć jadłodzielni, czyli lodówek społecznych.",
  "Lodówki i szafki stoją przy domach kultury i urzędach dzielnic; każdy może zostawić jedzenie lub je wziąć, a wolontariusze pilnują świeżości. Sklepy przekazują produkty z krótkim terminem.",
  ad=[("Gdańsk", 2020), ("Kraków", 2021)])
P(14709, "foodwaste", "Valencia", "València Alimenta", "Estrategia alimentaria municipal con bancos de alimentos de barrio",
  ["Food", "Local economy"],
  "Valencia, rodeada por la huerta, quiere que los alimentos locales no se pierdan y lleguen a todos. La estrategia alimentaria une a agricultores, mercados y comedores.",
  "Los mercados municipales donan los excedentes a despensas solidarias de barrio y los comedores escolares compran a agricultores de la huerta. Un mapa del desperdicio señala dónde se pierde comida.",
  ad=[("Sevilla", 2023)])
P(14710, "foodwaste", "Sibiu", "Sibiu fără risipă", "Frigidere sociale și cantine care salvează alimentele",
  ["Food", "Poverty"],
  "În Sibiu, magazinele aruncau zilnic pâine și legume bune de consumat. Primăria și ONG-urile au creat o rețea de frigidere sociale.",
  "Frigiderele sociale sunt amplasate lângă centre comunitare, iar voluntarii colectează excedentul de la magazine și cantine. Mâncarea ajunge la familii și la vârstnici singuri.",
  ad=[("Alba Iulia", 2023)])

# repair: reuse centres, repair cafés, waste prevention of goods
P(14801, "repair", "Wien", "R.U.S.Z Reparaturbonus", "Ein Bonus für die Reparatur von Elektrogeräten",
  ["Circular economy", "Local economy"],
  "In Wien landeten jedes Jahr tausende reparierbare Geräte im Müll, weil die Reparatur teurer war als ein neues Gerät. Die Stadt führte einen Reparaturbonus ein.",
  "Wer ein Gerät bei einem Partnerbetrieb reparieren lässt, bekommt die Hälfte der Kosten erstattet; Reparaturcafés in den Bezirken helfen beim Selbermachen. Der Bonus wurde später österreichweit übernommen.",
  ad=[("Graz", 2021), ("Villach", 2022)])
P(14802, "repair", "Leuven", "Kringwinkel en Repair Café Leuven", "Hergebruikcentrum en buurtherstelcafés",
  ["Circular economy"],
  "Leuven wilde minder grofvuil en meer hergebruik. De stad werkt samen met de kringwinkel en vrijwillige herstellers.",
  "Inwoners brengen spullen naar het hergebruikcentrum, dat ze herstelt en verkoopt, en maandelijks is er in elke deelgemeente een repair café. Mensen met een leefloon krijgen korting.",
  ad=[("Mechelen", 2019)])
P(14803, "repair", "Växjö", "Återbruksparken Växjö", "A reuse park next to the recycling centre",
  ["Circular economy"], 
  "At the recycling centre of Växjö, furniture and tools in good condition were crushed with the waste. The municipality opened a reuse park next to it.",
  "Residents leave usable items in the reuse hall before they reach the containers; charities and a job-training workshop repair and sell them. Libraries lend tools and sports gear.",
  lang="en", ad=[("Umeå", 2020)])
P(14804, "repair", "Barcelona", "Reparat Millor que Nou", "Puntos de reparación y una red de talleres de barrio",
  ["Circular economy"],
  "Barcelona quiere reducir los residuos y alargar la vida de los objetos. El programa Reparat millor que nou reúne a talleres, voluntarios y ciudadanos.",
  "En los puntos de reparación de los barrios los vecinos aprenden a arreglar ropa, aparatos y bicicletas, y un mapa localiza los talleres profesionales. Las fiestas de reparación llegan a escuelas y mercados.",
  ad=[("Madrid", 2022)])
P(14805, "repair", "Aveiro", "Aveiro Repara", "Cafés de reparação e loja de reutilização municipal",
  ["Circular economy"],
  "Em Aveiro, móveis e eletrodomésticos ainda úteis acabavam no ecocentro. A câmara criou uma loja social de reutilização e cafés de reparação mensais.",
  "Os objetos entregues no ecocentro são triados, reparados por formandos de um curso profissional e vendidos a preços simbólicos. Nos cafés de reparação, voluntários ensinam a consertar.",
  ad=[("Évora", 2023)])
P(14806, "repair", "Ljubljana", "Reuse Centre Ljubljana", "A zero-waste capital that repairs and resells",
  ["Circular economy", "Jobs and skills"],
  "Ljubljana was the first European capital to commit to zero waste. Its public utility opened a reuse centre that repairs what residents throw away.",
  "Furniture, electrical appliances and bikes are repaired by people in job-training schemes and sold in the centre's shop; workshops teach upcycling. Residual waste per person fell by half.",
  lang="en", ad=[("Maribor", 2019), ("Zagreb", 2021)])
P(14807, "repair", "Sopot", "Repair Café Sopot", "Kawiarnia naprawcza i punkt wymiany rzeczy w małym mieście",
  ["Circular economy"],
  "W Sopocie, mieście 40 tysięcy mieszkańców, brakowało warsztatów, w których można naprawić drobne sprzęty. Miasto otworzyło kawiarnię naprawczą w bibliotece.",
  "Raz w miesiącu wolontariusze naprawiają za darmo sprzęty, ubrania i rowery, a obok działa punkt wymiany rzeczy. Szkoły przyprowadzają uczniów na warsztaty.",
  ad=[("Gniezno", 2024)])
P(14808, "repair", "Nantes", "La Ressourcerie Nantes", "Des recycleries de quartier pour réemployer les objets",
  ["Circular economy", "Jobs and skills"],
  "À Nantes, les déchetteries recevaient beaucoup d'objets encore utilisables. La Métropole soutient un réseau de recycleries qui les collectent et les revendent.",
  "Des salariés en insertion trient, réparent et revendent meubles, vaisselle et vélos ; des ateliers apprennent aux habitants à réparer. Chaque déchetterie a un local de réemploi.",
  ad=[("La Rochelle", 2021)])
P(14809, "repair", "Split", "Centar za ponovnu uporabu Split", "Popravak i ponovna uporaba namještaja i uređaja",
  ["Circular economy"],
  "U Splitu su se glomazni otpad i stari namještaj odlagali na odlagalište Karepovac. Grad je otvorio centar za ponovnu uporabu.",
  "Građani donose predmete koje ne trebaju, a radionica ih popravlja i prodaje po niskim cijenama; jednom mjesečno održava se kafić za popravke. Dio predmeta ide obiteljima u potrebi.",
  ad=[("Rijeka", 2023)])
P(14810, "repair", "Tübingen", "Reparier-Café Tübingen", "Reparieren statt wegwerfen in einer Universitätsstadt",
  ["Circular economy"],
  "In Tübingen wollten Studierende und Rentner Geräte nicht mehr wegwerfen. Die Stadt unterstützt Reparier-Cafés in allen Stadtteilen.",
  "Ehrenamtliche reparieren gemeinsam mit den Besitzern Toaster, Lampen und Kleidung; die Stadt stellt Räume und Werkzeug. Ein Reparaturführer listet die Betriebe der Stadt.",
  ad=[("Freiburg", 2020)])
