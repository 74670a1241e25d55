// End-to-end: a visitor in Debian's chromium, driven by playwright-core.
// Usage: node tests/e2e/browse.js BASE_URL SCREENSHOT_DIR
// Opens the home page, filters by country, searches with a typo, opens a
// practice, switches to French and follows a feed link; an admin logs in,
// adds a user (a field error first), reads the audit log, writes a
// practice (an error, a preview), publishes it, finds it, and logs out;
// saves a screenshot of each step; axe-core must find no serious or critical violation on any
// page. Exit 1 with the reason on the first failure.
"use strict";
const path = require("path");
const { launch } = require("./chromium");

const [base, shots] = process.argv.slice(2);
const axePath = require.resolve("axe-core/axe.min.js");
let step = 0;

function check(cond, what) {
	if (!cond) throw new Error(what);
}

async function look(page, name) {
	step++;
	await page.screenshot({ path: path.join(shots, `e2e-${step}-${name}.png`), fullPage: true });
	await page.addScriptTag({ path: axePath });
	const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
	const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
	check(bad.length === 0, `${name}: axe found ` +
		bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("; "));
	console.log(`e2e ${name}: ok (${r.violations.length} minor axe findings)`);
}

(async () => {
	const browser = await launch();
	try {
		// axe is injected as an inline script, which the hub's CSP forbids
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB", bypassCSP: true });
		const page = await ctx.newPage();
		page.on("pageerror", (e) => { throw new Error("script error: " + e.message); });

		await page.goto(base + "/");
		check(await page.title() === "Urban good practices · praxis", "home: wrong title " + await page.title());
		check(await page.locator("article.card").count() === 10, "home: not 10 cards");
		await look(page, "home");

		await page.click("header nav >> text=Good practices");
		await page.click(".facet >> a:has-text('Spain')");
		check(page.url().includes("country=Spain"), "filter: the URL lost the filter: " + page.url());
		check(await page.locator("article.card").count() === 2, "filter: Spain should leave 2 practices");
		await look(page, "filtered");

		// the overview map: one tab stop after "Skip the map", arrows move
		// between its marks (map.js), a mark filters by its place
		await page.goto(base + "/good-practices");
		await page.focus("a.skip-map");
		await page.keyboard.press("Tab");
		const label = () => page.evaluate(() => document.activeElement.getAttribute("aria-label") || "");
		let mark = await label();
		check(/: \d+ practices?$/.test(mark), "map: Tab after the skip link reached " + mark);
		if (await page.locator(".marks.wide a.mark").count() > 1) {
			await page.keyboard.press("ArrowRight");
			const next = await label();
			check(next !== mark && /: \d+ practices?$/.test(next), "map: ArrowRight did not move: " + next);
			mark = next;
		}
		await page.keyboard.press("Tab");
		check(!/practices?$/.test(await label()), "map: a second Tab stayed in the map");
		await page.keyboard.press("Shift+Tab");
		await page.keyboard.press("Enter");
		await page.waitForURL(/place=/);
		const want = mark.match(/: (\d+) practices?$/)[1];
		check((await page.textContent("p.count")).startsWith(want + " "), `map: ${mark} listed ` + await page.textContent("p.count"));
		await look(page, "map-filter");
		await page.goto(base + "/good-practices");
		await page.focus("a.skip-map");
		await page.keyboard.press("Enter");
		await page.keyboard.press("Tab");
		check(!/practices?$/.test(await label()), "map: the skip link did not skip the map");

		await page.fill("#q", "cooperatve");
		await page.press("#q", "Enter");
		await page.waitForURL(/\/search\?q=cooperatve/);
		const hits = await page.locator("article.card.practice h2 a").allTextContents();
		check(hits.length > 0, "search with a typo found no practice");
		await look(page, "typo-search");

		await page.click("article.card.practice h2 a >> nth=0");
		await page.waitForURL(/\/node\/\d+$/);
		check(await page.locator("h2:has-text('Summary')").count() === 1, "practice: no Summary section");
		check((await page.locator("h1").textContent()) === hits[0], "practice: not the hit clicked");
		await look(page, "practice");

		await page.click("nav.langs >> text=Français");
		await page.waitForURL(/\/fr\/node\/\d+$/);
		check(await page.getAttribute("html", "lang") === "fr", "French: html lang is not fr");
		check(await page.locator("h2:has-text('Partager')").count() === 1, "French: no 'Partager'");
		await look(page, "french");

		await page.goto(base + "/fr/good-practices?country=Spain");
		const feed = await page.getAttribute("link[rel=alternate][type='application/atom+xml']", "href");
		check(feed, "subscribe: no Atom feed advertised");
		const res = await page.request.get(new URL(feed, base).href);
		check(res.status() === 200 && res.headers()["content-type"].startsWith("application/atom+xml"),
			"subscribe: the feed did not answer Atom");
		const xml = await res.text();
		check((xml.match(/<entry/g) || []).length === 2, "subscribe: the feed should hold Spain's 2 practices");
		await page.click("footer >> text=Atom");
		step++;
		await page.screenshot({ path: path.join(shots, `e2e-${step}-feed.png`) });
		console.log("e2e feed: ok");

		// an admin logs in (a wrong password first), sees the desk, adds a user
		const ed = await ctx.newPage();
		await ed.goto(base + "/admin/users");
		await ed.waitForURL(/\/login\?next=%2Fadmin%2Fusers$/);
		await ed.fill("#name", "root");
		await ed.fill("#password", "not the password");
		await ed.click("form.fields button");
		check(await ed.locator("#login-error").count() === 1, "login: no error for a wrong password");
		await look(ed, "login-error");
		await ed.fill("#password", "pw of root here");
		await ed.click("form.fields button");
		await ed.waitForURL(/\/admin\/users$/);
		await ed.fill("#new-name", "carla");
		await ed.fill("#new-password", "short pw");
		await ed.evaluate(() => document.querySelector("#new-password").removeAttribute("minlength"));
		await ed.click("form.fields button");
		check(await ed.locator("#pw-error").count() === 1, "users: no error next to the password");
		check(await ed.inputValue("#new-name") === "carla", "users: the name typed was lost");
		await look(ed, "users-error");
		await ed.fill("#new-password", "a long password");
		await ed.click("form.fields button");
		await ed.waitForURL(/\/admin\/users\?done=added$/);
		check(await ed.locator("th[scope=row]:has-text('carla')").count() === 1, "users: carla was not added");
		await look(ed, "users");
		await ed.goto(base + "/admin/audit");
		check(await ed.locator("tr:has(td:text-is('user-add')):has(td:text-is('carla'))").count() === 1, "audit: no entry for adding carla");
		await look(ed, "audit");
		// the admin writes a practice: a missing field, a preview, publish, history
		await ed.goto(base + "/admin");
		await ed.click("text=Write a new practice");
		await ed.fill("#title", "Bee roofs for schools");
		await ed.fill("#summary", "Every school gets **beehives** on its roof.");
		await ed.evaluate(() => { document.querySelector("form.fields").noValidate = true; }); // the server's check
		await ed.click("button[value=save]");
		check(await ed.locator("label[for=city] .field-error").count() === 1, "form: no error next to the city");
		check(await ed.inputValue("#summary") === "Every school gets **beehives** on its roof.", "form: the summary was lost");
		await ed.fill("#city", "Ghent");
		await ed.fill("#country", "Belgium");
		await ed.click("button[value=preview]");
		check(await ed.locator(".preview strong:has-text('beehives')").count() === 1, "preview: no Markdown");
		await look(ed, "practice-preview");
		await ed.click("button[value=publish]");
		await ed.waitForURL(/\/node\/\d+$/);
		check(await ed.locator("h1:has-text('Bee roofs for schools')").count() === 1, "publish: not on its page");
		await look(ed, "practice-published");
		await ed.click(".nodebar >> text=History");
		await look(ed, "history");
		await ed.goto(base + "/search?q=beehives");
		check(await ed.locator("h2 a:has-text('Bee roofs for schools')").count() === 1, "search: the new practice is not found at once");
		await ed.click("form.me button");
		await ed.waitForURL(base + "/");
		check(await ed.locator("a.login").count() === 1, "logout: still signed in");

		const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
		await phone.goto(base + "/el/search?q=city");
		const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
		check(wide <= 360, `phone: the page is ${wide} px wide on a 360 px screen`);
		step++;
		await phone.screenshot({ path: path.join(shots, `e2e-${step}-phone.png`), fullPage: true });
		console.log("e2e phone: ok");
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error("e2e FAILED: " + e.message);
	process.exit(1);
});
