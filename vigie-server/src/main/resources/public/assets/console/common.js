// Shared by every console page: the session (who, CSRF token), JSON calls that send the token, a status line.
'use strict';
const Vigie = (() => {
  const CSRF_HEADER = 'X-CSRF-Token';
  let csrf = null;
  const session = fetch('/api/v1/session', {credentials: 'same-origin'})
    .then(r => r.ok ? r.json() : null)
    .then(s => { if (s && s.csrf) csrf = s.csrf; return s; })
    .catch(() => null); // no accounts in this process: no token to send

  document.addEventListener('htmx:configRequest', e => { if (csrf) e.detail.headers[CSRF_HEADER] = csrf; });

  async function call(method, url, body) {
    await session;
    const headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    if (csrf) headers[CSRF_HEADER] = csrf;
    const r = await fetch(url, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (ignored) { /* not JSON: keep the text */ }
    if (!r.ok) {
      const err = new Error((json && json.title) || text || r.statusText);
      err.status = r.status; err.body = json;
      throw err;
    }
    return json;
  }

  function flash(text, isError) {
    const p = document.getElementById('flash');
    if (!p) return;
    p.textContent = text;
    p.className = isError ? 'flash error' : 'flash';
    p.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { p.hidden = true; }, 6000);
  }

  function user() { return document.body.dataset.user || 'operator'; }

  /**
   * Moves an incident to `target`. A new incident is acknowledged first, as the life cycle requires, so that
   * "confirm" and "dismiss" work from the queue in one key press.
   */
  async function decide(id, version, status, target, extra) {
    let v = Number(version);
    if (status === 'new' && (target === 'confirmed' || target === 'dismissed')) {
      const ack = await call('POST', `/api/v1/incidents/${id}/verdict`, {status: 'acknowledged', version: v, by: user()});
      v = ack.version;
    }
    return call('POST', `/api/v1/incidents/${id}/verdict`, Object.assign({status: target, version: v, by: user()}, extra || {}));
  }

  /** Opens the dismissal dialog; resolves to {reasonCode, reason} or null when cancelled. */
  function askDismissal() {
    const dialog = document.getElementById('dismiss-dialog');
    if (!dialog) return Promise.resolve(null);
    document.getElementById('dismiss-text').value = '';
    return new Promise(resolve => {
      dialog.addEventListener('close', () => {
        if (dialog.returnValue !== 'ok') { resolve(null); return; }
        const reasonCode = document.getElementById('dismiss-code').value;
        const reason = document.getElementById('dismiss-text').value.trim();
        resolve({reasonCode, reason});
      }, {once: true});
      dialog.showModal();
      document.getElementById('dismiss-code').focus();
    });
  }

  function failed(e) {
    flash((document.body.dataset.msgError || 'Failed') + ': ' + e.message, true);
  }

  return {call, flash, decide, askDismissal, failed, user};
})();
