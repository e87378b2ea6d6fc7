// The dyad network: actors as nodes, canonical events as edges coloured by cooperation or
// conflict. The layout is a plain force-directed one (repulsion between every pair, springs
// along edges), from fixed starting points, so the same data always gives the same picture.
"use strict";
(function () {
  var ITERATIONS = 300;

  function layout(nodes, edges, W, H) {
    var n = nodes.length, index = {};
    nodes.forEach(function (node, i) {
      index[node.id] = i;
      var angle = 2 * Math.PI * i / Math.max(1, n);
      node.x = W / 2 + Math.cos(angle) * W / 3;
      node.y = H / 2 + Math.sin(angle) * H / 3;
    });
    var k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6, heat = W / 8;
    for (var step = 0; step < ITERATIONS; step++) {
      var dx = new Array(n).fill(0), dy = new Array(n).fill(0);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var ux = nodes[i].x - nodes[j].x, uy = nodes[i].y - nodes[j].y;
          var d = Math.max(1, Math.sqrt(ux * ux + uy * uy));
          if (d > 3 * k) { continue; }
          var push = k * k / d;
          dx[i] += ux / d * push; dy[i] += uy / d * push;
          dx[j] -= ux / d * push; dy[j] -= uy / d * push;
        }
      }
      edges.forEach(function (edge) {
        var a = index[edge.source], b = index[edge.target];
        var ux = nodes[a].x - nodes[b].x, uy = nodes[a].y - nodes[b].y;
        var d = Math.max(1, Math.sqrt(ux * ux + uy * uy)), pull = d * d / k;
        dx[a] -= ux / d * pull; dy[a] -= uy / d * pull;
        dx[b] += ux / d * pull; dy[b] += uy / d * pull;
      });
      for (var m = 0; m < n; m++) {
        var len = Math.max(1, Math.sqrt(dx[m] * dx[m] + dy[m] * dy[m]));
        nodes[m].x += dx[m] / len * Math.min(len, heat);
        nodes[m].y += dy[m] / len * Math.min(len, heat);
        // a weak pull to the centre keeps separate groups on the canvas
        nodes[m].x += (W / 2 - nodes[m].x) * 0.04;
        nodes[m].y += (H / 2 - nodes[m].y) * 0.04;
      }
      heat *= 0.985;
    }
    fit(nodes, W, H, 40);
    return index;
  }

  function fit(nodes, W, H, pad) {
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    nodes.forEach(function (n) {
      n.x = pad + (x1 > x0 ? (n.x - x0) / (x1 - x0) : 0.5) * (W - 2 * pad);
      n.y = pad + (y1 > y0 ? (n.y - y0) / (y1 - y0) : 0.5) * (H - 2 * pad);
    });
  }

  function tone(edge) {
    if (edge.cooperation > edge.conflict) { return "coop"; }
    if (edge.conflict > edge.cooperation) { return "conflict"; }
    return "mixed";
  }

  function draw(container, data) {
    var W = ED.width(container), H = Math.max(420, Math.round(W * 0.6));
    var svg = ED.svg(container, W, H, "Network of actors: who acted on whom");
    var defs = ED.el("defs", {}, svg);
    ["coop", "conflict", "mixed"].forEach(function (t) {
      var marker = ED.el("marker", {id: "arrow-" + t, viewBox: "0 0 10 10", refX: 10, refY: 5,
                                    markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse",
                                    orient: "auto"}, defs);
      ED.el("path", {d: "M0,0 L10,5 L0,10 z", class: "arrow " + t}, marker);
    });
    var nodes = data.nodes, index = layout(nodes, data.edges, W, H);
    var top = Math.max.apply(null, data.edges.map(function (e) { return e.events; }).concat([1]));
    var radius = function (node) { return 5 + 14 * Math.sqrt(node.events / Math.max(1, nodes[0].events)); };
    var edgeLayer = ED.el("g", {class: "edges"}, svg);
    data.edges.forEach(function (edge) {
      var a = nodes[index[edge.source]], b = nodes[index[edge.target]];
      var ux = b.x - a.x, uy = b.y - a.y, d = Math.max(1, Math.sqrt(ux * ux + uy * uy));
      var rb = radius(b) + 2, t = tone(edge);
      var ex = b.x - ux / d * rb, ey = b.y - uy / d * rb;
      // directed edges bow to their right, so that A->B and B->A do not hide each other
      var bow = edge.directed ? 0.12 : 0, cx = (a.x + ex) / 2 - uy * bow, cy = (a.y + ey) / 2 + ux * bow;
      var line = ED.el("path", {d: "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + " Q" + cx.toFixed(1) +
                                "," + cy.toFixed(1) + " " + ex.toFixed(1) + "," + ey.toFixed(1),
                                class: "edge " + t, "stroke-width": (1 + 5 * edge.events / top).toFixed(1)},
                       edgeLayer);
      if (edge.directed) { line.setAttribute("marker-end", "url(#arrow-" + t + ")"); }
      ED.el("title", {}, line, edge.source + (edge.directed ? " → " : " – ") + edge.target + ": " +
            edge.events + " events (" + edge.cooperation + " cooperation, " + edge.conflict +
            " conflict), mean Goldstein " + edge.goldstein_mean);
    });
    var nodeLayer = ED.el("g", {class: "nodes"}, svg);
    nodes.forEach(function (node) {
      var a = ED.link(nodeLayer, ED.eventsHref({actor: node.id}),
                      node.id + ": " + node.events + " events");
      ED.el("circle", {cx: node.x, cy: node.y, r: radius(node).toFixed(1),
                       class: "node " + tone(node)}, a);
      ED.el("text", {x: node.x, y: node.y - radius(node) - 4, class: "label"}, a, node.id);
    });
  }

  var query = ED.filterQuery();
  query.set("limit", "80");
  ED.getJSON("/api/v1/dyads?" + query.toString()).then(function (data) {
    if (!data.edges.length) { ED.problem("No events between two actors match these filters."); return; }
    draw(document.getElementById("network"), data);
  }).catch(function (error) { ED.problem(error.message); });
})();
