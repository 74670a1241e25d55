// One look at a page: a full-page screenshot in SHOTS/PREFIX-NAME.png,
// then axe-core, failing on any serious or critical violation.
"use strict";
const path = require("path");
const axePath = require.resolve("axe-core/axe.min.js");

exports.looker = (shots, prefix) => async (page, name) => {
	await page.screenshot({ path: path.join(shots, `${prefix}-${name}.png`), fullPage: true });
	await page.addScriptTag({ path: axePath });
	const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
	const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
	if (bad.length)
		throw new Error(`${name}: axe found ` +
			bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("; "));
	console.log(`${prefix} ${name}: ok`);
};
