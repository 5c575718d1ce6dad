// Search results on a map (the district layer works offline).
'use strict';
(async () => {
  const el = document.getElementById('search-map');
  if (!el) return;
  const {map} = await Clusters.baseMap(el, '', '');
  const hits = Array.from(document.querySelectorAll('tr.hit')).map(tr => ({lat: Number(tr.dataset.lat),
    lon: Number(tr.dataset.lon), label: tr.dataset.label}));
  Clusters.layer(map, hits, '#1e88e5', 'hit').addTo(map);
})().catch(e => Vigie.failed(e));
