// The citizen report page: a GeoReport v2 client of this server's own /open311/v2.
// It posts with the web form key it fetches from /open311/web-form: a public key that opens or closes this
// page (see Open311Routes for why a public form cannot hold a secret). Nothing about the person is sent.
'use strict';

const params = new URLSearchParams(location.search);
const form = document.getElementById('report');
const result = document.getElementById('result');
let config = null;
let services = [];
let marker = null;

const map = L.map('map').setView([43.2965, 5.3698], 12);
// Tiles are optional, as in the console: the district layer works offline. Pass ?tiles=URL when online.
if (params.get('tiles')) {
  L.tileLayer(params.get('tiles'), { maxZoom: 19, attribution: '© OpenStreetMap contributors' }).addTo(map);
}

function text(tag, value, className) {
  const e = document.createElement(tag);
  e.textContent = value;
  if (className) e.className = className;
  return e;
}

async function json(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json();
  if (!r.ok) throw new Error(Array.isArray(body) ? body.map(e => e.description).join('; ') : r.statusText);
  return body;
}

function place(latlng) {
  if (!marker) {
    marker = L.marker(latlng, { draggable: true, keyboard: true, title: 'The problem is here' }).addTo(map);
    marker.on('dragend', () => show(marker.getLatLng()));
  } else {
    marker.setLatLng(latlng);
  }
  show(latlng);
}

function show(ll) {
  document.getElementById('position').textContent = 'Chosen: ' + ll.lat.toFixed(5) + ', ' + ll.lng.toFixed(5);
}

map.on('click', e => place(e.latlng));
document.getElementById('locate').addEventListener('click', () => {
  // Used once to place the pin, like a click on the map; the position is sent only as the problem's place.
  navigator.geolocation?.getCurrentPosition(p => {
    const ll = L.latLng(p.coords.latitude, p.coords.longitude);
    place(ll);
    map.setView(ll, 17);
  }, () => { document.getElementById('position').textContent = 'Your position is not available; click the map.'; });
});

async function loadZones() {
  try {
    const zones = await json('/api/v1/zones');
    const layer = L.geoJSON(zones, { style: { color: '#51607a', weight: 1, fillOpacity: 0.05 }, interactive: false }).addTo(map);
    map.fitBounds(layer.getBounds());
  } catch (e) {
    const b = config.bounds; // [minLon, minLat, maxLon, maxLat]
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  }
}

async function showService() {
  const s = services.find(x => x.service_code === document.getElementById('service').value);
  document.getElementById('service-description').textContent = s?.description || '';
  document.getElementById('service-notice').textContent = '';
  const questions = document.getElementById('questions');
  questions.replaceChildren();
  if (!s || !s.metadata) return;
  const def = await json(config.base + '/services/' + encodeURIComponent(s.service_code) + '.json');
  def.attributes.filter(a => a.variable).sort((a, b) => (a.order ?? 99) - (b.order ?? 99)).forEach(a => {
    const id = 'attr-' + a.code;
    const label = text('label', a.description + (a.required ? '' : ' (optional)'));
    label.htmlFor = id;
    let input;
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
      input = document.createElement('select');
      input.multiple = a.datatype === 'multivaluelist';
      if (!input.multiple) {
        const none = text('option', '—');
        none.value = '';
        input.append(none);
      }
      a.values.forEach(v => { const o = text('option', v.name); o.value = v.key; input.append(o); });
    } else {
      input = document.createElement(a.datatype === 'text' ? 'textarea' : 'input');
      if (input.tagName === 'INPUT') input.type = 'text';
    }
    input.id = id;
    input.dataset.code = a.code;
    input.dataset.multi = a.datatype === 'multivaluelist';
    questions.append(label, input);
    if (a.datatype_description) questions.append(text('p', a.datatype_description, 'hint'));
  });
}

form.addEventListener('submit', async ev => {
  ev.preventDefault();
  result.hidden = true;
  const body = new URLSearchParams();
  body.set('api_key', config.api_key);
  if (config.jurisdiction_id) body.set('jurisdiction_id', config.jurisdiction_id);
  body.set('service_code', document.getElementById('service').value);
  if (marker) {
    body.set('lat', marker.getLatLng().lat.toFixed(6));
    body.set('long', marker.getLatLng().lng.toFixed(6));
  }
  for (const name of ['address_string', 'description', 'media_url']) {
    const v = form.elements[name].value.trim();
    if (v) body.set(name, v);
  }
  document.querySelectorAll('#questions [data-code]').forEach(input => {
    if (input.dataset.multi === 'true') {
      [...input.selectedOptions].forEach(o => body.append('attribute[' + input.dataset.code + '][]', o.value));
    } else if (input.value.trim()) {
      body.set('attribute[' + input.dataset.code + ']', input.value.trim());
    }
  });
  const send = document.getElementById('send');
  send.disabled = true;
  try {
    const r = await fetch(config.base + '/requests.json', { method: 'POST', body });
    const answer = await r.json();
    result.replaceChildren();
    if (r.ok) {
      const created = answer[0];
      result.className = 'ok';
      result.append(text('p', 'Thank you. Your report has been received.'));
      const id = text('p', 'Report number: ');
      id.append(text('code', created.service_request_id));
      const token = text('p', 'Follow-up code: ');
      token.append(text('code', created.token));
      const follow = document.createElement('a');
      follow.href = config.base + '/requests/' + encodeURIComponent(created.service_request_id) + '.json';
      follow.textContent = 'See where it stands';
      result.append(id, token, follow);
      if (created.service_notice) result.append(text('p', created.service_notice));
      form.reset();
      showService();
    } else {
      result.className = 'error';
      result.append(text('p', 'The report could not be sent:'));
      const list = document.createElement('ul');
      (Array.isArray(answer) ? answer : [{ description: r.statusText }]).forEach(e => list.append(text('li', e.description)));
      result.append(list);
    }
  } catch (e) {
    result.className = 'error';
    result.replaceChildren(text('p', 'The report could not be sent: ' + e.message));
  } finally {
    result.hidden = false;
    send.disabled = false;
  }
});

document.getElementById('service').addEventListener('change', () => {
  showService().catch(e => { document.getElementById('service-notice').textContent = e.message; });
  const s = services.find(x => x.service_code === document.getElementById('service').value);
  if (s) document.title = 'Report: ' + s.service_name;
});

(async () => {
  config = await json('/open311/web-form');
  if (!config.open) {
    document.getElementById('closed').hidden = false;
    return;
  }
  services = await json(config.base + '/services.json');
  const select = document.getElementById('service');
  services.forEach(s => { const o = text('option', s.service_name); o.value = s.service_code; select.append(o); });
  form.hidden = false;
  map.invalidateSize();
  await loadZones();
  await showService();
})().catch(e => {
  result.className = 'error';
  result.hidden = false;
  result.textContent = 'This page could not load: ' + e.message;
});
