// The public transparency page: everything comes from /api/v1/transparency/figures, already suppressed by the
// server; this script only draws it. Suppressed values arrive as the mask text ("< 5") and stay text.
(function () {
  'use strict';
  const monthSelect = document.getElementById('month');
  const charts = {};
  let map = null;
  let districtLayer = null;

  function lastMonths(n) {
    const out = [];
    const d = new Date();
    d.setUTCDate(1);
    for (let i = 1; i <= n; i++) {
      const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
      out.push(m.toISOString().slice(0, 7));
    }
    return out;
  }

  function cell(v) {
    if (v === null || v === undefined) return '–';
    if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(3);
    return String(v);
  }

  function renderTable(id, table) {
    const el = document.getElementById(id);
    el.replaceChildren();
    const head = el.createTHead().insertRow();
    table.columns.forEach(c => { const th = document.createElement('th'); th.textContent = c.replaceAll('_', ' '); head.appendChild(th); });
    const body = el.createTBody();
    table.rows.forEach(r => {
      const tr = body.insertRow();
      r.forEach(v => { const td = tr.insertCell(); td.textContent = cell(v); if (typeof v === 'string') td.className = 'text'; });
    });
  }

  function column(table, name) {
    return table.columns.indexOf(name);
  }

  function numeric(v) {
    return typeof v === 'number' ? v : null;
  }

  function drawChart(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart(document.getElementById(id), config);
  }

  function precisionChart(id, rows, table, title) {
    const key = column(table, 'key');
    const p = column(table, 'precision');
    const lo = column(table, 'precision_low');
    const hi = column(table, 'precision_high');
    drawChart(id, {
      type: 'bar',
      data: {
        labels: rows.map(r => r[key]),
        datasets: [
          { label: 'precision', data: rows.map(r => numeric(r[p])), backgroundColor: '#1e5bb8' },
          { label: '95 % low', data: rows.map(r => numeric(r[lo])), type: 'line', showLine: false, borderColor: '#8a94a6' },
          { label: '95 % high', data: rows.map(r => numeric(r[hi])), type: 'line', showLine: false, borderColor: '#8a94a6' }
        ]
      },
      options: { plugins: { title: { display: true, text: title } }, scales: { y: { min: 0, max: 1 } } }
    });
  }

  function colour(value, max) {
    if (value === null || !(max > 0)) return '#c9ced6';
    const t = Math.min(1, value / max);
    const r = Math.round(240 - t * 200), g = Math.round(240 - t * 150), b = Math.round(255 - t * 60);
    return 'rgb(' + r + ',' + g + ',' + b + ')';
  }

  async function drawMap(coverage) {
    const code = column(coverage, 'code');
    const density = column(coverage, 'cameras_per_10k');
    const byCode = {};
    coverage.rows.forEach(r => { byCode[r[code]] = r; });
    const values = coverage.rows.map(r => numeric(r[density])).filter(v => v !== null);
    const max = values.length ? Math.max(...values) : 0;
    if (!map) {
      map = L.map('map');
      L.control.scale().addTo(map);
    }
    const zones = await (await fetch('/api/v1/transparency/districts.geojson')).json();
    if (districtLayer) districtLayer.remove();
    districtLayer = L.geoJSON(zones, {
      style: f => {
        const row = byCode[f.properties.code];
        return { color: '#142033', weight: 1, fillOpacity: 0.8, fillColor: colour(row ? numeric(row[density]) : null, max) };
      },
      onEachFeature: (f, layer) => {
        const row = byCode[f.properties.code];
        layer.bindTooltip((f.properties.name || f.properties.code) + ': ' + (row ? cell(row[density]) : '–') + ' cameras per 10,000 inhabitants');
      }
    }).addTo(map);
    map.fitBounds(districtLayer.getBounds());
  }

  async function load(month) {
    const error = document.getElementById('error');
    error.style.display = 'none';
    const res = await fetch('/api/v1/transparency/figures?month=' + encodeURIComponent(month));
    const body = await res.json();
    if (!res.ok) {
      error.textContent = body.title + ': ' + (body.details || []).map(d => d.message).join('; ');
      error.style.display = 'block';
      return;
    }
    document.getElementById('k').textContent = body.k;
    document.getElementById('mask').textContent = body.mask;
    document.querySelectorAll('a.csv').forEach(a => { a.href = '/api/v1/transparency/' + a.dataset.table + '.csv?month=' + month; });
    const t = body.tables;
    ['quality', 'shares', 'dismissal_causes', 'evaluations', 'coverage', 'costs'].forEach(name => renderTable(name, t[name]));
    const group = column(t.quality, 'group');
    precisionChart('precisionByType', t.quality.rows.filter(r => r[group] === 'type'), t.quality, 'Precision by incident type');
    precisionChart('precisionByWeek', t.quality.rows.filter(r => r[group] === 'week'), t.quality, 'Precision by week');
    document.getElementById('giniPopulation').textContent = cell(body.equity.giniCamerasPopulation);
    document.getElementById('giniIncidents').textContent = cell(body.equity.giniCamerasIncidents);
    const curve = body.equity.lorenzCamerasPopulation;
    drawChart('lorenz', {
      type: 'line',
      data: { datasets: [
        { label: 'cameras against population (Lorenz)', data: curve.map(p => ({ x: p.populationShare, y: p.cameraShare })), borderColor: '#1e5bb8' },
        { label: 'equal share', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: '#8a94a6', borderDash: [4, 4] }
      ] },
      options: { parsing: false, scales: { x: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'share of inhabitants' } },
        y: { min: 0, max: 1, title: { display: true, text: 'share of cameras' } } } }
    });
    await drawMap(t.coverage);
  }

  lastMonths(24).forEach(m => { const o = document.createElement('option'); o.value = m; o.textContent = m; monthSelect.appendChild(o); });
  monthSelect.addEventListener('change', () => load(monthSelect.value));
  load(monthSelect.value);
})();
