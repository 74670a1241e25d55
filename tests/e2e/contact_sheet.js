// A contact sheet of the interface in its 24 languages (issue 15), to be
// looked at, not a test: per language, the home page and a practice page at
// 1280 px (the first screen of each) and the language switcher open at
// 360 px, assembled into one PNG with the language's code under each row;
// axe-core checks each of them (exit 1 on a serious or critical finding).
// Usage: node tests/e2e/contact_sheet.js BASE_URL PRACTICE_PATH OUT.png
"use strict";
const { launch } = require("./chromium");

const [base, practice, out] = process.argv.slice(2);

const axePath = require.resolve("axe-core/axe.min.js");
const axeFound = [];

// axe-core's serious and critical findings on the page, kept for the end
async function axe(page, url) {
	await page.addScriptTag({ path: axePath });
	const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
	for (const v of r.violations.filter((x) => x.impact === "serious" || x.impact === "critical"))
		axeFound.push(`${url}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function shot(browser, width, height, url, open) {
	// axe is injected as an inline script, which the hub's CSP forbids
	const ctx = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
	const page = await ctx.newPage();
	const r = await page.goto(url);
	if (!r.ok())
		throw new Error(`${url} answered ${r.status()}`);
	if (open)
		await page.click("nav.langs summary");
	const png = await page.screenshot({ type: "jpeg", quality: 70 });
	await axe(page, url + (open ? " (switcher open)" : ""));
	await ctx.close();
	return png.toString("base64");
}

(async () => {
	const browser = await launch();
	try {
		const home = await browser.newPage();
		await home.goto(`${base}/en/`);
		const langs = await home.$$eval("nav.langs ul a", (as) => as.map((a) => [a.lang, a.textContent]));
		await home.close();
		if (langs.length !== 24)
			throw new Error(`the switcher lists ${langs.length} languages, not 24`);
		let rows = "";
		for (const [code, name] of langs) {
			const cells = [
				await shot(browser, 1280, 800, `${base}/${code}/`),
				await shot(browser, 1280, 800, `${base}/${code}${practice}`),
				await shot(browser, 360, 800, `${base}/${code}/`, true),
			];
			rows += `<section><h2>${code} · ${name}</h2>` +
				cells.map((c) => `<img src="data:image/jpeg;base64,${c}">`).join("") + "</section>";
			console.log(`contact sheet: ${code}`);
		}
		const sheet = await browser.newPage({ viewport: { width: 1900, height: 1000 } });
		await sheet.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>
			body { margin: 8px; font: 14px sans-serif; display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
			section { border: 1px solid #999; padding: 4px; }
			h2 { margin: 0 0 4px; font-size: 16px; }
			img { height: 245px; margin-right: 4px; vertical-align: top; }
			section { white-space: nowrap; overflow: hidden; }
			</style></head><body>${rows}</body></html>`);
		await sheet.screenshot({ path: out, fullPage: true });
		console.log(`contact sheet: ${out}`);
		// and in parts of 6 languages (3 rows), readable at full size
		const boxes = await sheet.$$eval("section", (ss) => ss.map((e) => {
			const r = e.getBoundingClientRect();
			return { y: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
		}));
		for (let i = 0; i < boxes.length; i += 6) {
			const last = boxes[Math.min(i + 5, boxes.length - 1)];
			const part = out.replace(/\.png$/, `-${i / 6 + 1}.png`);
			await sheet.screenshot({ path: part, fullPage: true,
				clip: { x: 0, y: boxes[i].y, width: 1900, height: last.bottom - boxes[i].y } });
			console.log(`contact sheet: ${part}`);
		}
		if (axeFound.length)
			throw new Error(`axe found ${axeFound.length} serious or critical problems:\n${axeFound.join("\n")}`);
		console.log(`contact sheet: axe found no serious or critical problem on ${langs.length * 3} pages`);
	} finally {
		await browser.close();
	}
})().catch((e) => {
	console.error(`contact sheet: ${e.message}`);
	process.exit(1);
});
