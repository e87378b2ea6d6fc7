// eventdesk dashboard: small helpers shared by the charts (no third-party code, no network
// access beyond this server).
"use strict";
var ED = (function () {
  var NS = "http://www.w3.org/2000/svg";
  var QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation",
                    3: "verbal conflict", 4: "material conflict"};

  function el(tag, attrs, parent, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function svg(container, width, height, label) {
    container.textContent = "";
    return el("svg", {width: width, height: height, viewBox: "0 0 " + width + " " + height,
                      role: "img", "aria-label": label}, container);
  }

  function link(parent, href, title) {
    var a = el("a", {href: href}, parent);
    if (title) { el("title", {}, a, title); }
    return a;
  }

  // The filter form's values as a query string (empty fields left out); `skip` drops names.
  function filterQuery(skip) {
    var form = document.querySelector("form.filters");
    var params = new URLSearchParams();
    if (!form) { return params; }
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "" && (!skip || skip.indexOf(name) < 0)) {
        params.append(name, String(value).trim());
      }
    });
    return params;
  }

  function problem(message) {
    var box = document.getElementById("problem");
    if (box) { box.textContent = message; box.hidden = !message; }
  }

  function getJSON(url) {
    return fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            throw new Error(body.error ? body.error.message : "HTTP " + response.status);
          }
          return body;
        });
      });
  }

  // The events page for the current filters narrowed by `extra` (dates only ever narrow).
  function eventsHref(extra) {
    var params = filterQuery(["by", "level"]);
    Object.keys(extra).forEach(function (key) {
      var given = params.get(key), value = extra[key];
      if (key === "since" && given && given > value) { value = given; }
      if (key === "until" && given && given < value) { value = given; }
      params.set(key, value);
    });
    return "/events?" + params.toString();
  }

  function width(container, least) {
    return Math.max(least || 600, Math.floor(container.getBoundingClientRect().width));
  }

  return {el: el, svg: svg, link: link, filterQuery: filterQuery, problem: problem,
          getJSON: getJSON, eventsHref: eventsHref, width: width, QUAD_NAMES: QUAD_NAMES};
})();
