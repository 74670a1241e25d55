// The XSS corpus in a browser: opens every URL of a file in Debian's
// chromium (CSP bypassed, so that escaping alone must hold) and fails on
// any dialog (the payloads call alert), any element with an on* handler,
// any script but the hub's own, and any javascript: URL in the document.
// Usage: node tests/e2e/xss.js BASE_URL URL_FILE COOKIE_NAME=VALUE
"use strict";
const fs = require("fs");
const { launch } = require("./chromium");

const [base, file, cookie] = process.argv.slice(2);
const urls = fs.readFileSync(file, "utf8").split("\n").filter((u) => u);
// the hub's own scripts: every static/*.js it serves, and nothing else
const own = fs.readdirSync("static").filter((f) => f.endsWith(".js")).map((f) => "/static/" + f);

(async () => {
	const browser = await launch();
	let bad = [];
	try {
		const ctx = await browser.newContext({ bypassCSP: true });
		const [name, value] = cookie.split("=");
		await ctx.addCookies([{ name, value, url: base }]);
		const page = await ctx.newPage();
		let current = "";
		page.on("dialog", async (d) => { bad.push(`${current}: a dialog opened: ${d.message()}`); await d.dismiss(); });
		const scan = () => page.evaluate((own) => { // runs in the page: own is passed in
				const out = [];
				for (const el of document.querySelectorAll("*")) {
					for (const a of el.attributes) {
						if (/^on/i.test(a.name))
							out.push(`<${el.tagName} ${a.name}>`);
						if (/^\s*javascript:/i.test(a.value) && /^(href|src|action|data|formaction|content)$/i.test(a.name))
							out.push(`<${el.tagName} ${a.name}="${a.value.slice(0, 40)}">`);
					}
					if (el.tagName.toLowerCase() === "script" && el.getAttribute("type") !== "application/ld+json" &&
						!own.includes(el.getAttribute("src")))
						out.push(`<script>${el.textContent.slice(0, 40)}`);
					const tag = el.tagName.toLowerCase();
					if (/^(iframe|object|embed|base)$/.test(tag) ||
						(tag === "meta" && !el.hasAttribute("charset") && el.getAttribute("name") !== "viewport"))
						out.push(`<${tag}>`); // none of the hub's pages has one

				}
				return out;
			}, own);
		// the control: a page with a payload that went through must be caught
		current = "control";
		await page.setContent('<p>x</p><img src=x onerror="alert(1)"><a href="javascript:alert(2)">y</a>');
		await page.waitForTimeout(50);
		const caught = (await scan()).length;
		if (caught < 2 || bad.length !== 1)
			throw new Error(`the checker missed the control (${caught} findings, ${bad.length} dialogs)`);
		bad = [];
		for (const u of urls) {
			current = u;
			const res = await page.goto(base + u, { waitUntil: "load" });
			if (!res || res.status() >= 500)
				bad.push(`${u}: status ${res ? res.status() : "none"}`);
			await page.waitForTimeout(20); // let autofocus, onload and friends fire
			for (const f of await scan())
				bad.push(`${u}: ${f}`);
		}
	} finally {
		await browser.close();
	}
	if (bad.length) {
		console.error(bad.slice(0, 30).join("\n"));
		process.exit(1);
	}
	console.log(`xss: ${urls.length} pages, no payload ran, no markup of a payload in the DOM`);
})().catch((e) => {
	console.error("xss FAILED: " + e.message);
	process.exit(1);
});
