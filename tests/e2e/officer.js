// A city officer's flows on a hub of a few thousand nodes, in Debian's
// chromium at 1280 and 360 px (issue 13):
//   1. find a housing practice from a Portuguese city of about 300,000
//      through the filters alone (no keywords): theme, country (reached
//      through "All N countries" when it is not among the top values) and
//      the population range; every card left is checked against the API;
//   2. subscribe to a search (at each width) and, once an editor has published a new
//      match, see it first in the feed (opened in the browser, styled);
//   3. read a practice in French: no standard heading, theme, size class
//      or facts label left in English.
// Usage: node tests/e2e/officer.js BASE_URL SCREENSHOT_DIR EDITOR PASSWORD
// axe-core must find no serious or critical violation on any page.
"use strict";
const path = require("path");
const { launch } = require("./chromium");
const { looker } = require("./look");

const [base, shots, editor, password] = process.argv.slice(2);

function check(cond, what) {
	if (!cond) throw new Error(what);
}

const look = looker(shots, "officer");

async function api(page, p) {
	const r = await page.request.get(base + p);
	check(r.ok(), `${p} answered ${r.status()}`);
	return r.json();
}

// Clicks value's link in facet (its id: facet-FIELD), opening the facet's
// "All N" disclosure first when the value is not among the top ones.
async function pick(page, facet, value) {
	const top = page.locator(`#facet-${facet} > ul a:text-is("${value}")`);
	if (await top.count() === 0) {
		await page.click(`#facet-${facet} details.all summary`);
		await page.click(`#facet-${facet} details.all a:text-is("${value}")`);
	} else {
		await top.first().click();
	}
	await page.waitForLoadState();
}

async function findHousing(ctx, width) {
	const page = await ctx.newPage();
	await page.setViewportSize({ width, height: 900 });
	await page.goto(base + "/good-practices");
	if (width < 600) { // on a phone the filters come after the results: the jump link
		check(await page.locator("a.to-filters").isVisible(), "phone: no Filters link above the results");
		await page.click("a.to-filters");
	}
	await pick(page, "themes", "Housing");
	await pick(page, "country", "Portugal");
	const ranges = await page.locator("#facet-city_size li").allTextContents();
	check(ranges.some((t) => /250,000/.test(t)), "city size: no class states its range: " + ranges.join(" | "));
	await page.fill("#population-min", "200000");
	await page.fill("#population-max", "400000");
	await Promise.all([page.waitForNavigation(), page.locator("#population-max").press("Enter")]);
	const url = new URL(page.url());
	check(!url.searchParams.get("q"), "the officer typed no keywords");
	const nids = await page.locator("article.card.practice h2 a").evaluateAll(
		(as) => as.map((a) => Number(a.getAttribute("href").replace(/.*\/node\//, ""))));
	check(nids.length > 0, "no practice left: " + page.url());
	for (const nid of nids) { // every card is what the filters say, by the API's data
		const n = await api(page, `/api/v1/nodes/${nid}`);
		check(n.country === "Portugal" && n.themes.includes("Housing") &&
			n.population >= 200000 && n.population <= 400000,
			`node ${nid} does not fit the filters: ${n.country} ${n.themes} ${n.population}`);
	}
	const all = await api(page, "/api/v1/search?q=&limit=100&filter=themes=Housing&country=Portugal" +
		"&population_min=200000&population_max=400000");
	check(all.total === nids.length, `the page lists ${nids.length}, the API ${all.total}`);
	check(await page.locator("article.card h2 a:text-is('Casa Aberta')").count() === 1,
		"Casa Aberta (Vila Nova de Gaia, 303,824) is not found");
	await look(page, `found-${width}`);
	await page.click("article.card h2 a:text-is('Casa Aberta')");
	await page.waitForURL(/\/node\/\d+$/);
	check(await page.locator("dl.facts").count() === 1, "the practice has no facts");
	await look(page, `practice-${width}`);
	await page.close();
}

async function readInFrench(ctx, width) {
	const page = await ctx.newPage();
	await page.setViewportSize({ width, height: 900 });
	await page.goto(base + "/good-practices?themes=Housing&country=Portugal");
	await page.click("nav.langs summary"); /* the switcher is a closed <details> */
	await page.click("header a[hreflang=fr]");
	await page.waitForURL(/\/fr\//);
	await page.click("article.card h2 a:text-is('Casa Aberta')");
	await page.waitForURL(/\/fr\/node\/\d+$/);
	const headings = await page.locator("article.node section h2").allTextContents();
	check(headings.includes("Résumé"), "French: the Summary is not under 'Résumé': " + headings);
	// the interface's words: facts, place, headings (not the content's own,
	// such as a related story titled in English)
	const text = (await page.locator("dl.facts, p.place, main h2, .labels").allInnerTexts()).join("\n");
	for (const en of ["Summary", "The innovative solution", "The impact and results", "Housing",
		"Urban regeneration", "Themes", "URBACT Good Practice", "Related practices"])
		check(!text.includes(en), `French: '${en}' is still in English`);
	check(text.includes("Logement"), "French: the theme Housing is not 'Logement'");
	await look(page, `french-${width}`);
	await page.close();
}

// The officer subscribes to a search; an editor then publishes a practice
// it matches; the feed, opened again, lists it first.
async function subscribeAndSeeNewFirst(browser, ctx, width) {
	const page = await ctx.newPage();
	await page.setViewportSize({ width, height: 900 });
	await page.goto(base + "/search?q=housing"); // hundreds of matches: a new one ranks anywhere
	await page.click("a.subscribe");
	await page.waitForURL(/\/subscribe\/search\?q=housing/);
	const feed = await page.inputValue("#atom-address");
	await look(page, `subscribe-${width}`);

	const edCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	const ed = await edCtx.newPage();
	await ed.goto(base + "/login");
	await ed.fill("#name", editor);
	await ed.fill("#password", password);
	await Promise.all([ed.waitForNavigation(), ed.click("form.fields button")]);
	await ed.goto(base + "/node/new?type=practice");
	await ed.fill("#title", `Renda Jovem ${width}`);
	await ed.fill("#city", "Braga");
	await ed.selectOption("select[name=country]", "Portugal");
	await ed.check("input[name=themes][value=Housing]");
	await ed.fill("#population", "193 333");
	await ed.fill("#text-summary", "Young tenants pay a rent cap of a third of their income.");
	await Promise.all([ed.waitForNavigation(), ed.click("button[value=publish]:not(.hidden)")]);
	check(/\/node\/\d+$/.test(ed.url()), "the editor's practice was not published: " + ed.url());
	const nid = ed.url().replace(/.*\/node\//, "");
	await edCtx.close();

	await page.goto(feed);
	const first = await page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
	const entries = first.filter((h) => /\/node\/\d+$/.test(h || ""));
	check(entries.length > 1, "the feed lists fewer than two entries: " + entries);
	check(entries[0].endsWith("/node/" + nid), `the new match is not first in the feed: ${entries.slice(0, 3)}`);
	await page.screenshot({ path: path.join(shots, `officer-feed-${width}.png`), fullPage: true });
	console.log(`officer feed-${width}: ok`);
	await page.close();
}

(async () => {
	const browser = await launch();
	try {
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", bypassCSP: true });
		for (const width of [1280, 360]) {
			await findHousing(ctx, width);
			await readInFrench(ctx, width);
			await subscribeAndSeeNewFirst(browser, ctx, width);
		}
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error("officer: " + e.message);
	process.exit(1);
});
