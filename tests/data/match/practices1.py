# The practices of the match set, by need (see make_hub.py). A practice:
# P(nid, need, city, title, subtitle, themes, summary, solution, lang=the
# city's, ad=[(city, year)] adopters, pa=[city] partners). Cities are titles
# of cities.tsv. Needs are the keys the judgments of queries.jsonl use.
from practice import P

# housing: affordable rental housing
P(14101, "housing", "Lisboa", "Renda Acessível", "Programa municipal de arrendamento a preços acessíveis",
  ["Housing"],
  "Lisboa perdeu moradores para a periferia porque as rendas no centro subiram mais depressa do que os salários. O programa coloca no mercado casas municipais e casas construídas em parceria com privados, com rendas que não ultrapassam um terço do rendimento do agregado.",
  "A câmara cede terrenos municipais em direito de superfície a promotores que constroem e arrendam a preço limitado durante décadas. As casas são atribuídas por sorteio público entre candidatos que trabalham ou estudam na cidade.",
  ad=[("Porto", 2021), ("Braga", 2022)], pa=["Barcelona"])
P(14102, "housing", "Porto", "Porto com Sentido", "A câmara arrenda casas a privados e subarrenda-as a rendas acessíveis",
  ["Housing", "Social cohesion"],
  "Muitas casas privadas do Porto ficavam vazias ou iam para o alojamento local, e a classe média deixava a cidade. A câmara passou a arrendar essas casas aos proprietários com contratos longos e garantia de pagamento.",
  "Os proprietários recebem a renda certa durante cinco anos ou mais e benefícios fiscais; a câmara subarrenda as casas a famílias com rendimentos médios por uma renda abaixo do mercado. A medida mobilizou centenas de casas em dois anos sem construir um único edifício.",
  ad=[("Coimbra", 2023), ("Aveiro", 2024)])
P(14103, "housing", "Évora", "Casas do Centro", "Recuperação de casas devolutas no centro histórico para arrendamento acessível",
  ["Housing", "Urban regeneration"],
  "O centro histórico de Évora, Património Mundial, tinha centenas de casas vazias enquanto os jovens não encontravam onde viver. O município decidiu recuperar edifícios devolutos em vez de construir na periferia.",
  "O município compra ou recebe em gestão casas degradadas, reabilita-as com fundos europeus e arrenda-as a jovens e famílias a rendas acessíveis. Os proprietários que aderem recuperam a casa sem custos e recebem uma parte da renda.",
  ad=[("Tomar", 2022)])
P(14104, "housing", "Wien", "Gemeindebau Neu", "Neue Gemeindewohnungen für leistbares Wohnen in der Großstadt",
  ["Housing"],
  "Wien baut nach fünfzehn Jahren Pause wieder eigene Gemeindewohnungen, weil die Mieten am privaten Markt stark gestiegen sind. Rund ein Viertel der Wienerinnen und Wiener wohnt bereits im Gemeindebau.",
  "Die Stadt errichtet auf eigenen Flächen tausende Wohnungen ohne Kaution und Eigenmittel, mit unbefristeten Mietverträgen. Die Widmungskategorie 'geförderter Wohnbau' sichert, dass zwei Drittel neuer Wohnflächen leistbar bleiben.",
  pa=["Berlin"])
P(14105, "housing", "Barcelona", "Cohabitatge", "Cooperativas de vivienda en cesión de uso sobre suelo municipal",
  ["Housing", "Participative governance"],
  "Los precios del alquiler en Barcelona expulsan a vecinos de sus barrios. El ayuntamiento apuesta por un modelo de vivienda asequible que no dependa del mercado: las cooperativas en cesión de uso.",
  "El ayuntamiento cede solares públicos durante 75 años a cooperativas que construyen y gestionan los edificios; los socios pagan una entrada reembolsable y una cuota mensual por debajo del mercado. La vivienda nunca se puede vender, de modo que sigue siendo asequible para las generaciones siguientes.",
  ad=[("Madrid", 2021), ("Valencia", 2022)], pa=["Lisboa"])
P(14106, "housing", "Bologna", "Agenzia Affitto Bologna", "Un'agenzia pubblica per affitti a canone concordato",
  ["Housing"],
  "A Bologna gli studenti e gli affitti brevi hanno ridotto l'offerta di case per le famiglie. Il Comune ha creato un'agenzia che fa incontrare proprietari e inquilini a canone concordato.",
  "L'agenzia garantisce al proprietario il pagamento dell'affitto con un fondo di garanzia e gli sconti sull'IMU; l'inquilino paga un canone concordato inferiore al mercato. Le case vuote tornano in affitto per famiglie e lavoratori.",
  ad=[("Reggio Emilia", 2021), ("Torino", 2023)])
