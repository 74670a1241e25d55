// Search-as-you-type for the search box: titles of the best hits for what
// is typed, from /api/v1/suggest, offered through a <datalist>. Without
// this script the box is a plain form that works the same.
(function () {
	"use strict";
	var box = document.getElementById("q");
	if (!box || !window.fetch) return;
	var list = document.createElement("datalist");
	list.id = "q-suggestions";
	box.parentNode.appendChild(list);
	box.setAttribute("list", list.id);
	var timer = 0, asked = "";
	box.addEventListener("input", function () {
		clearTimeout(timer);
		timer = setTimeout(function () {
			var q = box.value;
			if (q.length < 2 || q === asked) return;
			asked = q;
			fetch("/api/v1/suggest?q=" + encodeURIComponent(q))
				.then(function (r) { return r.ok ? r.json() : null; })
				.then(function (s) {
					if (!s || s[0] !== box.value) return;
					list.textContent = "";
					s[1].forEach(function (title) {
						var o = document.createElement("option");
						o.value = title;
						list.appendChild(o);
					});
				})
				.catch(function () {});
		}, 150);
	});
})();
