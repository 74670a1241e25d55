// "Copy link" on a node's page: copies the page's address with the
// Clipboard API and says so to everyone, screen readers included (the
// status line is aria-live). Without this script the button stays hidden
// and the read-only field beside it holds the address to select and copy.
(function () {
	"use strict";
	var buttons = document.querySelectorAll("button.copy-link");
	// a click in the field selects the whole address
	Array.prototype.forEach.call(document.querySelectorAll("input.share-url"), function (field) {
		field.addEventListener("focus", function () { field.select(); });
	});
	if (!navigator.clipboard || !window.isSecureContext) return; // the field alone
	Array.prototype.forEach.call(buttons, function (button) {
		var field = document.getElementById(button.getAttribute("data-copy"));
		var status = button.parentNode.parentNode.querySelector(".copied");
		if (!field || !status) return;
		button.hidden = false;
		// the same message twice is announced twice only if the text changes
		function say(text) {
			status.textContent = "";
			setTimeout(function () { status.textContent = text; }, 50);
		}
		button.addEventListener("click", function () {
			navigator.clipboard.writeText(field.value).then(
				function () { say(button.getAttribute("data-copied")); },
				function () {
					field.focus();
					field.select();
					say(button.getAttribute("data-failed"));
				});
		});
	});
})();
