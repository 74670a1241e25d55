// Filtering a long list of filter values as one types: each "All N ..."
// disclosure of the facets column has a search box, hidden until this
// script shows it. Without the script every value is still there, as a
// link, sorted by count or by name.
(function () {
	"use strict";
	// "Łódź" is found by "lodz": case and accents are set aside
	function fold(s) {
		return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l").replace(/Ł/g, "L").toLowerCase();
	}
	Array.prototype.forEach.call(document.querySelectorAll("details.all"), function (d) {
		var find = d.querySelector(".find"), box = find && find.querySelector("input");
		var items = d.querySelectorAll("ul li");
		if (!box) return;
		find.hidden = false;
		box.addEventListener("input", function () {
			var want = fold(box.value.trim());
			Array.prototype.forEach.call(items, function (li) {
				li.hidden = want !== "" && fold(li.textContent).indexOf(want) < 0;
			});
		});
	});
})();
