// Reading a practice in one's own language (issue 15, part 2) in chromium
// at 1280 and 360 px: the offer on an English practice's page in the
// Spanish interface, the page while Apertium works (static/mt.js shows
// the translation once it is there), then the translation with its banner and the link back to
// the original. A screenshot and axe-core at every step.
// Usage: node tests/e2e/translation.js BASE_URL SCREENSHOT_DIR NID
"use strict";
const { launch } = require("./chromium");
const { looker } = require("./look");

const [base, shots, nid] = process.argv.slice(2);
const look = looker(shots, "translation");

function check(cond, what) {
	if (!cond) throw new Error(what);
}

async function reader(browser, width, first) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: "es-ES", bypassCSP: true });
	const page = await ctx.newPage();
	await page.goto(`${base}/es/node/${nid}`);
	const offer = page.locator("p.mt-offer a");
	check(await offer.count() === 1, "no offer of a translation on the practice's page");
	check((await offer.getAttribute("hreflang")) === "es", "the offer does not name Spanish");
	await look(page, `offer-${width}`);
	await offer.click();
	if (first) { // the first reader finds it being made
		check(await page.locator(".mt-pending[data-poll]").count() === 1, "the page being made does not say so");
		await look(page, `pending-${width}`);
	}
	// static/mt.js reloads the page once the translation is there (60 s at most)
	await page.waitForSelector("article.translated", { timeout: 60000 });
	check((await page.locator("article.translated").getAttribute("lang")) === "es", "the translation is not marked Spanish");
	const back = page.locator(".mt-banner a");
	check((await back.getAttribute("href")) === `/es/node/${nid}`, "the banner does not link the original");
	await look(page, `translated-${width}`);
	await back.click();
	check(await page.locator("p.mt-offer").count() === 1, "the link back does not lead to the original");
	await ctx.close();
}

(async () => {
	const browser = await launch();
	try {
		await reader(browser, 1280, true);
		await reader(browser, 360, false);
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error(e.message);
	process.exit(1);
});
