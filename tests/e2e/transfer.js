// The whole transfer flow in chromium, as one Porto officer walks it
// (issue 14, "Done when"): a match for Porto and affordable housing asked
// in Portuguese, hits with their reasons; two of them compared side by
// side; a request sent to the people behind one of them, its address
// verified by the mailed link, the request mailed to the contact through
// the test relay; an editor finds it on the desk and marks it answered;
// a reader keeps the two practices in a dossier and prints it.
// The flow runs once at 1280 px (one request, one reader: the throttles
// stay out of the way); the pages read on the way are read again at
// 360 px. Every page is a screenshot and passes axe-core (look.js), and
// none shows a contact's address.
// Usage: node tests/e2e/transfer.js BASE_URL SCREENSHOT_DIR MAIL_DIR CONTACTS.jsonl EDITOR PASSWORD
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { launch } = require("./chromium");
const { looker } = require("./look");

const [base, shots, box, contactsFile, editor, password] = process.argv.slice(2);
const look = looker(shots, "transfer");

// the contacts' addresses by nid: the data the test ingested, the addresses
// no page may show
const contactOf = new Map(fs.readFileSync(contactsFile, "utf8").split("\n").filter(Boolean)
	.map((l) => JSON.parse(l)).filter((r) => r.contact).map((r) => [r.nid, r.contact.email]));

// There is no Portuguese interface (the interface languages are en fr es it
// de el): the officer reads the English one and types the need in Portuguese.
const NEED = "habitação acessível";
const OFFICER = { name: "Beatriz Moura", email: "beatriz.moura@cm-porto.example", org: "Câmara Municipal do Porto" };
const MESSAGE = "Como financiaram as rendas acessíveis?\nQuantas casas por ano, e com que equipa?";
const NOTE = "Answered by phone on Tuesday; they will send the 2023 report.";

function check(cond, what) {
	if (!cond) throw new Error(what);
}

// the reading steps at a width: nothing off screen, no contact's address,
// then the screenshot and axe-core
async function read(page, width, name) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	check(w <= width, `${name} is ${w} px wide on a ${width} px screen`);
	await noAddress(page, name);
	await look(page, `${name}-${width}`);
}

// no contact's address on the page
async function noAddress(page, name) {
	const html = await page.content();
	for (const [nid, address] of contactOf)
		check(!html.includes(address), `${name} shows the address of practice ${nid}'s contact`);
}

// ---- the test relay's mail (tests/smtp/sink.py: N.json the envelope, N.eml the message)

// A kept message's field, decoded by tests/smtp/read.py (as mail_field in
// tests/http/lib.sh): a header's name, or "body".
function mailField(eml, field) {
	return execFileSync("python3", ["tests/smtp/read.py", eml, field]).toString().trim();
}

// The .eml files the relay kept for address, in the order they came.
function mailsTo(address) {
	return fs.readdirSync(box).filter((f) => f.endsWith(".json"))
		.sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
		.filter((f) => JSON.parse(fs.readFileSync(path.join(box, f), "utf8")).rcpt.includes(`<${address}>`))
		.map((f) => path.join(box, f.replace(/json$/, "eml")));
}

