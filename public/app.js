// Progressive enhancement only: every page works without this file.
// On wide screens the navigation menu stays open, so it reads as a normal menu bar.
document.documentElement.classList.add('js');
const menu = document.querySelector('details.menu');
if (menu) {
  const wide = window.matchMedia('(min-width: 900px)');
  const sync = () => {
    if (wide.matches) menu.open = true;
  };
  sync();
  wide.addEventListener('change', sync);
}
// A job in progress (an SDP import, the national premi month): polls its status, moves the progress
// bar and shows the page again when the job is done. Without scripts the page offers a reload link.
const importJob = document.querySelector('[data-import-status]');
if (importJob) {
  const bar = importJob.querySelector('progress');
  const text = importJob.querySelector('[data-import-text]');
  const tick = async () => {
    try {
      const res = await fetch(importJob.dataset.importStatus, { headers: { accept: 'application/json' } });
      if (res.ok) {
        const s = await res.json();
        if (!s.running) {
          window.location.reload();
          return;
        }
        if ((s.status === 'parsing' || s.status === 'running') && s.total !== null) {
          bar.max = Math.max(1, s.total);
          bar.value = s.done;
        } else bar.removeAttribute('value');
        bar.textContent = s.text;
        if (text.textContent !== s.text) text.textContent = s.text;
      }
    } catch {
      // A lost request is retried on the next tick.
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
}
// Asking before an action that is hard to undo (src/app/confirm.tsx): a form with data-confirm opens
// a dialog with the question and its consequences; yes sends it with confirmed=1. Without scripts
// (or without <dialog>) the server asks on a page of its own.
for (const form of document.querySelectorAll('form[data-confirm]')) {
  if (typeof HTMLDialogElement !== 'function') break;
  form.addEventListener('submit', (event) => {
    if (form.querySelector('input[name="confirmed"]')) return;
    event.preventDefault();
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm';
    dialog.setAttribute('aria-labelledby', 'confirm-question');
    const question = document.createElement('h2');
    question.id = 'confirm-question';
    question.textContent = form.dataset.confirm;
    dialog.append(question);
    const detail = (form.dataset.confirmDetail || '').split('\n').filter(Boolean);
    if (detail.length > 0) {
      const list = document.createElement('ul');
      for (const line of detail) {
        const item = document.createElement('li');
        item.textContent = line;
        list.append(item);
      }
      dialog.append(list);
    }
    const actions = document.createElement('p');
    actions.className = 'actions';
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.className = 'primary';
    yes.textContent = form.dataset.confirmYes;
    yes.dataset.testid = 'confirm-yes';
    const no = document.createElement('button');
    no.type = 'button';
    no.textContent = form.dataset.confirmNo;
    no.dataset.testid = 'confirm-no';
    actions.append(yes, ' ', no);
    dialog.append(actions);
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => dialog.remove());
    yes.addEventListener('click', () => {
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'confirmed';
      field.value = '1';
      form.append(field);
      dialog.close();
      // The button that sent the form, if named, goes with it as a normal submit would send it.
      form.requestSubmit(event.submitter || undefined);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
