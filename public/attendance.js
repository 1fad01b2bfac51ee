// The attendance page with a weak signal: marks not yet saved are kept in this browser (per
// session) and sent as one batch with a key chosen here, so a batch that arrives twice is applied
// once. Sending is retried when the connection returns, when the page is looked at again, and on a
// timer. Without this file the form posts normally.
(() => {
  const form = document.querySelector('form[data-attendance]');
  if (!form || !window.fetch || !window.localStorage) return;
  const d = form.dataset;
  const storeKey = `simandiri.attendance.${d.attendance}`;
  const status = form.querySelector('.att-sync');
  const csrf = form.querySelector('input[name="_csrf"]')?.value ?? '';
  const rows = new Map([...form.querySelectorAll('.att-row')].map((r) => [r.dataset.enrolment, r]));
  const RETRY_MS = 15000;

  const newKey = () =>
    window.crypto?.randomUUID
      ? window.crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

  /** { key, sent, marks: { [enrolmentId]: { status, note, reason } } } */
  const load = () => {
    try {
      const s = JSON.parse(localStorage.getItem(storeKey) ?? 'null');
      if (s && typeof s.marks === 'object') return s;
    } catch {
      // A damaged entry is dropped.
    }
    return { key: null, sent: false, marks: {} };
  };
  const state = load();
  let inflight = false;
  let blocked = false;
  let message = '';

  const persist = () => {
    try {
      if (Object.keys(state.marks).length === 0) localStorage.removeItem(storeKey);
      else localStorage.setItem(storeKey, JSON.stringify(state));
    } catch {
      // Storage full or refused: the marks still go out with this page.
    }
  };

  const rowValue = (row) => {
    const id = row.dataset.enrolment;
    const checked = row.querySelector(`input[type="radio"]:checked`);
    return {
      status: checked ? checked.value : '',
      note: (row.querySelector(`input[name="note.${id}"]`)?.value ?? '').trim(),
      reason: (row.querySelector(`input[name="reason.${id}"]`)?.value ?? '').trim(),
    };
  };
  const isDirty = (row, v) =>
    v.status !== '' && (v.status !== row.dataset.saved || v.note !== (row.dataset.savedNote ?? ''));

  /** The reason field shows only when a saved mark is being changed; rows saved here get one. */
  const showReason = (row, v) => {
    const wanted = Boolean(row.dataset.saved) && isDirty(row, v);
    let box = row.querySelector('.att-reason');
    if (!box && wanted) {
      const id = row.dataset.enrolment;
      box = document.createElement('div');
      box.className = 'att-reason';
      const label = document.createElement('label');
      label.htmlFor = `f-reason.${id}`;
      label.textContent = d.textReason;
      const input = document.createElement('input');
      input.type = 'text';
      input.id = `f-reason.${id}`;
      input.name = `reason.${id}`;
      input.maxLength = 500;
      box.append(label, input);
      row.querySelector('.att-extra')?.append(box);
    }
    if (box && !box.classList.contains('has-error')) box.hidden = !wanted;
  };

  const setRowError = (row, text) => {
    let p = row.querySelector('.att-client-error');
    if (!text) {
      p?.remove();
      return;
    }
    if (!p) {
      p = document.createElement('p');
      p.className = 'error att-client-error';
      row.querySelector('.att-extra')?.prepend(p);
    }
    p.textContent = text;
  };

  const render = () => {
    const n = Object.keys(state.marks).length;
    let text = '';
    if (message) text = message;
    else if (n > 0) text = d.textPending.replace('{n}', String(n));
    else if (state.savedOnce) text = d.textSaved;
    if (n > 0 && !navigator.onLine) text = `${d.textPending.replace('{n}', String(n))}. ${d.textOffline}`;
    status.classList.toggle('pending', n > 0);
    if (status.textContent !== text) status.textContent = text;
  };

  const track = (row) => {
    const id = row.dataset.enrolment;
    const v = rowValue(row);
    if (isDirty(row, v)) state.marks[id] = v;
    else delete state.marks[id];
    // A batch already sent under the old key may have arrived: new content needs a new key.
    if (state.sent) {
      state.key = null;
      state.sent = false;
    }
    blocked = false;
    message = '';
    showReason(row, v);
    setRowError(row, '');
    persist();
    render();
  };

  const send = async () => {
    const ids = Object.keys(state.marks);
    if (inflight || blocked || ids.length === 0) return render();
    if (!navigator.onLine) return render();
    state.key ??= newKey();
    state.sent = true;
    persist();
    const key = state.key;
    const batch = JSON.parse(JSON.stringify(state.marks));
    inflight = true;
    message = d.textSending;
    render();
    let res;
    try {
      res = await fetch(d.api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({
          idempotency_key: key,
          marks: Object.entries(batch).map(([enrolment_id, m]) => ({
            enrolment_id,
            status: m.status,
            ...(m.note ? { note: m.note } : {}),
            ...(m.reason ? { reason: m.reason } : {}),
          })),
        }),
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
      for (const [id, m] of Object.entries(batch)) {
        const row = rows.get(id);
        if (row) {
          row.dataset.saved = m.status;
          row.dataset.savedNote = m.note;
          const reason = row.querySelector(`input[name="reason.${id}"]`);
          if (reason) reason.value = '';
        }
        const now = state.marks[id];
        if (now && now.status === m.status && now.note === m.note) delete state.marks[id];
      }
      if (state.key === key) {
        state.key = null;
        state.sent = false;
      }
      state.savedOnce = true;
      for (const row of rows.values()) showReason(row, rowValue(row));
      persist();
      return render();
    }
    if (res.status >= 500) return render();
    // Refused (a rule, the lock, a lost sign-in): keep the marks, stop retrying until something changes.
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
        const box = row.querySelector('.att-reason');
        if (box && String(f.field).startsWith('reason.')) box.hidden = false;
      }
    }
    message = d.textFailed.replace('{message}', body?.error?.message ?? String(res.status));
    render();
  };

  // Marks kept from an earlier visit are put back on the page first.
  for (const [id, m] of Object.entries(state.marks)) {
    const row = rows.get(id);
    if (!row) {
      delete state.marks[id];
      continue;
    }
    const radio = row.querySelector(`input[type="radio"][value="${m.status}"]`);
    if (radio) radio.checked = true;
    const note = row.querySelector(`input[name="note.${id}"]`);
    if (note) note.value = m.note ?? '';
    const reason = row.querySelector(`input[name="reason.${id}"]`);
    if (reason && m.reason) reason.value = m.reason;
  }
  for (const row of rows.values()) showReason(row, rowValue(row));

  form.addEventListener('change', (e) => {
    const row = e.target.closest?.('.att-row');
    if (row) track(row);
  });
  form.addEventListener('input', (e) => {
    const row = e.target.closest?.('.att-row');
    if (row && e.target.type === 'text') track(row);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (e.submitter?.value === 'all_present') {
      for (const row of rows.values()) {
        if (row.querySelector('input[type="radio"]:checked')) continue;
        const hadir = row.querySelector('input[type="radio"][value="hadir"]');
        if (hadir && !hadir.disabled) {
          hadir.checked = true;
          track(row);
        }
      }
      return;
    }
    blocked = false;
    state.sent = Object.keys(state.marks).length > 0 || state.sent;
    if (Object.keys(state.marks).length === 0) {
      state.savedOnce = true;
      return render();
    }
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
})();