// The first message to address whose body matches re, and the match,
// waiting 30 s at most for it (the outbox sends in the background).
async function mailWith(address, re) {
	for (let i = 0; i < 300; i++) {
		for (const eml of mailsTo(address)) {
			const m = mailField(eml, "body").match(re);
			if (m) return { eml, m };
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no mail to ${address} matching ${re} reached the relay (${mailsTo(address).length} to it)`);
}

// the path of the link matching re mailed to address
async function mailedLink(address, re) {
	return (await mailWith(address, re)).m[0].replace(/^https?:\/\/[^/]+/, "");
}

// ---- 1. the match

// The hits on /match: each card's nid, title, city, themes and reasons.
async function hits(page) {
	return page.locator("ol.match-hits > li").evaluateAll((lis) => lis.map((li) => ({
		nid: Number(li.querySelector("input[name=nid]").value),
		title: li.querySelector("article.card h2 a").textContent,
		city: li.querySelector("article.card p.place a").textContent,
		country: li.querySelector("article.card p.place a:nth-of-type(2)").textContent,
		themes: [...li.querySelectorAll("article.card ul.tags li")].map((t) => t.textContent),
		why: [...li.querySelectorAll("ul.why li")].map((w) => w.textContent),
	})));
}

async function match(page) {
	await page.goto(base + "/");
	await page.click("nav a[href='/match']");
	await page.fill("#m-city", "Porto");
	await page.fill("#m-country", "Portugal");
	await page.fill("#m-need", NEED);
	await Promise.all([page.waitForURL(/\/match\?/), page.click("form.match button[type=submit]")]);
	check((await page.textContent("#m-results")).startsWith("Porto, Portugal"), "the results are not for Porto");
	const found = await hits(page);
	check(found.length >= 3, `${found.length} hits for Porto and ${NEED}`);
	for (const h of found)
		check(h.why.length > 0, `hit ${h.nid} (${h.title}) gives no reason`);
	check(found.some((h) => h.why.some((w) => / like yours \([\d,]+\)$/.test(w))), "no hit names a size like Porto's");
	check(found.some((h) => h.why.some((w) => w.startsWith("matches: "))), "no hit says which words matched");
	for (const h of found.slice(0, 3))
		check(h.themes.includes("Housing"), `hit ${h.nid} (${h.title}), among the first, is not about housing: ${h.themes}`);
	// the page and the API rank alike
	const api = await (await page.request.get(`${base}/api/v1/match?city=Porto&country=Portugal&q=${encodeURIComponent(NEED)}`)).json();
	check(api.city.name === "Porto" && api.city.population > 0, "the API's city is not Porto");
	check(JSON.stringify(api.hits.slice(0, 5).map((h) => h.nid)) === JSON.stringify(found.slice(0, 5).map((h) => h.nid)),
		`the page's first hits ${found.slice(0, 5).map((h) => h.nid)} are not the API's ${api.hits.slice(0, 5).map((h) => h.nid)}`);
	await read(page, 1280, "match");
	return found;
}

// ---- 2. two of them side by side

// The two hits the officer compares: the best, and the best from her own
// country after it (a practice from Portugal is the likeliest to carry
// over, and one whose people she can reach), else the second.
function pick(found) {
	const home = found.findIndex((h, i) => i > 0 && h.country === "Portugal");
	return [0, home > 0 ? home : 1];
}

async function compare(page, found) {
	const picked = pick(found), pair = picked.map((i) => found[i]);
	const boxes = page.locator("ol.match-hits > li input[name=nid][form=compare-form]");
	for (const i of picked) await boxes.nth(i).check();
	await Promise.all([page.waitForURL(/\/compare\?/), page.click("#compare-form button[type=submit]")]);
	check(page.url().endsWith(`/compare?nid=${pair[0].nid}&nid=${pair[1].nid}`), `the compare form sent ${page.url()}`);
	const heads = await page.locator(".side-by-side thead th > a:not(.remove)").allTextContents();
	check(JSON.stringify(heads) === JSON.stringify(pair.map((h) => h.title)), `compared: ${heads}, ticked: ${pair.map((h) => h.title)}`);
	const row = async (label) => page.locator(`.side-by-side tbody tr:has(th[scope=row]:text-is('${label}')) td`).allTextContents();
	const cities = await row("City"), sizes = await row("Population");
	for (const [i, h] of pair.entries()) {
		check(cities[i].startsWith(h.city), `compare: column ${i + 1}'s city is ${cities[i]}, not ${h.city}`);
		// the size the match named ("a city of 517,802, like yours") is the one compared
		const named = h.why.map((w) => w.match(/^a city of ([\d,]+), like yours/)).find(Boolean);
		check(/^[\d,]+ \(\w+\)$/.test(sizes[i]), `compare: column ${i + 1}'s size is "${sizes[i]}"`);
		check(!named || sizes[i].startsWith(named[1] + " "), `compare: ${h.title} is ${sizes[i]}, the match said ${named && named[1]}`);
	}
	await read(page, 1280, "compare");
	return { url: page.url(), pair };
}

// ---- 3. a request to the people behind one of the compared practices

// the first compared practice whose page offers the contact form
async function contactable(page) {
	const links = await page.locator(".side-by-side thead th > a:not(.remove)").evaluateAll((as) => as.map((a) => a.href));
	for (const href of links) {
		await page.goto(href);
		await noAddress(page, href);
		if (await page.locator("a.contact-link").count()) return Number(href.match(/\/node\/(\d+)$/)[1]);
	}
	throw new Error("none of the compared practices can be contacted");
}

async function request(page) {
	const nid = await contactable(page);
	const title = await page.textContent("h1");
	await page.click("a.contact-link");
	check(page.url().endsWith(`/node/${nid}/contact`), `"Contact the people behind this practice" led to ${page.url()}`);
	check((await page.textContent("h1")) === "Contact the people behind this practice", "not the contact form");
	await page.fill("#name", OFFICER.name);
	await page.fill("#email", OFFICER.email);
	await page.fill("#organisation", OFFICER.org);
	await page.fill("#message", MESSAGE);
	await page.check("#consent");
	await read(page, 1280, "contact");
	await page.click("form.fields button[type=submit]");
	check(await page.isVisible("p.notice"), "no notice after sending the request");
	// the visitor's address verified by the mailed link
	await page.goto(base + await mailedLink(OFFICER.email, /https?:\/\/\S+\/contact\/verify\?t=[A-Za-z0-9_-]+/));
	await page.click("form.fields button[type=submit]");
	check((await page.textContent("h1")).includes("sent"), `the request was not sent: ${await page.textContent("h1")}`);
	await read(page, 1280, "sent");
	// the request reaches the contact, who answers the visitor
	const contact = contactOf.get(nid);
	const { eml } = await mailWith(contact, /./);
	check(mailField(eml, "To") === contact, `the request went To: ${mailField(eml, "To")}`);
	check(mailField(eml, "Reply-To") === OFFICER.email, `the request's Reply-To: ${mailField(eml, "Reply-To")}`);
	const body = mailField(eml, "body");
	check(body.includes(MESSAGE.split("\n")[0]) && body.includes(OFFICER.name), `the request mail lacks the message or the name: ${body}`);
	return { nid, title };
}

// ---- 4. the editor's desk

async function login(ctx) {
	const page = await ctx.newPage();
	await page.goto(`${base}/login`);
	await page.fill("#name", editor);
	await page.fill("#password", password);
	await Promise.all([page.waitForURL(/\/admin$/), page.click("form.fields button[type=submit]")]);
	return page;
}

// the desk's row of the officer's request about title
const deskRow = (page, title) => page.locator("table.requests tbody tr")
	.filter({ has: page.locator(`th a:text-is("${title}")`) }).filter({ hasText: OFFICER.name });

async function desk(ctx, asked) {
	const page = await login(ctx);
	check(await deskRow(page, asked.title).count() === 1, `the desk does not list the request about ${asked.title}`);
	await read(page, 1280, "desk");
	await deskRow(page, asked.title).locator("th a").click();
	await page.waitForURL(/\/admin\/requests\/\d+$/);
	const at = page.url();
	check((await page.textContent("blockquote.message")) === MESSAGE, "the request page does not show the message as sent");
	await page.selectOption("#status", "answered");
	await page.fill("#note", NOTE);
	await page.click("form.fields button[type=submit]");
	check(await page.isVisible("p.notice"), "no notice after marking the request answered");
	const status = await page.textContent("dl.facts dt:text-is('Status') + dd");
	check(status.startsWith("Answered") && status.includes(editor), `the request's status reads "${status}"`);
	check(await page.inputValue("#note") === NOTE, "the note was not kept");
	await read(page, 1280, "request");
	await page.goto(`${base}/admin`);
	check((await deskRow(page, asked.title).locator("td").nth(1).textContent()).startsWith("Answered"),
		"the desk does not show the request answered");
	await page.close();
	return at;
}

// ---- 5. the dossier, printed

const READER = { name: "beatriz.moura", password: "a password for the dossiers" };

// The officer registers as a reader (the link mailed to the address she
// gave for the request), keeps the compared practices in a new dossier and
// prints it: the dossier's address.
async function dossier(page, compared) {
	await page.goto(`${base}/register`);
	await page.fill("#name", READER.name);
	await page.fill("#email", OFFICER.email);
	await page.fill("#password", READER.password);
	await page.fill("#again", READER.password);
	await page.click("form.fields button[type=submit]");
	check(await page.isVisible("p.notice"), "no notice after registering");
	await page.goto(base + await mailedLink(OFFICER.email, /https?:\/\/\S+\/register\/confirm\?t=[A-Za-z0-9_-]+/));
	await Promise.all([page.waitForURL(/\/me\?welcome=1$/), page.click("form.fields button[type=submit]")]);
	check(await page.isVisible("p.notice"), "no welcome once the account is confirmed");
	for (const [i, h] of compared.entries()) {
		await page.goto(`${base}/node/${h.nid}`);
		await noAddress(page, `/node/${h.nid}`);
		if (i === 0) await page.fill("#dossier-name", "Habitação acessível para o Porto");
		await page.click("aside.dossier-add button[type=submit]"); // then the new dossier is the one chosen
		check(await page.isVisible("aside.dossier-add p.notice a"), `no notice after adding ${h.title} to the dossier`);
	}
	await page.click("aside.dossier-add p.notice a");
	await page.waitForURL(/\/me\/dossiers\/\d+$/);
	check(await page.textContent("h1") === "Habitação acessível para o Porto", "the dossier's name is lost");
	await printed(page, 1280, compared);
	await page.pdf({ path: path.join(shots, "transfer-dossier.pdf"), format: "A4" });
	const pdf = fs.readFileSync(path.join(shots, "transfer-dossier.pdf"), "latin1");
	// each practice starts a page (print CSS): the page tree counts them
	const count = pdf.match(/\/Type \/Pages\s*\/Count (\d+)/);
	check(count, "the printed dossier has no page tree");
	const pages = Number(count[1]);
	check(pages >= compared.length, `the printed dossier has ${pages} page(s) for ${compared.length} practices`);
	return page.url();
}

// The dossier's print view: both practices, with their address; nothing to
// click (no navigation, no form, no tools).
async function printed(page, width, compared) {
	await page.emulateMedia({ media: "print" });
	const items = await page.locator("article.dossier-item h2").allTextContents();
	check(JSON.stringify(items.slice().sort()) === JSON.stringify(compared.map((h) => h.title).sort()),
		`the dossier holds ${items}, not the compared ${compared.map((h) => h.title)}`);
	for (const sel of ["header.site", "nav", "form", ".dossier-tools", ".crumbs"])
		for (const el of await page.locator(sel).all())
			check(!(await el.isVisible()), `the print view shows ${sel}`);
	check(await page.locator("article.dossier-item .print-url").evaluateAll((ps) => ps.every((p) => p.offsetParent && /\/node\/\d+$/.test(p.textContent))),
		"the print view does not print each practice's address");
	await read(page, width, "dossier-print");
	await page.emulateMedia({ media: "screen" });
}

// ---- the pages read on the way, again on a phone

async function phone(browser, pages) {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "en-GB", bypassCSP: true });
	const page = await ctx.newPage();
	for (const [name, url] of [["match", pages.match], ["compare", pages.compare], ["contact", pages.contact]]) {
		await page.goto(url);
		await read(page, 360, name);
	}
	const ed = await login(ctx);
	await ed.goto(pages.request);
	await read(ed, 360, "request");
	await ctx.close();
	const reader = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "en-GB", bypassCSP: true });
	const rp = await reader.newPage();
	await rp.goto(pages.dossier);
	await rp.fill("#name", READER.name);
	await rp.fill("#password", READER.password);
	await Promise.all([rp.waitForURL(pages.dossier), rp.click("form.fields button[type=submit]")]);
	await printed(rp, 360, pages.compared);
	await reader.close();
}

(async () => {
	const browser = await launch();
	try {
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", bypassCSP: true });
		const page = await ctx.newPage();
		const found = await match(page);
		const matchUrl = page.url();
		const compared = await compare(page, found);
		const asked = await request(page);
		const edCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", bypassCSP: true });
		const requestUrl = await desk(edCtx, asked);
		await edCtx.close();
		const dossierUrl = await dossier(page, compared.pair);
		await phone(browser, { match: matchUrl, compare: compared.url, contact: `${base}/node/${asked.nid}/contact`,
			request: requestUrl, dossier: dossierUrl, compared: compared.pair });
		await ctx.close();
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error("FAIL:", e.message || e);
	process.exit(1);
});
