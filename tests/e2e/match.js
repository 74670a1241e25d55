// The match in chromium (issue 14): a Porto officer asks for affordable
// housing in Portuguese through the form (a GET form: no script needed),
// gets practices with their reasons; a misspelt city offers close names
// that redo the match; the city page shows "Cities like mine". At 1280
// and 360 px, nothing off screen; axe-core finds no serious or critical
// violation. Screenshots in SHOTS/match-*.png.
// Usage: node tests/e2e/match.js BASE_URL SCREENSHOT_DIR
"use strict";
const { launch } = require("./chromium");
const { looker } = require("./look");

const [base, shots] = process.argv.slice(2);
const look = looker(shots, "match");

function check(cond, what) {
	if (!cond) throw new Error(what);
}

async function fits(page, width, what) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	check(w <= width, `${what} is ${w} px wide on a ${width} px screen`);
}

async function at(browser, width) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-GB", bypassCSP: true });
	const page = await ctx.newPage();
	await page.goto(base + "/");
	await page.click("nav a[href='/match']");
	await page.fill("#m-city", "Porto");
	await page.fill("#m-country", "Portugal");
	await page.fill("#m-need", "habitação acessível");
	await Promise.all([page.waitForURL(/\/match\?/), page.click("form.match button[type=submit]")]);
	const hits = await page.locator("ol.match-hits > li").count();
	check(hits >= 3, `${width} px: ${hits} hits for Porto and habitação acessível`);
	const why = await page.locator("ol.match-hits > li").first().locator("ul.why li").allTextContents();
	check(why.some((w) => w.startsWith("matches:")), `the first hit does not say what matched: ${why}`);
	await fits(page, width, "/match");
	await look(page, `porto-${width}`);

	await page.fill("#m-city", "Portp");
	await Promise.all([page.waitForURL(/city=Portp/), page.click("form.match button[type=submit]")]);
	await page.locator("[role=alert]").waitFor();
	await Promise.all([page.waitForURL(/city=Porto(&|$)/), page.click("ul.near a:text-is('Porto')")]);
	check(await page.locator("ol.match-hits > li").count() >= 3, "the close name does not redo the match");
	await fits(page, width, "the close names");

	await page.goto(base + "/cities/porto-pt");
	const like = await page.locator("ul.like > li").count();
	check(like >= 3, `${width} px: ${like} cities like Porto`);
	await fits(page, width, "/cities/porto-pt");
	await look(page, `city-${width}`);
	await ctx.close();
}

(async () => {
	const browser = await launch();
	try {
		await at(browser, 1280);
		await at(browser, 360);
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error("FAIL:", e.message);
	process.exit(1);
});