P(14107, "housing", "Gent", "Community Land Trust Gent", "Grond in gemeenschappelijk bezit voor betaalbare koopwoningen",
  ["Housing", "Social cohesion"],
  "In Gent kunnen gezinnen met een laag inkomen bijna geen woning meer kopen. De stad steunt een Community Land Trust die de grond in gemeenschappelijk bezit houdt.",
  "De bewoners kopen alleen de woning, niet de grond, en betalen zo een veel lagere prijs; bij verkoop blijft de woning betaalbaar door een formule in de akte. Stad, OCMW en bewoners besturen de trust samen.",
  ad=[("Leuven", 2022)], pa=["Antwerpen"])
P(14108, "housing", "Tübingen", "Baugemeinschaften", "Bezahlbares Wohnen durch private Baugruppen auf städtischen Grundstücken",
  ["Housing", "Urban regeneration"],
  "Tübingen vergibt städtische Grundstücke nicht an den Meistbietenden, sondern an Baugemeinschaften mit dem besten Konzept. So entstanden im Französischen Viertel gemischte und bezahlbare Quartiere.",
  "Private Gruppen bauen gemeinsam ohne Bauträger und sparen so bis zu einem Fünftel der Kosten. Die Stadt verlangt im Gegenzug Mietwohnungen zu festen Mieten und Gewerbe im Erdgeschoss.",
  ad=[("Freiburg", 2018), ("Eberswalde", 2022)])
P(14109, "housing", "Soria", "Vivienda Joven en el Casco", "Rehabilitación de viviendas vacías para alquiler joven en una ciudad pequeña",
  ["Housing", "Urban regeneration"],
  "Soria pierde población joven y a la vez tiene viviendas vacías en su casco antiguo. El ayuntamiento decidió unir los dos problemas en una sola respuesta.",
  "El ayuntamiento rehabilita pisos vacíos cedidos por sus propietarios durante diez años y los alquila a jóvenes menores de 35 años por menos de 300 euros al mes. El propietario recibe el piso reformado al final del periodo.",
  ad=[("Segovia", 2023)])
P(14110, "housing", "Kraków", "Społeczna Agencja Najmu", "Mieszkania na tani wynajem z prywatnych zasobów",
  ["Housing", "Poverty"],
  "W Krakowie czynsze rosną szybciej niż płace, a wiele mieszkań prywatnych stoi pustych. Miasto założyło społeczną agencję najmu, która pośredniczy między właścicielami a najemcami.",
  "Agencja wynajmuje mieszkania od prywatnych właścicieli na kilka lat, gwarantuje czynsz i remont, a następnie podnajmuje je rodzinom o niskich i średnich dochodach po niższej cenie. Najemcy otrzymują też wsparcie doradcy.",
  ad=[("Gdańsk", 2023), ("Lublin", 2024)])
P(14111, "housing", "Cluj-Napoca", "Locuințe pentru tineri", "Locuințe de închiriat la prețuri accesibile pentru tinerii specialiști",
  ["Housing"],
  "Chiriile din Cluj-Napoca au crescut odată cu sectorul IT, iar tinerii medici și profesori nu își mai permit să locuiască în oraș. Primăria construiește blocuri de locuințe pentru închiriere la prețuri accesibile.",
  "Locuințele sunt construite pe terenuri ale primăriei și repartizate după un punctaj transparent, cu chirii plafonate la o parte din venit. Contractele sunt pe cinci ani, pentru ca tinerii să poată economisi pentru o locuință proprie.",
  ad=[("Timișoara", 2022)])
P(14112, "housing", "Leuven", "Sociaal Verhuurkantoor Leuven", "Private woningen verhuurd aan gezinnen met een bescheiden inkomen",
  ["Housing", "Poverty"],
  "Leuven is een studentenstad: kamers brengen meer op dan gezinswoningen en gezinnen met een laag inkomen vinden geen huis. Het sociaal verhuurkantoor huurt woningen van private eigenaars.",
  "Eigenaars krijgen een gegarandeerde huur, onderhoud en een lagere onroerende voorheffing; het verhuurkantoor verhuurt de woningen door aan een betaalbare prijs. Een woonbegeleider volgt de huurders op.",
  ad=[("Mechelen", 2020)])
