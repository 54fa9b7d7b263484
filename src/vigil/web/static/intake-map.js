// Progressive enhancement for the "where" page: a Leaflet map of the force areas (no tile
// server) that fills in the latitude and longitude fields. Without JavaScript the fields work alone.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var lat = document.getElementById("latitude");
  var lon = document.getElementById("longitude");
  el.hidden = false;
  var map = L.map(el, { attributionControl: false, keyboard: true }).setView([54.5, -2.5], 5);
  var marker = null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else {
      marker = L.circleMarker(latlng, { radius: 8, color: "#d4351c", weight: 3 }).addTo(map);
    }
  }
  if (lat.value && lon.value) { place([parseFloat(lat.value), parseFloat(lon.value)]); }
  fetch(el.getAttribute("data-areas"), { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data) { return; }
      L.geoJSON(data, { style: { color: "#1d70b8", weight: 1, fillOpacity: 0.08 } }).addTo(map);
    })
    .catch(function () { /* the fields still work */ });
  map.on("click", function (e) {
    lat.value = e.latlng.lat.toFixed(5);
    lon.value = e.latlng.lng.toFixed(5);
    place(e.latlng);
  });
})();
