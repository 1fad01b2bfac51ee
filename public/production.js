// The production log with a weak signal: a participant's counts go through the hall's offline
// batch (offline-batch.js: kept in this browser per session or workshop day, sent once with a key,
// retried). This file says what a participant's row holds and how it is sent. Without scripts the
// form posts normally.
(() => {
  // Kept by the service worker for a reload without signal, with or without a roster to mark.
  window.simandiriKeepOffline?.();
  const form = document.querySelector('form[data-production]');
  if (!form || !window.fetch || !window.localStorage || !window.simandiriOfflineBatch) return;
  const d = form.dataset;
  const inputs = (row) => [...row.querySelectorAll('input[type="number"]')];

  /** { [input name]: value } of a row's counts as the page shows them now. */
  const read = (row) => Object.fromEntries(inputs(row).map((i) => [i.name, i.value.trim()]));
  const dirty = (row) => inputs(row).some((i) => i.value.trim() !== (i.dataset.saved ?? ''));

  const count = (s) => (s === '' ? 0 : Number(s));
  window.simandiriOfflineBatch({
    form,
    api: d.api,
    // One user's unsent rows are never shown to, or sent by, the next user of the same phone.
    storeKey: `simandiri.production.${d.owner}.${d.production}`,
    status: form.querySelector('.prod-sync'),
    rowSelector: '.prod-row',
    rowId: (row) => row.dataset.enrolment,
    read,
    dirty,
    restore: (row, v) => {
      for (const i of inputs(row)) if (i.name in v) i.value = v[i.name];
    },
    // One entry per product of the row: counts (empty is 0) and the materials set by hand.
    body: (batch) => ({
      entries: Object.entries(batch).flatMap(([enrolment_id, v]) => {
        const products = new Map();
        for (const [name, value] of Object.entries(v)) {
          const [field, , product, material] = name.split('.');
          if (!products.has(product)) products.set(product, { finished: '', in_progress: '', materials: [] });
          const p = products.get(product);
          if (field === 'finished') p.finished = value;
          else if (field === 'in_progress') p.in_progress = value;
          else if (field === 'material' && value !== '')
            p.materials.push({ material_id: material, qty: count(value) });
        }
        return [...products].map(([product_id, p]) => ({
          enrolment_id,
          product_id,
          finished: count(p.finished),
          in_progress: count(p.in_progress),
          ...(p.materials.length ? { materials: p.materials } : {}),
        }));
      }),
    }),
    saved: (row, v) => {
      for (const i of inputs(row)) if (i.name in v) i.dataset.saved = v[i.name];
    },
    // A refused material opens its fold so the message is seen.
    fieldError: (row, field) => {
      if (field.startsWith('material.'))
        row
          .querySelector(`input[name="${CSS.escape(field)}"]`)
          ?.closest('details')
          ?.setAttribute('open', '');
    },
  });
})();