P(14113, "housing", "Fundão", "Fundão Habita", "O município compra casas vazias nas aldeias e arrenda-as a famílias que chegam",
  ["Housing", "Local economy"],
  "O Fundão, no interior, perde habitantes mas atrai trabalhadores de empresas tecnológicas que não encontram casa. O município decidiu comprar casas vazias nas aldeias do concelho.",
  "As casas são reabilitadas e arrendadas a rendas baixas a famílias que se fixam no concelho, com prioridade para quem tem filhos. O programa ajudou a reabrir uma escola primária.",
  ad=[("Tomar", 2023)])

# heat: heat waves, urban heat islands, shade and cooling
P(14201, "heat", "Sevilla", "Sevilla a la Sombra", "Toldos, arbolado y refugios climáticos contra las olas de calor",
  ["Climate adaptation", "Health"],
  "Sevilla supera cada verano los 44 grados y las olas de calor son cada vez más largas. El ayuntamiento ha hecho del calor extremo una prioridad de salud pública.",
  "La ciudad planta árboles de sombra en las calles más expuestas, instala toldos tradicionales y abre edificios públicos climatizados como refugios climáticos en cada barrio. Un sistema de avisos llama a las personas mayores que viven solas durante los episodios de calor.",
  ad=[("Valencia", 2023), ("Madrid", 2024)])
P(14202, "heat", "Paris", "Cours Oasis", "Transformer les cours d'école en îlots de fraîcheur",
  ["Climate adaptation", "Education"],
  "À Paris, les cours d'école en bitume deviennent des fournaises pendant les canicules. La Ville transforme ces cours en îlots de fraîcheur ouverts aux habitants le week-end.",
  "Le bitume est remplacé par des sols perméables, des arbres, des fontaines et des coins d'ombre, dessinés avec les élèves. Plus de cent cours sont devenues des oasis.",
  ad=[("Lyon", 2021), ("Grenoble", 2022)])
P(14203, "heat", "Athens", "Δροσερές Διαδρομές Αθήνας", "Δίκτυο δροσερών διαδρομών και κλιματιζόμενων χώρων για τους καύσωνες",
  ["Climate adaptation", "Health"],
  "Η Αθήνα είναι από τις θερμότερες πρωτεύουσες της Ευρώπης και οι καύσωνες πλήττουν κυρίως τους ηλικιωμένους. Ο δήμος όρισε υπεύθυνο για τη θερμότητα και σχέδιο για την αστική θερμική νησίδα.",
  "Ο δήμος φυτεύει δέντρα σε πυκνές γειτονιές, αποκαθιστά το αρχαίο υδραγωγείο του Αδριανού για πότισμα και ανοίγει κλιματιζόμενους χώρους σε κάθε διαμέρισμα. Ένας χάρτης δείχνει τις δροσερές διαδρομές.",
  ad=[("Thessaloníki", 2023)])
P(14204, "heat", "Tríkala", "Δροσερή Πόλη", "Σκίαση και νερό στις πλατείες μιας μικρής πόλης για τους καύσωνες",
  ["Climate adaptation"],
  "Στα Τρίκαλα ο κάμπος της Θεσσαλίας ζεσταίνεται πολύ τα καλοκαίρια και οι πλατείες μένουν άδειες. Ο δήμος θέλησε να κάνει το κέντρο ξανά βιώσιμο τις ζεστές μέρες.",
  "Τοποθετήθηκαν πέργκολες με αναρριχώμενα φυτά, ψεκαστήρες νερού και ανοιχτόχρωμα δάπεδα στις κεντρικές πλατείες, και φυτεύτηκαν δέντρα κατά μήκος του Ληθαίου. Αισθητήρες μετρούν τη θερμοκρασία πριν και μετά.",
  ad=[("Kardítsa", 2024)])
P(14205, "heat", "Wien", "Coole Straßen", "Straßen mit Nebelduschen, Bäumen und Wasserspielen gegen die Hitze",
  ["Climate adaptation", "Health"],
  "Wien zählt heute doppelt so viele Hitzetage wie vor fünfzig Jahren. Mit dem Hitzeaktionsplan will die Stadt die Menschen in dicht bebauten Bezirken schützen.",
  "Jeden Sommer werden Straßen zu 'Coolen Straßen' mit Nebelduschen, Sitzgelegenheiten und Trinkbrunnen; dauerhaft werden Straßen entsiegelt und mit Bäumen bepflanzt. Eine Hitzekarte zeigt, wo es am heißesten ist.",
  pa=["Paris"])
