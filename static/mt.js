// The page saying a machine translation is being made: asks for the page
// again every 3 s in the background and shows the translation once it is
// there (one reload, when there is something new to read; a failure page
// is shown too). Without this script the page's link reloads it by hand.
(function () {
	"use strict";
	var pending = document.querySelector(".mt-pending[data-poll]");
	if (!pending || !window.fetch) return;
	var tries = 0;
	function poll() {
		if (++tries > 100) return; // five minutes: the reader has the link
		fetch(pending.getAttribute("data-poll"), { credentials: "same-origin", cache: "no-store" })
			.then(function (r) { return r.text().then(function (t) { return { status: r.status, text: t }; }); })
			.then(function (r) {
				if (r.text.indexOf("mt-pending") < 0 || r.status !== 200) location.reload();
				else setTimeout(poll, 3000);
			}, function () { setTimeout(poll, 3000); });
	}
	setTimeout(poll, 3000);
})();
