// The overview map's keyboard: the map is one tab stop (its first mark);
// inside it the arrow keys move to the nearest mark that way, Home and End
// to the westernmost and easternmost, Enter follows the mark's link. Without
// this script the filters beside the results (country, city) lead to the
// same lists.
(function () {
	"use strict";
	var ways = {ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1]};

	function centre(mark) {
		var c = mark.querySelector("circle");
		return [parseFloat(c.getAttribute("cx")), parseFloat(c.getAttribute("cy"))];
	}

	// The mark nearest to from in direction way, off the axis costing double.
	function nearest(marks, from, way) {
		var p = centre(from), best = null, bestScore = Infinity;
		marks.forEach(function (m) {
			if (m === from) return;
			var q = centre(m), dx = q[0] - p[0], dy = q[1] - p[1];
			var along = dx * way[0] + dy * way[1], across = Math.abs(dx * way[1] - dy * way[0]);
			if (along <= 0) return;
			var score = along + 2 * across;
			if (score < bestScore) { bestScore = score; best = m; }
		});
		return best;
	}

	function move(marks, from, to) {
		if (!to) return;
		from.setAttribute("tabindex", "-1");
		to.setAttribute("tabindex", "0");
		to.focus();
	}

	document.querySelectorAll("figure.map .marks").forEach(function (group) {
		var marks = Array.prototype.slice.call(group.querySelectorAll("a.mark"));
		group.addEventListener("keydown", function (e) {
			var from = e.target.closest("a.mark"), to = null;
			if (!from) return;
			if (ways[e.key]) to = nearest(marks, from, ways[e.key]);
			else if (e.key === "Home") to = marks[0];
			else if (e.key === "End") to = marks[marks.length - 1];
			else return;
			e.preventDefault();
			move(marks, from, to);
		});
	});
})();