P(14206, "heat", "Villach", "Kühle Innenstadt", "Hitzeschutz für eine Kleinstadt: Bäume, Trinkbrunnen und kühle Räume",
  ["Climate adaptation"],
  "Auch in einer Stadt mit 60.000 Einwohnern wie Villach wird die Innenstadt im Sommer zur Hitzeinsel. Die Stadt hat einen kleinen, günstigen Hitzeplan erstellt.",
  "Am Hauptplatz und in den Schulhöfen wurden Bäume gepflanzt und Flächen entsiegelt, neue Trinkbrunnen aufgestellt und die Stadtbibliothek als kühler Raum geöffnet. Der Plan kostet weniger als eine Straßensanierung.",
  ad=[("Wolfhagen", 2024)])
P(14207, "heat", "Bologna", "Bologna Fresca", "Alberi e tetti verdi contro le isole di calore urbane",
  ["Climate adaptation", "Environment"],
  "Le estati a Bologna sono sempre più torride e i portici non bastano più. Il Comune ha mappato le isole di calore quartiere per quartiere.",
  "Il piano pianta migliaia di alberi nelle zone più calde, incentiva tetti verdi e pavimentazioni chiare e apre rifugi climatici nelle biblioteche. I cittadini adottano gli alberi e li annaffiano nei primi anni.",
  ad=[("Reggio Emilia", 2023), ("Bergamo", 2024)])
P(14208, "heat", "Rotterdam", "Hittebestendig Rotterdam", "Groene daken en koele plekken tegen hittestress",
  ["Climate adaptation"],
  "Rotterdam is een stenige stad waar hittestress toeneemt. De gemeente brengt in kaart waar het het warmst is en wie het kwetsbaarst is.",
  "Met subsidie voor groene daken, koele plekken in elke wijk en het vergroenen van schoolpleinen verlaagt de stad de temperatuur. Buurtbewoners bellen bij hittegolven oudere buren.",
  ad=[("Utrecht", 2022)])
P(14209, "heat", "Évora", "Évora Fresca", "Sombra e água nas ruas de uma cidade alentejana durante as ondas de calor",
  ["Climate adaptation", "Health"],
  "Évora ultrapassa com frequência os 40 graus no verão e o centro histórico é denso e mineral. O município procurou soluções tradicionais alentejanas para refrescar as ruas.",
  "Foram instalados toldos de pano nas ruas comerciais, fontes recuperadas e árvores de sombra nos largos; os edifícios municipais abrem como abrigos climáticos. As ondas de calor são comunicadas por SMS aos idosos.",
  ad=[("Tomar", 2024)])
P(14210, "heat", "Zadar", "Hladovina za Zadar", "Stabla i sjena za grad tijekom toplinskih valova",
  ["Climate adaptation", "Culture and heritage"],
  "Zadar ljeti ima sve više toplinskih valova, a turisti i stanovnici pate na kamenim trgovima. Grad je izradio plan prilagodbe toplini.",
  "Grad sadi stabla koprivića i bora uz šetnice, postavlja tende na trgove i javne fontane za piće. Klimatizirane knjižnice otvorene su dulje tijekom toplinskih valova.",
  ad=[("Split", 2024)])

# flood: heavy rain, stormwater, sponge city
P(14301, "flood", "Rotterdam", "Waterpleinen", "Pleinen die bij zware regenval water opvangen",
  ["Climate adaptation", "Urban regeneration"],
  "Bij hevige regenbuien loopt het riool in Rotterdam over en staan straten blank. De stad bedacht pleinen die dubbel dienen: speelplek bij droog weer, waterberging bij regen.",
  "Het Benthemplein vangt tot 1,7 miljoen liter regenwater op in verlaagde bassins die daarna langzaam leeglopen. Bewoners en scholen ontwierpen het plein mee.",
  ad=[("Amsterdam", 2019), ("Antwerpen", 2021)])
P(14302, "flood", "Aarhus", "Climate-Proof Aarhus", "Green streets and a river reopened to absorb cloudbursts",
  ["Climate adaptation", "Environment"], 
  "Cloudbursts flooded the centre of Aarhus several times in ten years. The city and its water utility chose to make room for water above ground instead of only enlarging sewers.",
  "The Aarhus river was reopened through the city centre, parks were lowered to store rainwater and streets got rain gardens that take water from roofs. Every new plan must show where a hundred-year rain would flow.",
  lang="en", ad=[("Odense", 2021)])
P(14303, "flood", "Leipzig", "Schwammstadt Leipzig", "Regenwasser vor Ort versickern und speichern",
  ["Climate adaptation", "Environment"],
  "Starkregen überlastet in Leipzig die Mischkanalisation, während Stadtbäume im Sommer vertrocknen. Die Stadt will Regenwasser dort halten, wo es fällt.",
  "Baumrigolen speichern das Wasser von Straßen unter den Bäumen, Mulden und Gründächer halten Regen zurück. In Neubaugebieten ist die Ableitung von Regenwasser in den Kanal begrenzt.",
  ad=[("Hamburg", 2022), ("Freiburg", 2023)])
