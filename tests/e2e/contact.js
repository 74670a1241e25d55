// A visitor's request in chromium at 1280 and 360 px (issue 14, part 4):
// from a practice page to its contact form, the form sent, the link of the
// mail the test relay kept followed and confirmed; then an editor finds
// the request on the desk, reads it and marks it answered. A screenshot and
// axe-core (no serious or critical violation) at every step.
// Usage: node tests/e2e/contact.js BASE_URL SCREENSHOT_DIR MAIL_DIR EDITOR PASSWORD
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium");
const { looker } = require("./look");

const [base, shots, box, editor, password] = process.argv.slice(2);
const look = looker(shots, "contact");

function check(cond, what) {
	if (!cond) throw new Error(what);
}

// The link of the newest mail the relay kept for address (30 s at most).
async function mailedLink(address) {
	for (let i = 0; i < 300; i++) {
		const hits = fs.readdirSync(box).filter((f) => f.endsWith(".json"))
			.filter((f) => fs.readFileSync(path.join(box, f), "utf8").includes(`<${address}>`));
		if (hits.length) {
			const eml = fs.readFileSync(path.join(box, hits[0].replace(/json$/, "eml")), "utf8");
			const body = Buffer.from(eml.split(/\r?\n\r?\n/).slice(1).join("").replace(/\s+/g, ""), "base64").toString();
			const m = body.match(/https?:\/\/\S+\/contact\/verify\?t=[A-Za-z0-9_-]+/);
			check(m, `no link in the mail to ${address}`);
			return m[0];
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no mail to ${address}`);
}

async function visitor(browser, width) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-GB", bypassCSP: true });
	const page = await ctx.newPage();
	await page.goto(`${base}/node/901`);
	await page.click("a.contact-link");
	check(page.url().endsWith("/node/901/contact"), `the link led to ${page.url()}`);
	const address = `maria.${width}@porto.example`;
	await page.fill("#name", "Maria Costa");
	await page.fill("#email", address);
	await page.fill("#organisation", "Câmara Municipal do Porto");
	await page.fill("#message", "How did you fund the corridors?\nWho maintains them, and at what cost a year?");
	await page.check("#consent");
	await look(page, `form-${width}`);
	await page.click("form.fields button[type=submit]");
	check(await page.isVisible("p.notice"), "no notice after sending");
	await look(page, `sent-${width}`);
	const link = await mailedLink(address);
	await page.goto(base + link.replace(/^https?:\/\/[^/]+/, ""));
	await look(page, `verify-${width}`);
	await page.click("form.fields button[type=submit]");
	check((await page.textContent("h1")).includes("sent"), "the request was not sent");
	await look(page, `verified-${width}`);
	await ctx.close();
}

async function desk(browser, width) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-GB", bypassCSP: true });
	const page = await ctx.newPage();
	await page.goto(`${base}/login`);
	await page.fill("#name", editor);
	await page.fill("#password", password);
	await page.click("form.fields button[type=submit]");
	check(await page.isVisible("table.requests"), "no requests on the desk");
	await look(page, `desk-${width}`);
	await page.click(`table.requests tbody tr:first-child a`);
	check((await page.textContent("blockquote.message")).includes("corridors"), "the request page has no message");
	await page.selectOption("#status", "answered");
	await page.fill("#note", "Phoned her on Monday.");
	await page.click("form.fields button[type=submit]");
	check(await page.isVisible("p.notice"), "no notice after saving");
	await look(page, `request-${width}`);
	await ctx.close();
}

(async () => {
	const browser = await launch();
	try {
		for (const width of [1280, 360]) {
			await visitor(browser, width);
			await desk(browser, width);
		}
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
