// The map: country outlines (Natural Earth, shipped as static/world.json) shaded by events
// located in each country, and circles at event places. Equirectangular projection.
"use strict";
(function () {
  var LAT_TOP = 84, LAT_BOTTOM = -58;

  function projector(W, H) {
    return function (lon, lat) {
      return [(lon + 180) / 360 * W, (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * H];
    };
  }

  function ringPath(ring, project) {
    var parts = [];
    for (var i = 0; i < ring.length; i += 2) {
      var p = project(ring[i] / 10, ring[i + 1] / 10);
      parts.push((i === 0 ? "M" : "L") + p[0].toFixed(1) + "," + p[1].toFixed(1));
    }
    return parts.join("") + "Z";
  }

  function shade(count, top) {
    if (!count) { return "none"; }
    return "s" + Math.min(4, 1 + Math.floor(4 * Math.log(1 + count) / Math.log(1 + top)));
  }

  function draw(container, world, places) {
    var W = ED.width(container, 640), H = Math.round(W * (LAT_TOP - LAT_BOTTOM) / 360);
    var svg = ED.svg(container, W, H, "Map of event locations");
    var project = projector(W, H);
    var clip = ED.el("clipPath", {id: "map-clip"}, ED.el("defs", {}, svg));
    ED.el("rect", {x: 0, y: 0, width: W, height: H}, clip);
    var land = ED.el("g", {class: "countries", "clip-path": "url(#map-clip)"}, svg);
    var counts = places.countries || {};
    var top = Math.max.apply(null, Object.values(counts).concat([1]));
    world.countries.forEach(function (country) {
      var n = counts[country.id] || 0;
      var d = country.rings.map(function (r) { return ringPath(r, project); }).join("");
      var parent = n ? ED.link(land, ED.eventsHref({country: country.id}),
                               country.name + ": " + n + " events") : land;
      var path = ED.el("path", {d: d, class: "country " + shade(n, top),
                                "data-id": country.id || ""}, parent);
      if (!n) { ED.el("title", {}, path, country.name); }
    });
    var dots = ED.el("g", {class: "places"}, svg);
    var most = Math.max.apply(null, places.features.map(function (f) { return f.properties.events; }).concat([1]));
    places.features.forEach(function (feature) {
      var c = feature.geometry.coordinates, props = feature.properties;
      var p = project(c[0], c[1]);
      var tone = props.conflict > props.cooperation ? "conflict" : (props.cooperation > props.conflict ? "coop" : "mixed");
      var a = ED.link(dots, ED.eventsHref(props.country ? {country: props.country} : {}),
                      props.name + (props.country ? ", " + props.country : "") + ": " +
                      props.events + " events");
      ED.el("circle", {cx: p[0].toFixed(1), cy: p[1].toFixed(1),
                       r: (3 + 9 * Math.sqrt(props.events / most)).toFixed(1),
                       class: "place " + tone}, a);
    });
    document.getElementById("map-summary").textContent = places.features.length + " places, " +
      Object.keys(counts).length + " countries; " + places.unlocated + " events without a place.";
  }

  var query = ED.filterQuery();
  Promise.all([ED.getJSON("/static/world.json"), ED.getJSON("/api/v1/places?" + query.toString())])
    .then(function (both) { draw(document.getElementById("map"), both[0], both[1]); })
    .catch(function (error) { ED.problem(error.message); });
})();
