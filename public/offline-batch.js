// The hall's offline batch, shared by the attendance and production pages: rows changed on the
// page and not yet saved are kept in this browser (one entry per page key) and sent as one JSON
// batch with a key chosen here, so a batch that arrives twice is applied once by the server
// (batches.service.ts applyOnce). Sending is retried when the connection returns, when the page is
// looked at again, and on a timer; the status line says what is still on the phone. A page gives
// only how to read, restore and send its rows. Without scripts the form posts normally.

/**
 * Lets the service worker (/sw.js) keep this hall page, so that a reload with no signal shows it
 * again; called by the attendance and production pages only. The first visit is not yet seen by the
 * worker: it is asked to fetch the page once more to keep it.
 */
window.simandiriKeepOffline = () => {
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) return;
  const controlled = Boolean(sw.controller);
  sw.register('/sw.js', { scope: '/' })
    .then(() => sw.ready)
    .then((reg) => {
      if (!controlled) reg.active?.postMessage({ type: 'visited' });
    })
    .catch(() => {
      // No worker (private window, storage refused): the page still works, only not after a reload offline.
    });
};

window.simandiriOfflineBatch = (o) => {
  const { form, api, storeKey, status } = o;
  const d = form.dataset;
  const text = {
    pending: d.textPending ?? '',
    saved: d.textSaved ?? '',
    sending: d.textSending ?? '',
    offline: d.textOffline ?? '',
    failed: d.textFailed ?? '',
  };
  const csrf = form.querySelector('input[name="_csrf"]')?.value ?? '';
  const rows = new Map([...form.querySelectorAll(o.rowSelector)].map((r) => [o.rowId(r), r]));
  const same = o.same ?? ((a, b) => JSON.stringify(a) === JSON.stringify(b));
  const RETRY_MS = 15000;

  const newKey = () =>
    window.crypto?.randomUUID
      ? window.crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

  /** { key, sent, savedOnce, rows: { [rowId]: value } } */
  const load = () => {
    try {
      const s = JSON.parse(localStorage.getItem(storeKey) ?? 'null');
      // `marks`: what the attendance page kept before the queue was shared.
      if (s && typeof s.marks === 'object' && !s.rows) s.rows = s.marks;
      if (s && typeof s.rows === 'object' && s.rows !== null) {
        delete s.marks;
        return s;
      }
    } catch {
      // A damaged entry is dropped.
    }
    return { key: null, sent: false, rows: {} };
  };
  const state = load();
  let inflight = false;
  let blocked = false;
  let message = '';

  const count = () => Object.keys(state.rows).length;
  const persist = () => {
    try {
      if (count() === 0) localStorage.removeItem(storeKey);
      else localStorage.setItem(storeKey, JSON.stringify(state));
    } catch {
      // Storage full or refused: the rows still go out with this page.
    }
  };

  const setRowError = (row, msg) => {
    let p = row.querySelector('.ob-error');
    if (!msg) {
      p?.remove();
      return;
    }
    if (!p) {
      p = document.createElement('p');
      p.className = 'error ob-error';
      (o.errorPlace?.(row) ?? row).prepend(p);
    }
    p.textContent = msg;
  };

  const render = () => {
    const n = count();
    let t = '';
    if (message) t = message;
    else if (n > 0) t = text.pending.replace('{n}', String(n));
    else if (state.savedOnce) t = text.saved;
    // No signal: said calmly, with what waits on this phone.
    if (!navigator.onLine)
      t = n > 0 ? `${text.pending.replace('{n}', String(n))}. ${text.offline}` : text.offline;
    status.classList.toggle('pending', n > 0);
    status.classList.toggle('offline', !navigator.onLine);
    if (status.textContent !== t) status.textContent = t;
  };

  /** Reads a row after a change: kept when it differs from what the server has, else forgotten. */
  const track = (row) => {
    const id = o.rowId(row);
    const v = o.read(row);
    if (o.dirty(row, v)) state.rows[id] = v;
    else delete state.rows[id];
    // A batch already sent under the old key may have arrived: new content needs a new key.
    if (state.sent) {
      state.key = null;
      state.sent = false;
    }
    blocked = false;
    message = '';
    o.tracked?.(row, v);
    setRowError(row, '');
    persist();
    render();
  };

  const send = async () => {
    const ids = Object.keys(state.rows);
    if (inflight || blocked || ids.length === 0) return render();
    if (!navigator.onLine) return render();
    state.key ??= newKey();
    state.sent = true;
    persist();
    const key = state.key;
    const batch = JSON.parse(JSON.stringify(state.rows));
    inflight = true;
    message = text.sending;
    render();
    let res;
    try {
      res = await fetch(api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          // Refusals come back in the page's language, not the phone's.
          'accept-language': document.documentElement.lang || 'id',
          'x-csrf-token': csrf,
        },
        body: JSON.stringify({ idempotency_key: key, ...o.body(batch) }),
      });
    } catch {
      // No signal: keep everything and try again later.
      inflight = false;
      message = '';
      return render();
    }
    inflight = false;
    message = '';
    if (res.ok) {
      for (const [id, v] of Object.entries(batch)) {
        const row = rows.get(id);
        if (row) o.saved(row, v);
        const now = state.rows[id];
        if (now && same(now, v)) delete state.rows[id];
      }
      if (state.key === key) {
        state.key = null;
        state.sent = false;
      }
      state.savedOnce = true;
      o.afterSave?.();
      // The copy of this page kept for a reload without signal should show what is now saved.
      navigator.serviceWorker?.controller?.postMessage({ type: 'saved' });
      persist();
      return render();
    }
    if (res.status >= 500) return render();
    // Refused (a rule, the lock, a lost sign-in): keep the rows, stop retrying until something changes.
    blocked = true;
    state.sent = false;
    state.key = null;
    persist();
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    for (const f of body?.error?.fields ?? []) {
      const id = String(f.field).split('.')[1];
      const row = id && rows.get(id);
      if (row) {
        setRowError(row, f.message);
        o.fieldError?.(row, String(f.field), f.message);
      }
    }
    message = text.failed.replace('{message}', body?.error?.message ?? String(res.status));
    render();
  };

  // Rows kept from an earlier visit are put back on the page first.
  for (const [id, v] of Object.entries(state.rows)) {
    const row = rows.get(id);
    if (row) o.restore(row, v);
    else delete state.rows[id];
  }

  const onEdit = (e) => {
    const row = e.target.closest?.(o.rowSelector);
    if (row && (!o.editFilter || o.editFilter(e))) track(row);
  };
  form.addEventListener('change', onEdit);
  form.addEventListener('input', onEdit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (o.submit?.(e) === false) return;
    blocked = false;
    if (count() === 0) {
      state.savedOnce = true;
      return render();
    }
    // Remembered with the rows: pressed without a signal, the save still goes out after a reload.
    state.sent = true;
    persist();
    send();
  });

  const retry = () => {
    if (state.sent) send();
    else render();
  };
  window.addEventListener('online', retry);
  window.addEventListener('offline', render);
  window.addEventListener('focus', retry);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retry();
  });
  setInterval(retry, RETRY_MS);
  persist();
  retry();
  return { rows, track, render };
};