P(14304, "flood", "Eberswalde", "Regen bleibt hier", "Versickerungsmulden und Regentonnen in einer Kleinstadt",
  ["Climate adaptation"],
  "Eberswalde liegt im Finowtal, wo Starkregen die Altstadt schon mehrmals überflutet hat. Die kleine Stadt hat keine großen Mittel für neue Kanäle.",
  "Die Stadt legt Versickerungsmulden in Grünstreifen an und fördert Regentonnen und Entsiegelung von Höfen mit kleinen Zuschüssen. Freiwillige melden verstopfte Abläufe über eine App.",
  ad=[("Wolfhagen", 2023)])
P(14305, "flood", "Valencia", "Valencia Esponja", "Jardines de lluvia y pavimentos drenantes contra las inundaciones",
  ["Climate adaptation"],
  "Las lluvias torrenciales de otoño inundan barrios de Valencia cada pocos años. El ayuntamiento quiere que la ciudad absorba el agua como una esponja.",
  "Se construyen sistemas urbanos de drenaje sostenible: jardines de lluvia, alcorques inundables y pavimentos drenantes en calles y plazas. El agua recogida riega los parques en verano.",
  ad=[("Sevilla", 2024)], pa=["Rotterdam"])
P(14306, "flood", "Santiago de Compostela", "Chuvia na Casa", "Drenaje sostenible en los barrios de una ciudad lluviosa",
  ["Climate adaptation", "Environment"],
  "Santiago de Compostela es una de las ciudades más lluviosas de España y sus arroyos se desbordan en los barrios nuevos. El ayuntamiento apostó por soluciones basadas en la naturaleza.",
  "Se recuperaron riberas de arroyos, se abrieron zanjas verdes en los polígonos y se instalaron cubiertas vegetales en edificios municipales. Cada proyecto de urbanización debe retener el agua de lluvia en la parcela.",
  ad=[("Pamplona", 2023)])
P(14307, "flood", "Gdańsk", "Zbiorniki retencyjne Gdańsk", "Sieć zbiorników i parków chroniących miasto przed ulewami",
  ["Climate adaptation"],
  "Po powodzi w 2001 roku, gdy ulewa zalała centrum Gdańska, miasto postanowiło zatrzymywać wodę deszczową. Dziś ma ponad pięćdziesiąt zbiorników retencyjnych.",
  "Zbiorniki zaprojektowano jako parki z alejkami i placami zabaw, które wypełniają się wodą tylko podczas nawałnic. Ogrody deszczowe przy szkołach uczą dzieci, dokąd płynie deszcz.",
  ad=[("Sopot", 2019), ("Lublin", 2022), ("Rzeszów", 2023)])
P(14308, "flood", "Koprivnica", "Kišni vrtovi Koprivnica", "Kišni vrtovi i propusne površine u malom gradu",
  ["Climate adaptation", "Environment"],
  "U Koprivnici jaki pljuskovi preopterećuju kanalizaciju i poplavljuju podrume. Grad je krenuo s malim zahvatima umjesto skupih kolektora.",
  "Uz škole i vrtiće uređeni su kišni vrtovi, a parkirališta su dobila propusne površine. Građani dobivaju bačve za kišnicu i savjete za svoje dvorište.",
  ad=[("Zadar", 2024)])
P(14309, "flood", "Strasbourg", "Strasbourg Ville Perméable", "Désimperméabiliser les sols pour éviter les inondations",
  ["Climate adaptation", "Environment"],
  "Lors des orages, les réseaux d'assainissement de Strasbourg débordent dans l'Ill. La Ville a choisi d'infiltrer l'eau de pluie là où elle tombe.",
  "Les parkings, cours et trottoirs sont désimperméabilisés et plantés ; des noues et des jardins de pluie récupèrent l'eau des toitures. Un bonus aide les copropriétés à déconnecter leurs gouttières du réseau.",
  ad=[("Nantes", 2022)])
P(14310, "flood", "Timișoara", "Timișoara Burete", "Grădini de ploaie și rigole verzi împotriva inundațiilor urbane",
  ["Climate adaptation"],
  "Ploile torențiale inundă pasajele și cartierele din Timișoara, iar canalizarea veche nu mai face față. Primăria a pornit un program de oraș burete.",
  "Grădini de ploaie, rigole verzi și pavaje permeabile sunt construite pe străzile reabilitate, iar apa din parcuri este reținută în bazine. Locuitorii pot cere un butoi pentru apa de ploaie.",
  ad=[("Cluj-Napoca", 2024)])
