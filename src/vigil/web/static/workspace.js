/* Workspace keyboard shortcuts and the report map. Every action also works without this file. */
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) { return; }
    var links = Array.prototype.slice.call(document.querySelectorAll("a.row-link"));
    if (!links.length || (ev.key !== "j" && ev.key !== "k")) { return; }
    var i = links.indexOf(document.activeElement);
    i = ev.key === "j" ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
    links[i].focus();
    ev.preventDefault();
  });
  var holder = document.getElementById("map");
  var data = document.getElementById("map-data");
  if (holder && data && window.L) {
    var d = JSON.parse(data.textContent);
    var map = window.L.map(holder, { attributionControl: false });
    var bounds = null;
    if (d.force) {
      var layer = window.L.geoJSON(d.force, { style: { color: "#1d70b8", weight: 2, fillOpacity: 0.08 } }).addTo(map);
      bounds = layer.getBounds();
    }
    if (d.point) {
      window.L.circleMarker(d.point, { radius: 8, color: "#d4351c" }).addTo(map);
      if (!bounds) { map.setView(d.point, 12); }
    }
    (d.points || []).forEach(function (p) {
      window.L.circleMarker(p.point, { radius: 6, color: "#d4351c" }).addTo(map);
    });
    if (d.points && d.points.length && !bounds) { map.fitBounds(d.points.map(function (p) { return p.point; })); }
    if (bounds) { map.fitBounds(bounds); }
  }
}());
