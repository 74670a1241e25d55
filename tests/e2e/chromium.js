// Debian's chromium for the browser tests, headless, as the project's
// rules launch it (playwright-core drives it; nothing is downloaded).
"use strict";
const { chromium } = require("playwright-core");

exports.launch = () => chromium.launch({
	executablePath: "/usr/bin/chromium",
	headless: true,
	args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--no-first-run"],
});
