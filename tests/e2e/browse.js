// End-to-end: a visitor in Debian's chromium, driven by playwright-core.
// Usage: node tests/e2e/browse.js BASE_URL SCREENSHOT_DIR
// Opens the home page, filters by country, searches with a typo, opens a
// practice, switches to French and follows a feed link (shown through its
// stylesheet), subscribes to a search; an admin logs in,
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
	// chromium's own banner over a page made by XSLT (the feeds), saying it
	// will stop applying stylesheets, is not the hub's to check
	const r = await page.evaluate(() => window.axe.run({ exclude: [["xslt-warning-banner"]] }, { resultTypes: ["violations"] }));
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

		// the language switcher: closed, its 24 hidden; opened from the keyboard
		check(!(await page.isVisible("nav.langs ul")), "switcher: the languages show before it is opened");
		await page.focus("nav.langs summary");
		await page.keyboard.press("Enter");
		check(await page.locator("nav.langs ul a:visible").count() === 24, "switcher: not 24 languages once opened");
		await look(page, "switcher");
		await page.click("nav.langs >> text=Français");
		await page.waitForURL(/\/fr\/node\/\d+$/);
		check(await page.getAttribute("html", "lang") === "fr", "French: html lang is not fr");
		check(await page.locator("h2:has-text('Partager')").count() === 1, "French: no 'Partager'");
		check(await page.locator("h2:has-text('Résumé')").count() === 1 &&
			await page.locator("h2:has-text('Summary')").count() === 0, "French: the Summary heading stays English");
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
		// chromium applies the feed's stylesheet (static/feed.xsl): a page, not raw XML
		await page.waitForSelector("main.feed-view", { timeout: 10000 });
		check(await page.locator("main.feed-view article.card").count() === 2, "feed: not Spain's 2 entries as cards");
		check(await page.inputValue("#address") === new URL(feed, base).href, "feed: the address shown is not the feed's");
		check((await page.locator(".feed-note").textContent()).includes("flux"), "feed: the note is not in French");
		await look(page, "feed");

		// subscribing to a search: the Subscribe link, the page that explains, the feeds it offers
		await page.goto(base + "/search?q=housing");
		check(!(await page.locator("a.to-filters").isVisible()), "search: the Filters link shows beside the filters");
		await page.click("a.subscribe");
		await page.waitForURL(/\/subscribe\/search\?q=housing$/);
		check(await page.inputValue("#atom-address") === base + "/search/feed.atom?q=housing",
			"subscribe: the Atom address is not the search's feed");
		await look(page, "subscribe");

		// comparing without a script: two boxes ticked on the listing, the one form sends them
		await page.goto(base + "/good-practices");
		const boxes = page.locator("article.card input[name=nid][form=compare-form]");
		check(await boxes.count() >= 3, "compare: fewer than 3 boxes on the practices' cards");
		await boxes.nth(0).check();
		await boxes.nth(2).check();
		await Promise.all([page.waitForNavigation(), page.click("#compare-form button[type=submit]")]);
		check(/\/compare\?nid=\d+&nid=\d+$/.test(page.url()), "compare: the form sent " + page.url());
		check(await page.locator(".side-by-side thead th").count() === 2, "compare: not 2 practices side by side");
		const compared = page.url();
		await look(page, "compare");
		await page.click(".side-by-side thead th >> nth=0 >> a.remove");
		check(await page.locator(".side-by-side thead th").count() === 1, "compare: Remove left " + page.url());
		const phoneCmp = await browser.newPage({ viewport: { width: 360, height: 740 }, bypassCSP: true });
		await phoneCmp.goto(compared);
		check(await phoneCmp.evaluate(() => document.documentElement.scrollWidth) <= 360, "compare: wider than a 360 px phone");
		// the practices scroll inside the table's box, the row labels stay
		await phoneCmp.locator(".side-by-side").evaluate((e) => { e.scrollLeft = 400; });
		const rowLabel = await phoneCmp.locator(".side-by-side tbody th").first().boundingBox();
		check(rowLabel.x >= 0 && rowLabel.x < 40, `compare: the row labels scrolled away on a phone (x ${rowLabel.x})`);
		await look(phoneCmp, "phone-compare");
		await phoneCmp.close();

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
		// the admin writes a practice by picking values: a missing field, a
		// new theme and a typo'd country confirmed, a preview, publish; then
		// a one-word edit, its diff, and a revert after confirming
		await ed.goto(base + "/admin");
		await ed.click("text=Write a new practice");
		await ed.fill("#title", "Bee roofs for schools");
		await ed.fill("#text-summary", "Every school gets **beehives** on its roof.");
		await ed.check("input[name=themes][value=Poverty]");
		await ed.evaluate(() => { document.querySelector("form.fields").noValidate = true; }); // the server's check
		await ed.click("button[value=save]");
		check(await ed.locator("label[for=city] .field-error").count() === 1, "form: no error next to the city");
		check(await ed.inputValue("#text-summary") === "Every school gets **beehives** on its roof.", "form: the summary was lost");
		await ed.fill("#city", "Ghent");
		await ed.fill("input[name='country.new']", "Belgique");
		await ed.fill("textarea[name='themes.new']", "Bees");
		await Promise.all([ed.waitForNavigation(), ed.click("button[value=preview]:not(.hidden)")]);
		check(await ed.locator(".confirm .unknown:has-text('“Belgique” is not a country')").count() === 1, "confirm: the new country is not asked about");
		check(await ed.locator(".confirm .unknown:has-text('“Bees” is not a theme')").count() === 1, "confirm: the new theme is not asked about");
		await look(ed, "practice-confirm");
		await Promise.all([ed.waitForNavigation(), ed.click("button[name=resolve]:has-text('Add it as a new country')")]);
		await Promise.all([ed.waitForNavigation(), ed.click("button[name=resolve]:has-text('Add it as a new theme')")]);
		check(await ed.locator(".preview strong:has-text('beehives')").count() === 1, "preview: no Markdown");
		check(await ed.locator(".preview dl.facts a:has-text('Poverty')").count() === 1, "preview: no themes");
		await look(ed, "practice-preview");
		await ed.click("button[value=publish]");
		await ed.waitForURL(/\/node\/\d+$/);
		check(await ed.locator("h1:has-text('Bee roofs for schools')").count() === 1, "publish: not on its page");
		await look(ed, "practice-published");
		await Promise.all([ed.waitForNavigation(), ed.click(".nodebar >> text=Edit")]);
		await ed.fill("#text-summary", "Every school gets **beehives** on its terrace.");
		await ed.click("button[value=save]:not(.hidden)");
		await ed.waitForURL(/\/node\/\d+$/);
		await Promise.all([ed.waitForNavigation(), ed.click(".nodebar >> text=History")]);
		await ed.check("table.revisions tbody tr:nth-child(2) input[name=a]");
		await ed.check("table.revisions tbody tr:nth-child(1) input[name=b]");
		await Promise.all([ed.waitForNavigation(), ed.click("form.compare button[type=submit]")]);
		check(await ed.locator(".prose del:text-is('roof.')").count() === 1 && await ed.locator(".prose ins:text-is('terrace.')").count() === 1,
			"history: the one-word edit is not marked as one word");
		await look(ed, "history");
		await Promise.all([ed.waitForNavigation(), ed.click("text=Revert to this…")]);
		check(await ed.locator("form[method=post] button:has-text('Revert to revision')").count() === 1, "revert: no confirming button");
		await look(ed, "revert-confirm");
		await ed.click("form[method=post] button:has-text('Revert to revision')");
		await ed.waitForURL(/\/node\/\d+$/);
		check(await ed.locator("text=on its roof").count() === 1, "revert: the old text is not back");
		const nodeUrl = ed.url();
		await ed.goto(nodeUrl + "/history");
		const firstRev = await ed.locator("table.revisions th[scope=row]").last().textContent();

		// the editor's pages on a phone: nothing off screen
		const edPhone = await ed.context().newPage();
		await edPhone.setViewportSize({ width: 360, height: 740 });
		for (const p of ["/node/new", nodeUrl.replace(base, "") + "/history", nodeUrl.replace(base, "") + "/revert?rev=" + firstRev]) {
			await edPhone.goto(base + p);
			const w = await edPhone.evaluate(() => document.documentElement.scrollWidth);
			check(w <= 360, `phone: ${p} is ${w} px wide on a 360 px screen`);
			step++;
			await edPhone.screenshot({ path: path.join(shots, `e2e-${step}-phone-editor.png`), fullPage: true });
		}
		console.log("e2e phone editor: ok");
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
		// on a phone the filters come after the results: a link before them jumps there
		const y = async (sel) => (await phone.locator(sel).first().boundingBox()).y;
		const [jump, hit, filters] = [await y("a.to-filters"), await y("article.card"), await y("#filters")];
		check(jump < hit && hit < filters, `phone: the Filters link (${jump}) is not above the results (${hit}) and filters (${filters})`);
		await phone.click("a.to-filters");
		check(phone.url().endsWith("#filters"), "phone: the Filters link does not lead to the filters");
		console.log("e2e phone: ok");
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error("e2e FAILED: " + e.message);
	process.exit(1);
});
