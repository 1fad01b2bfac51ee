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
