// The controls in chromium (issue 13): "Copy link" copies the page's
// address and says so in a live region; without JavaScript its button is
// hidden and a read-only field holds the address; buttons and fields at
// 1280 and 360 px. axe-core must find no serious or critical violation.
// Usage: node tests/e2e/controls.js BASE_URL SCREENSHOT_DIR NID
"use strict";
const path = require("path");
const { launch } = require("./chromium");
const { looker } = require("./look");

const [base, shots, nid] = process.argv.slice(2);

function check(cond, what) {
	if (!cond) throw new Error(what);
}

const look = looker(shots, "controls");

async function copyLink(browser, width) {
	const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: "en-GB", bypassCSP: true });
	await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
	const page = await ctx.newPage();
	page.on("pageerror", (e) => { throw new Error("script error: " + e.message); });
	await page.goto(`${base}/node/${nid}`);
	const button = page.locator("button.copy-link");
	await button.waitFor({ state: "visible" });
	const box = await button.boundingBox();
	check(box && box.x >= 0 && box.x + box.width <= width, `${width} px: the Copy link button is off screen`);
	check(await page.locator(".copied").textContent() === "", "the status speaks before a click");
	await button.click();
	await page.locator(".copied:has-text('Link copied')").waitFor();
	check(await page.getAttribute(".copied", "aria-live") === "polite", "the confirmation is not a live region");
	await page.locator("aside.share").screenshot({ path: path.join(shots, `controls-share-${width}.png`) });
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	check(copied === page.url(), `the clipboard holds "${copied}", not the page's address ${page.url()}`);
	await look(page, `copy-${width}`);
	await ctx.close();
}

async function withoutScript(browser) {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
	const page = await ctx.newPage();
	await page.goto(`${base}/node/${nid}`);
	check(!(await page.locator("button.copy-link").isVisible()), "without JavaScript the Copy link button shows");
	const field = page.locator("input.share-url");
	check(await field.isVisible(), "without JavaScript there is no address to copy");
	check(await field.inputValue() === page.url(), "the field does not hold the page's address");
	check(await field.getAttribute("readonly") !== null, "the address field is not read-only");
	await page.screenshot({ path: path.join(shots, "controls-noscript-360.png"), fullPage: true });
	await page.locator("aside.share").screenshot({ path: path.join(shots, "controls-share-noscript-360.png") });
	console.log("e2e controls noscript: ok");
	await ctx.close();
}

async function buttons(browser, width) {
	const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: "en-GB", bypassCSP: true });
	const page = await ctx.newPage();
	await page.goto(`${base}/good-practices`);
	await page.focus("#kw");
	await look(page, `filter-${width}`);
	await page.locator("form.keywords").screenshot({ path: path.join(shots, `controls-filter-form-${width}.png`) });
	await page.goto(`${base}/login`);
	await look(page, `login-${width}`);
	await ctx.close();
}

(async () => {
	const browser = await launch();
	try {
		for (const width of [1280, 360]) {
			await copyLink(browser, width);
			await buttons(browser, width);
		}
		await withoutScript(browser);
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error("e2e controls: " + e.message);
	process.exit(1);
});
