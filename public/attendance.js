// The attendance page with a weak signal: the marks go through the hall's offline batch
// (offline-batch.js: kept in this browser per session, sent once with a key, retried). This file
// says what a row's mark is, asks for a reason when a saved mark changes, and fills "mark all
// present". Without scripts the form posts normally.
(() => {
  // Kept by the service worker for a reload without signal, with or without a roster to mark.
  window.simandiriKeepOffline?.();
  const form = document.querySelector('form[data-attendance]');
  if (!form || !window.fetch || !window.localStorage || !window.simandiriOfflineBatch) return;
  const d = form.dataset;

  /** { status, note, reason } of a row as the page shows it now. */
  const read = (row) => {
    const id = row.dataset.enrolment;
    const checked = row.querySelector(`input[type="radio"]:checked`);
    return {
      status: checked ? checked.value : '',
      note: (row.querySelector(`input[name="note.${id}"]`)?.value ?? '').trim(),
      reason: (row.querySelector(`input[name="reason.${id}"]`)?.value ?? '').trim(),
    };
  };
  const dirty = (row, v) =>
    v.status !== '' && (v.status !== row.dataset.saved || v.note !== (row.dataset.savedNote ?? ''));

  /** The reason field shows only when a saved mark is being changed; rows saved here get one. */
  const showReason = (row, v) => {
    const wanted = Boolean(row.dataset.saved) && dirty(row, v);
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

  const queue = window.simandiriOfflineBatch({
    form,
    api: d.api,
    // One user's unsent marks are never shown to, or sent by, the next user of the same phone.
    storeKey: `simandiri.attendance.${d.owner}.${d.attendance}`,
    status: form.querySelector('.att-sync'),
    rowSelector: '.att-row',
    rowId: (row) => row.dataset.enrolment,
    read,
    dirty,
    // Radios are read on change, notes and reasons as they are typed.
    editFilter: (e) => e.type === 'change' || e.target.type === 'text',
    errorPlace: (row) => row.querySelector('.att-extra'),
    same: (a, b) => a.status === b.status && a.note === b.note,
    restore: (row, m) => {
      const id = row.dataset.enrolment;
      // A changed saved mark kept with its reason: the page brings no reason field, make it first.
      showReason(row, m);
      const radio = row.querySelector(`input[type="radio"][value="${m.status}"]`);
      if (radio) radio.checked = true;
      const note = row.querySelector(`input[name="note.${id}"]`);
      if (note) note.value = m.note ?? '';
      const reason = row.querySelector(`input[name="reason.${id}"]`);
      if (reason && m.reason) reason.value = m.reason;
    },
    tracked: showReason,
    body: (batch) => ({
      marks: Object.entries(batch).map(([enrolment_id, m]) => ({
        enrolment_id,
        status: m.status,
        ...(m.note ? { note: m.note } : {}),
        ...(m.reason ? { reason: m.reason } : {}),
      })),
    }),
    saved: (row, m) => {
      row.dataset.saved = m.status;
      row.dataset.savedNote = m.note;
      const reason = row.querySelector(`input[name="reason.${row.dataset.enrolment}"]`);
      if (reason) reason.value = '';
    },
    afterSave: () => {
      for (const row of queue.rows.values()) showReason(row, read(row));
    },
    fieldError: (row, field) => {
      const box = row.querySelector('.att-reason');
      if (box && field.startsWith('reason.')) box.hidden = false;
    },
    // Without scripts this button asks the server; here it fills every unmarked row at once.
    submit: (e) => {
      if (e.submitter?.value !== 'all_present') return true;
      for (const row of queue.rows.values()) {
        if (row.querySelector('input[type="radio"]:checked')) continue;
        const hadir = row.querySelector('input[type="radio"][value="hadir"]');
        if (hadir && !hadir.disabled) {
          hadir.checked = true;
          queue.track(row);
        }
      }
      return false;
    },
  });
  for (const row of queue.rows.values()) showReason(row, read(row));
})();
