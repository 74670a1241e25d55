// A reader's flow in Debian's chromium at 1280 and 360 px: register,
// confirm by the mailed link (read from the store's outbox), /me, a
// practice added to a new dossier and to it again from a second practice,
// the dossier's page, and its print view (print media: no header, forms
// or tools; each practice's address printed). axe-core must find no
// serious or critical violation on any page; each is a screenshot.
// Usage: node tests/e2e/reader.js BASE_URL SCREENSHOT_DIR DB NID NID
"use strict";
const path = require("path");
const { execFileSync } = require("child_process");
const { launch } = require("./chromium");
const { looker } = require("./look");

const [base, shots, db, nid1, nid2] = process.argv.slice(2);
const look = looker(shots, "reader");

function check(cond, what) {
	if (!cond) throw new Error(what);
}

function confirmLink(email) {
	const body = execFileSync("sqlite3", [db, `SELECT body FROM outbox WHERE recipient = '${email}' ORDER BY id DESC LIMIT 1`]).toString();
	const m = body.match(/\/register\/confirm\?t=[A-Za-z0-9_-]+/);
	check(m, `no confirmation link mailed to ${email}`);
	return base + m[0];
}

async function flow(browser, width) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
	const page = await ctx.newPage();
	const name = `reader${width}`, email = `${name}@example.org`;
	await page.goto(base + "/register");
	await look(page, `register-${width}`);
	await page.fill("#name", name);
	await page.fill("#email", email);
	await page.fill("#password", "a long enough password");
	await page.fill("#again", "a long enough password");
	await page.click("form.fields button[type=submit]");
	check(await page.locator("p.notice").count() === 1, "no notice after registering");
	await page.goto(confirmLink(email));
	await page.click("form.fields button[type=submit]");
	check(page.url().includes("/me"), `the confirmation led to ${page.url()}`);
	await page.goto(`${base}/node/${nid1}`);
	await page.fill("#dossier-name", "Housing ideas for our council");
	await page.click("aside.dossier-add button[type=submit]");
	check(await page.locator("aside.dossier-add p.notice a").count() === 1, "no notice after adding to a dossier");
	await look(page, `practice-${width}`);
	await page.goto(`${base}/node/${nid2}`);
	await page.click("aside.dossier-add button[type=submit]"); // the dossier is chosen first
	const link = await page.locator("aside.dossier-add p.notice a").getAttribute("href");
	await page.goto(`${base}/search?q=city`);
	await page.fill("#save-name", "Cities");
	await page.click("form.save-search button");
	await look(page, `me-${width}`);
	await page.goto(base + link);
	check(await page.locator("article.dossier-item").count() === 2, "the dossier does not hold the two practices");
	await look(page, `dossier-${width}`);
	await page.emulateMedia({ media: "print" });
	check(!(await page.locator("header.site").isVisible()), "the print view shows the header");
	check(!(await page.locator(".dossier-tools").isVisible()), "the print view shows the tools");
	check(await page.locator(".print-url").first().isVisible(), "the print view does not print the addresses");
	await look(page, `dossier-print-${width}`);
	await ctx.close();
}

(async () => {
	const browser = await launch();
	try {
		for (const width of [1280, 360]) await flow(browser, width);
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error(e.message || e);
	process.exit(1);
});
