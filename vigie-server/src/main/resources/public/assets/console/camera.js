// The zone and line editor: shapes in normalised image coordinates, drawn in an SVG laid over the snapshot.
'use strict';
(() => {
  const tools = document.getElementById('tools');
  const camera = tools.dataset.camera;
  const editable = tools.dataset.editable === 'true';
  const svg = document.getElementById('overlay');
  const list = document.getElementById('shapes');
  const NS = 'http://www.w3.org/2000/svg';
  let shapes = [];       // {type: 'zone', name, kind, points: [[x, y]]} | {type: 'line', name, a, b, allowed}
  let selected = -1;
  let tool = 'select';
  let draft = null;      // points of the shape being drawn
  let drag = null;       // {shape, handle (index or 'a'/'b' or null for the whole shape), from: [x, y], orig}

  const clamp = v => Math.min(1, Math.max(0, v));
  function at(e) {
    const r = svg.getBoundingClientRect();
    return [clamp((e.clientX - r.left) / r.width), clamp((e.clientY - r.top) / r.height)];
  }
  function uniqueName(prefix) {
    for (let i = 1; ; i++) if (!shapes.some(s => s.name === prefix + '-' + i)) return prefix + '-' + i;
  }
  function el(name, attrs, parent) {
    const n = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    (parent || svg).appendChild(n);
    return n;
  }
  function handle(x, y, shapeIndex, which) {
    const r = svg.getBoundingClientRect();
    const h = el('ellipse', {cx: x, cy: y, rx: 6 / Math.max(r.width, 1), ry: 6 / Math.max(r.height, 1), class: 'handle'});
    h.addEventListener('pointerdown', e => startDrag(e, shapeIndex, which));
  }

  function draw() {
    svg.replaceChildren();
    shapes.forEach((s, i) => {
      const cls = (s.type === 'zone' ? 'zone kind-' + s.kind : 'line') + (i === selected ? ' selected' : '');
      const node = s.type === 'zone'
        ? el('polygon', {points: s.points.map(p => p.join(',')).join(' '), class: cls, 'data-name': s.name})
        : el('line', {x1: s.a[0], y1: s.a[1], x2: s.b[0], y2: s.b[1], class: cls, 'data-name': s.name});
      node.addEventListener('pointerdown', e => { if (tool === 'select') { selected = i; startDrag(e, i, null); } });
      if (i === selected && editable) {
        if (s.type === 'zone') s.points.forEach((p, j) => handle(p[0], p[1], i, j));
        else { handle(s.a[0], s.a[1], i, 'a'); handle(s.b[0], s.b[1], i, 'b'); }
      }
    });
    if (draft && draft.length) {
      el(tool === 'line' ? 'polyline' : 'polyline', {points: draft.map(p => p.join(',')).join(' '), class: 'draft'});
    }
    list.replaceChildren(...shapes.map((s, i) => {
      const li = document.createElement('li');
      li.className = i === selected ? 'selected' : '';
      const name = document.createElement('input');
      name.value = s.name; name.disabled = !editable; name.maxLength = 64;
      name.addEventListener('change', () => { s.name = name.value.trim() || s.name; draw(); });
      li.append(name, ' ' + (s.type === 'zone' ? s.kind + ' · ' + s.points.length + ' pts' : s.allowed));
      li.addEventListener('click', () => { selected = i; draw(); });
      return li;
    }));
  }

  function startDrag(e, shapeIndex, which) {
    if (!editable || tool !== 'select') return;
    e.preventDefault(); e.stopPropagation();
    selected = shapeIndex;
    drag = {shape: shapes[shapeIndex], handle: which, from: at(e), orig: JSON.parse(JSON.stringify(shapes[shapeIndex]))};
    svg.setPointerCapture(e.pointerId);
    draw();
  }
  svg.addEventListener('pointermove', e => {
    if (!drag) return;
    const p = at(e), s = drag.shape, o = drag.orig;
    if (drag.handle === null) {
      const dx = p[0] - drag.from[0], dy = p[1] - drag.from[1];
      const move = q => [clamp(q[0] + dx), clamp(q[1] + dy)];
      if (s.type === 'zone') s.points = o.points.map(move); else { s.a = move(o.a); s.b = move(o.b); }
    } else if (s.type === 'zone') s.points[drag.handle] = p;
    else s[drag.handle] = p;
    draw();
  });
  svg.addEventListener('pointerup', () => { drag = null; });

  svg.addEventListener('click', e => {
    if (!editable || tool === 'select') return;
    draft = draft || [];
    draft.push(at(e));
    if (tool === 'line' && draft.length === 2) finish(); else draw();
  });
  svg.addEventListener('dblclick', e => { if (tool === 'polygon') { e.preventDefault(); finish(); } });

  function finish() {
    if (tool === 'polygon' && draft && draft.length >= 3) {
      shapes.push({type: 'zone', name: uniqueName(document.getElementById('zone-kind').value),
        kind: document.getElementById('zone-kind').value, points: draft});
      selected = shapes.length - 1;
    } else if (tool === 'line' && draft && draft.length === 2 && (draft[0][0] !== draft[1][0] || draft[0][1] !== draft[1][1])) {
      shapes.push({type: 'line', name: uniqueName('line'), a: draft[0], b: draft[1],
        allowed: document.getElementById('line-direction').value});
      selected = shapes.length - 1;
    }
    draft = null;
    draw();
  }

  function setTool(t) {
    finish();
    tool = t;
    tools.querySelectorAll('button[data-tool]').forEach(b => b.classList.toggle('on', b.dataset.tool === t));
    svg.classList.toggle('drawing', t !== 'select');
  }

  function fromLayout(layout) {
    shapes = layout.zones.map(z => ({type: 'zone', name: z.name, kind: z.kind, points: z.points}))
      .concat(layout.lines.map(l => ({type: 'line', name: l.name, a: l.a, b: l.b, allowed: l.allowed})));
    selected = -1;
    draw();
  }
  function toLayout() {
    return {zones: shapes.filter(s => s.type === 'zone').map(s => ({name: s.name, kind: s.kind, points: s.points})),
      lines: shapes.filter(s => s.type === 'line').map(s => ({name: s.name, a: s.a, b: s.b, allowed: s.allowed}))};
  }

  if (editable) {
    tools.querySelectorAll('button[data-tool]').forEach(b => b.addEventListener('click', () => setTool(b.dataset.tool)));
    document.getElementById('finish').addEventListener('click', finish);
    document.getElementById('delete').addEventListener('click', () => {
      if (selected >= 0) { shapes.splice(selected, 1); selected = -1; draw(); }
    });
    document.getElementById('save').addEventListener('click', async () => {
      finish();
      try {
        const saved = await Vigie.call('PUT', `/api/v1/cameras/${encodeURIComponent(camera)}/layout`, toLayout());
        fromLayout(saved);
        // Applied to the running camera either way; say so when a restart would undo it.
        if (saved.persisted === false) Vigie.flash(tools.dataset.notKept, true);
        else Vigie.flash(tools.dataset.saved);
        svg.dataset.saved = String(Date.now());
      } catch (e) { Vigie.failed(e); }
    });
    document.addEventListener('keydown', e => {
      if (e.target.closest('input, textarea, select')) return;
      if (e.key === 'Enter') finish();
      if (e.key === 'Escape') { draft = null; draw(); }
      if ((e.key === 'Delete' || e.key === 'Backspace') && selected >= 0) { shapes.splice(selected, 1); selected = -1; draw(); }
    });
  }
  window.addEventListener('resize', draw);
  Vigie.call('GET', `/api/v1/cameras/${encodeURIComponent(camera)}/layout`).then(fromLayout).catch(Vigie.failed);
})();
