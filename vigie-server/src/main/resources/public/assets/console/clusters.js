// Grid clustering for Leaflet without a plugin: points closer than a cell on screen become one counted marker.
'use strict';
const Clusters = (() => {
  const CELL_PX = 56;
  const CLUSTER_BELOW_ZOOM = 16;

  /** A layer of points ({lat, lon, label, href, color}) of one kind that regroups itself on every zoom. */
  function layer(map, points, color, kind) {
    const group = L.layerGroup();
    function redraw() {
      group.clearLayers();
      const zoom = map.getZoom();
      const cells = new Map();
      for (const p of points) {
        const px = map.project([p.lat, p.lon], zoom);
        const key = zoom >= CLUSTER_BELOW_ZOOM ? p.lat + ',' + p.lon : Math.floor(px.x / CELL_PX) + ':' + Math.floor(px.y / CELL_PX);
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key).push(p);
      }
      for (const members of cells.values()) {
        if (members.length === 1) {
          const p = members[0];
          const m = L.circleMarker([p.lat, p.lon], {radius: 7, color: p.color || color, weight: 2, fillOpacity: .7,
            className: 'marker-' + kind});
          m.bindPopup(p.href ? `<a href="${p.href}">${escape(p.label)}</a>` : escape(p.label));
          group.addLayer(m);
        } else {
          const lat = members.reduce((s, p) => s + p.lat, 0) / members.length;
          const lon = members.reduce((s, p) => s + p.lon, 0) / members.length;
          const icon = L.divIcon({className: 'cluster cluster-' + kind, html: `<span style="background:${color}">${members.length}</span>`,
            iconSize: [32, 32]});
          const m = L.marker([lat, lon], {icon});
          m.on('click', () => map.setView([lat, lon], Math.min(zoom + 2, 18)));
          group.addLayer(m);
        }
      }
    }
    map.on('zoomend', redraw);
    redraw();
    return group;
  }

  function escape(s) {
    return String(s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  }

  /** A map with the district layer (offline) under an optional tile layer. */
  async function baseMap(element, tiles, attribution) {
    const map = L.map(element).setView([43.2965, 5.3698], 12);
    if (tiles) L.tileLayer(tiles, {maxZoom: 19, attribution}).addTo(map);
    const zones = await fetch('/api/v1/zones').then(r => r.json());
    const districts = L.geoJSON(zones, {style: {color: '#51607a', weight: 1, fillOpacity: tiles ? 0.03 : 0.12}}).addTo(map);
    if (districts.getBounds().isValid()) map.fitBounds(districts.getBounds());
    return {map, districts};
  }

  return {layer, baseMap, escape};
})();
