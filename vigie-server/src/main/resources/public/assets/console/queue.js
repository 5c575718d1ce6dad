// The live queue: rows are re-rendered by the server on every SSE change (htmx); the keyboard drives verdicts.
'use strict';
(() => {
  const rows = document.getElementById('queue-rows');
  const live = document.getElementById('live');
  let selectedId = null;

  function all() { return Array.from(rows.querySelectorAll('tr.incident')); }
  function select(tr) {
    all().forEach(r => r.classList.toggle('selected', r === tr));
    selectedId = tr ? tr.dataset.id : null;
    if (tr) tr.scrollIntoView({block: 'nearest'});
  }
  function current() { return all().find(r => r.dataset.id === selectedId) || null; }
  function move(step) {
    const list = all();
    if (!list.length) return;
    const i = list.indexOf(current());
    select(list[Math.max(0, Math.min(list.length - 1, i < 0 ? 0 : i + step))]);
  }
  function refresh() { htmx.ajax('GET', '/console/queue/rows', {target: rows, swap: 'innerHTML'}); }

  async function act(target) {
    const tr = current();
    if (!tr || document.body.dataset.mayDecide !== 'true') return;
    let extra = {};
    if (target === 'dismissed') {
      extra = await Vigie.askDismissal();
      if (!extra) return;
    }
    try {
      await Vigie.decide(tr.dataset.id, tr.dataset.version, tr.dataset.status, target, extra);
    } catch (e) {
      if (e.status === 409) Vigie.flash(document.body.dataset.msgStale, true); else Vigie.failed(e);
      refresh();
    }
    // no reload: the change comes back through the live stream and the rows are redrawn
  }

  // The selection survives every redraw; a vanished incident passes it to its neighbour.
  let lastIndex = 0;
  rows.addEventListener('htmx:beforeSwap', () => { lastIndex = Math.max(0, all().indexOf(current())); });
  rows.addEventListener('htmx:afterSwap', () => {
    const list = all();
    select(list.find(r => r.dataset.id === selectedId) || list[Math.min(lastIndex, list.length - 1)] || null);
  });
  rows.addEventListener('click', e => { const tr = e.target.closest('tr.incident'); if (tr) select(tr); });

  document.body.addEventListener('htmx:sseOpen', () => { live.classList.replace('off', 'on'); refresh(); });
  document.body.addEventListener('htmx:sseError', () => live.classList.replace('on', 'off'));

  document.addEventListener('keydown', e => {
    if (e.target.closest('input, textarea, select, dialog') || e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'a': act('acknowledged'); break;
      case 'c': act('confirmed'); break;
      case 'd': act('dismissed'); break;
      case 'Enter': if (current()) location.href = '/console/incidents/' + current().dataset.id; break;
      default: return;
    }
    e.preventDefault();
  });
  document.querySelectorAll('.actions button[data-action]').forEach(b =>
    b.addEventListener('click', () => act(b.dataset.action)));
  select(all()[0] || null);
})();
