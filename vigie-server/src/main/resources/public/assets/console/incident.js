// One incident: verdicts, procedure steps, the timeline around it, and audio drawn as a waveform.
'use strict';
(() => {
  const section = document.getElementById('incident');
  const id = section.dataset.id;

  async function act(target) {
    if (document.body.dataset.mayDecide !== 'true') return;
    let extra = {};
    if (target === 'dismissed') {
      extra = await Vigie.askDismissal();
      if (!extra) return;
    }
    try {
      await Vigie.decide(id, section.dataset.version, section.dataset.status, target, extra);
      location.reload(); // the page shows the verdict and the history as stored
    } catch (e) {
      if (e.status === 409) { Vigie.flash(document.body.dataset.msgStale, true); setTimeout(() => location.reload(), 1500); }
      else Vigie.failed(e);
    }
  }
  document.querySelectorAll('.actions button[data-action]').forEach(b =>
    b.addEventListener('click', () => act(b.dataset.action)));
  document.addEventListener('keydown', e => {
    if (e.target.closest('input, textarea, select, dialog') || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = {a: 'acknowledged', c: 'confirmed', d: 'dismissed'}[e.key];
    if (target) { e.preventDefault(); act(target); }
  });

  document.querySelectorAll('button[data-step]').forEach(b => b.addEventListener('click', async () => {
    try {
      await Vigie.call('POST', `/api/v1/incidents/${id}/sop/${encodeURIComponent(b.dataset.step)}`, {by: Vigie.user()});
      location.reload();
    } catch (e) { Vigie.failed(e); }
  }));

  // Timeline: every event from every source around the incident, members marked.
  const timeline = document.getElementById('timeline');
  Vigie.call('GET', `/api/v1/incidents/${id}/timeline`).then(t => {
    const body = timeline.querySelector('tbody');
    for (const ev of t.events) {
      const tr = document.createElement('tr');
      if (ev.member) tr.className = 'member';
      for (const text of [new Date(ev.occurredAt).toLocaleString(document.body.dataset.lang),
        ev.type, ev.source.kind + '/' + ev.source.id, ev.distanceMeters + ' m', ev.member ? timeline.dataset.member : '']) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }).catch(Vigie.failed);

  // Audio: one request (one audited opening) feeds both the player and the waveform.
  document.querySelectorAll('figure.audio').forEach(async fig => {
    try {
      const r = await fetch(fig.dataset.src, {credentials: 'same-origin'});
      if (!r.ok) throw new Error(r.status + ' ' + r.statusText);
      const bytes = await r.arrayBuffer();
      fig.querySelector('audio').src = URL.createObjectURL(new Blob([bytes], {type: r.headers.get('Content-Type') || 'audio/wav'}));
      drawWaveform(fig.querySelector('canvas'), pcmOfWav(bytes));
    } catch (e) { Vigie.failed(e); }
  });

  /** The first channel of a PCM WAV (8, 16, 24 or 32-bit integer, or 32-bit float) as numbers in [-1, 1]. */
  function pcmOfWav(buffer) {
    const v = new DataView(buffer);
    const tag = (o) => String.fromCharCode(v.getUint8(o), v.getUint8(o + 1), v.getUint8(o + 2), v.getUint8(o + 3));
    if (buffer.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
    let fmt = null, data = null;
    for (let o = 12; o + 8 <= buffer.byteLength;) {
      const id = tag(o), size = v.getUint32(o + 4, true);
      if (id === 'fmt ') fmt = {format: v.getUint16(o + 8, true), channels: v.getUint16(o + 10, true), bits: v.getUint16(o + 22, true)};
      if (id === 'data') data = {offset: o + 8, size: Math.min(size, buffer.byteLength - o - 8)};
      o += 8 + size + (size & 1);
    }
    if (!fmt || !data) throw new Error('WAV without fmt or data chunk');
    const bytesPer = fmt.bits / 8, frame = bytesPer * fmt.channels, n = Math.floor(data.size / frame);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const o = data.offset + i * frame;
      if (fmt.format === 3 && fmt.bits === 32) out[i] = v.getFloat32(o, true);
      else if (fmt.bits === 16) out[i] = v.getInt16(o, true) / 32768;
      else if (fmt.bits === 8) out[i] = (v.getUint8(o) - 128) / 128;
      else if (fmt.bits === 24) out[i] = ((v.getUint8(o) | v.getUint8(o + 1) << 8 | v.getInt8(o + 2) << 16)) / 8388608;
      else if (fmt.bits === 32) out[i] = v.getInt32(o, true) / 2147483648;
    }
    return out;
  }

  /** Min and max of the samples under each pixel column, so short impulses stay visible. */
  function drawWaveform(canvas, samples) {
    const g = canvas.getContext('2d'), w = canvas.width, h = canvas.height, mid = h / 2;
    g.fillStyle = '#0f1a2a'; g.fillRect(0, 0, w, h);
    g.strokeStyle = '#7fb3ff'; g.beginPath();
    const per = Math.max(1, Math.floor(samples.length / w));
    for (let x = 0; x < w; x++) {
      let lo = 1, hi = -1;
      for (let i = x * per; i < Math.min(samples.length, (x + 1) * per); i++) { lo = Math.min(lo, samples[i]); hi = Math.max(hi, samples[i]); }
      if (lo > hi) continue;
      g.moveTo(x + 0.5, mid - hi * mid); g.lineTo(x + 0.5, mid - lo * mid);
    }
    g.stroke();
    canvas.dataset.samples = String(samples.length);
  }
})();
