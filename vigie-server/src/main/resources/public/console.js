// Console v0: districts, open incidents on a map and in a queue, kept current by server-sent events.
'use strict';

const OPEN = new Set(['new', 'acknowledged', 'confirmed']);
const PRIORITY_COLOURS = { 1: '#c62828', 2: '#ef6c00', 3: '#f9a825', 4: '#1e88e5', 5: '#78909c' };
const incidents = new Map();   // id -> incident JSON
const markers = new Map();     // id -> Leaflet marker

const params = new URLSearchParams(location.search);
const map = L.map('map', { preferCanvas: true }).setView([43.2965, 5.3698], 12);
// Tiles are optional: the district layer below works offline. Pass ?tiles=https://tile.openstreetmap.org/{z}/{x}/{y}.png when online.
if (params.get('tiles')) {
  L.tileLayer(params.get('tiles'), { maxZoom: 19, attribution: '© OpenStreetMap contributors' }).addTo(map);
}

function label(type) { return type.replaceAll('_', ' '); }
function ago(iso) {
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 90) return s + ' s ago';
  if (s < 5400) return Math.round(s / 60) + ' min ago';
  if (s < 172800) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

async function loadZones() {
  const zones = await (await fetch('/api/v1/zones')).json();
  const layer = L.geoJSON(zones, {
    style: { color: '#51607a', weight: 1, fillColor: '#ffffff', fillOpacity: 0.35 },
    onEachFeature: (f, l) => l.bindTooltip(f.properties.name.replace('Marseille ', ''), { permanent: false }),
  }).addTo(map);
  map.fitBounds(layer.getBounds());
  if (zones.features.some(f => f.properties.approximate)) document.getElementById('zones-note').hidden = false;
  document.getElementById('city').textContent = zones.features.length + ' districts';
}

async function loadIncidents() {
  incidents.clear();
  markers.forEach(m => m.remove());
  markers.clear();
  const body = await (await fetch('/api/v1/incidents?status=new,acknowledged,confirmed&limit=500')).json();
  body.items.forEach(i => upsert(i, false));
  render();
}

function upsert(incident, fresh) {
  const previous = incidents.get(incident.id);
  if (previous && previous.version > incident.version) return; // a late message; keep the newer state
  if (!OPEN.has(incident.status)) {
    incidents.delete(incident.id);
    markers.get(incident.id)?.remove();
    markers.delete(incident.id);
    return;
  }
  incident.fresh = fresh;
  incidents.set(incident.id, incident);
  const ll = [incident.location.lat, incident.location.lon];
  let m = markers.get(incident.id);
  if (!m) {
    m = L.circleMarker(ll).addTo(map);
    markers.set(incident.id, m);
  }
  m.setLatLng(ll).setStyle({ radius: 5 + Math.min(10, incident.eventCount * 1.5), color: '#1d2330', weight: 1,
    fillColor: PRIORITY_COLOURS[incident.priority], fillOpacity: 0.85 });
  m.bindPopup(`<b>${label(incident.type)}</b><br>priority ${incident.priority} · ${incident.status}<br>` +
    `${incident.eventCount} event(s) from ${incident.sourceCount} source(s)<br>last seen ${ago(incident.lastSeen)}`);
}

function render() {
  const list = [...incidents.values()].sort((a, b) => a.priority - b.priority || Date.parse(b.lastSeen) - Date.parse(a.lastSeen));
  const queue = document.getElementById('queue');
  queue.replaceChildren(...list.slice(0, 300).map(i => {
    const li = document.createElement('li');
    li.dataset.id = i.id;
    if (i.fresh) li.className = 'fresh';
    li.innerHTML = `<span class="prio p${i.priority}">P${i.priority}</span>` +
      `<span><span class="what"></span><br><span class="meta"></span></span><span class="status"></span>`;
    li.querySelector('.what').textContent = label(i.type);
    li.querySelector('.meta').textContent = `${i.eventCount} event(s), ${i.sourceCount} source(s) · ${ago(i.lastSeen)}`;
    li.querySelector('.status').textContent = i.status;
    li.addEventListener('click', () => { map.setView([i.location.lat, i.location.lon], 15); markers.get(i.id)?.openPopup(); });
    i.fresh = false;
    return li;
  }));
  document.getElementById('counts').textContent = `${list.length} open incident(s)`;
}

let renderPending = false;
function scheduleRender() {
  if (renderPending) return;
  renderPending = true;
  setTimeout(() => { renderPending = false; render(); }, 250);
}

function connect() {
  const live = document.getElementById('live');
  const source = new EventSource('/api/v1/incidents/stream');
  source.onopen = () => { live.className = 'live on'; };
  source.onerror = () => { live.className = 'live off'; };
  source.addEventListener('incident', e => { upsert(JSON.parse(e.data), true); scheduleRender(); });
  source.addEventListener('resync', () => loadIncidents());
}

loadZones().then(loadIncidents).then(connect);
setInterval(render, 30000); // keep the "… ago" texts honest
