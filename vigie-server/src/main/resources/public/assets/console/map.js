// The city map: districts (offline), optional tiles, and incidents, cameras and sensors grouped when zoomed out.
'use strict';
(async () => {
  const el = document.getElementById('map');
  const d = el.dataset;
  const {map, districts} = await Clusters.baseMap(el, d.tiles, d.attribution);
  const PRIORITY_COLORS = {1: '#c62828', 2: '#ef6c00', 3: '#f9a825', 4: '#1e88e5', 5: '#78909c'};
  const [incidents, cameras, sensors] = await Promise.all([
    Vigie.call('GET', '/api/v1/incidents?status=new,acknowledged,confirmed&limit=500'),
    Vigie.call('GET', '/api/v1/cameras'),
    Vigie.call('GET', '/api/v1/sensors')]);
  const layers = {};
  layers[d.districts] = districts;
  layers[d.incidents] = Clusters.layer(map, incidents.items.map(i => ({lat: i.location.lat, lon: i.location.lon,
    label: i.type + ' (P' + i.priority + ')', href: '/console/incidents/' + i.id, color: PRIORITY_COLORS[i.priority]})), '#c62828', 'incident').addTo(map);
  layers[d.cameras] = Clusters.layer(map, cameras.cameras.map(c => ({lat: c.lat, lon: c.lon, label: c.name,
    href: '/console/cameras/' + encodeURIComponent(c.id)})), '#2e7d32', 'camera').addTo(map);
  layers[d.sensors] = Clusters.layer(map, sensors.sensors.map(s => ({lat: s.lat, lon: s.lon, label: s.name})), '#6a1b9a', 'sensor').addTo(map);
  L.control.layers(null, layers, {collapsed: false}).addTo(map);
  el.dataset.ready = 'true';
})().catch(e => Vigie.failed(e));
