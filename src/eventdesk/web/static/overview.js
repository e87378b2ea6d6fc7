// The overview: canonical events per period, stacked by QuadClass, and a type x period grid.
"use strict";
(function () {
  var TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
               "COERCE", "ASSAULT"];
  var MARGIN = {left: 48, right: 12, top: 10, bottom: 42};

  function xLabels(g, rows, x, step, y0) {
    var every = Math.max(1, Math.ceil(rows.length / Math.max(1, Math.floor(step))));
    rows.forEach(function (row, i) {
      if (i % every === 0) {
        ED.el("text", {x: x(i), y: y0 + 14, class: "tick"}, g, row.period);
      }
    });
  }

  function quadChart(container, rows) {
    var W = ED.width(container), H = 280;
    var svg = ED.svg(container, W, H, "Canonical events per period by QuadClass");
    var plotW = W - MARGIN.left - MARGIN.right, plotH = H - MARGIN.top - MARGIN.bottom;
    var top = Math.max(1, Math.max.apply(null, rows.map(function (r) { return r.events; })));
    var band = plotW / rows.length;
    var x = function (i) { return MARGIN.left + i * band; };
    var y = function (v) { return MARGIN.top + plotH - (v / top) * plotH; };
    var axis = ED.el("g", {class: "axis"}, svg);
    [0, 0.25, 0.5, 0.75, 1].forEach(function (f) {
      var v = Math.round(top * f);
      ED.el("line", {x1: MARGIN.left, x2: W - MARGIN.right, y1: y(v), y2: y(v), class: "grid"}, axis);
      ED.el("text", {x: MARGIN.left - 6, y: y(v) + 4, class: "tick num"}, axis, String(v));
    });
    var bars = ED.el("g", {class: "bars"}, svg);
    rows.forEach(function (row, i) {
      var base = 0;
      [1, 2, 3, 4].forEach(function (q) {
        var n = row["quad" + q];
        if (!n) { return; }
        var a = ED.link(bars, ED.eventsHref({since: row.start, until: row.end}),
                        row.period + ": " + n + " " + ED.QUAD_NAMES[q]);
        ED.el("rect", {x: x(i) + band * 0.1, width: Math.max(1, band * 0.8), y: y(base + n),
                       height: Math.max(1, y(base) - y(base + n)), class: "bar quad" + q,
                       "data-period": row.period}, a);
        base += n;
      });
    });
    xLabels(axis, rows, function (i) { return x(i) + band / 2; }, plotW / 70, MARGIN.top + plotH);
  }

  function typeChart(container, rows) {
    var present = TYPES.filter(function (t) {
      return rows.some(function (r) { return r[t.toLowerCase()] > 0; });
    });
    var W = ED.width(container), cell = 18;
    var left = 90, plotW = W - left - MARGIN.right;
    var H = MARGIN.top + present.length * cell + MARGIN.bottom;
    var svg = ED.svg(container, W, H, "Canonical events per period by PLOVER type");
    var top = 1;
    rows.forEach(function (r) { present.forEach(function (t) { top = Math.max(top, r[t.toLowerCase()]); }); });
    var band = plotW / Math.max(1, rows.length);
    var grid = ED.el("g", {class: "heat"}, svg);
    present.forEach(function (t, j) {
      var yy = MARGIN.top + j * cell;
      ED.el("text", {x: left - 6, y: yy + cell * 0.7, class: "tick num"}, grid, t);
      rows.forEach(function (row, i) {
        var n = row[t.toLowerCase()];
        if (!n) { return; }
        var a = ED.link(grid, ED.eventsHref({type: t, since: row.start, until: row.end}),
                        row.period + ": " + n + " " + t);
        ED.el("rect", {x: left + i * band, y: yy + 1, width: Math.max(1, band - 1),
                       height: cell - 2, class: "cell",
                       "fill-opacity": (0.15 + 0.85 * n / top).toFixed(2)}, a);
      });
    });
    xLabels(grid, rows, function (i) { return left + i * band + band / 2; }, plotW / 70,
            MARGIN.top + present.length * cell);
  }

  function legend(container) {
    container.textContent = "";
    [1, 2, 3, 4].forEach(function (q) {
      var item = document.createElement("span");
      item.className = "key quad" + q;
      item.textContent = q + " " + ED.QUAD_NAMES[q];
      container.appendChild(item);
    });
  }

  function totals(rows, by) {
    var events = 0, mentions = 0;
    rows.forEach(function (r) { events += r.events; mentions += r.mentions; });
    document.getElementById("totals").textContent = events + " canonical events (" + mentions +
      " reports) in " + rows.length + " " + by + (rows.length === 1 ? "" : "s");
  }

  var query = ED.filterQuery();
  var by = query.get("by") || "month";
  ED.getJSON("/api/v1/series?" + query.toString()).then(function (body) {
    var rows = body.data;
    totals(rows, by);
    legend(document.getElementById("quad-legend"));
    if (!rows.length) { ED.problem("No events match these filters."); return; }
    quadChart(document.getElementById("quad-chart"), rows);
    typeChart(document.getElementById("type-chart"), rows);
  }).catch(function (error) { ED.problem(error.message); });
})();
