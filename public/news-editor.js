// The newsroom's body editor: progressive enhancement of the body's HTML textarea (the form works
// without it). Runs before /vendor/trix.js: it first hands Trix the page's style nonce (Trix injects
// its default styles in a <style>, allowed by this page's CSP only with that nonce), then, once the
// <trix-editor> element is defined, replaces each textarea in [data-news-editor] by a hidden input
// of the same name and a Trix editor with the textarea's id (so its label and hint still name it).
(() => {
  const me = document.currentScript;
  const nonce = me?.dataset.styleNonce;
  if (nonce && !document.head.querySelector('meta[name="trix-csp-nonce"]')) {
    const meta = document.createElement('meta');
    meta.name = 'trix-csp-nonce';
    meta.content = nonce;
    document.head.appendChild(meta);
  }
  if (!window.customElements) return;
  // Attachments (pasted or dropped files) are not part of a news body: photos go through the photo form.
  document.addEventListener('trix-file-accept', (e) => e.preventDefault());
  customElements.whenDefined('trix-editor').then(() => {
    for (const box of document.querySelectorAll('[data-news-editor]')) {
      const area = box.querySelector('textarea');
      if (!area) continue;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = area.name;
      input.id = `${area.id}-value`;
      input.value = area.value;
      const editor = document.createElement('trix-editor');
      editor.setAttribute('input', input.id);
      editor.id = area.id;
      editor.className = 'news-trix';
      // A <label for> names the textarea but not a custom element: the editor points at the label.
      const label = document.querySelector(`label[for="${area.id}"]`);
      if (label) {
        label.id ||= `${area.id}-label`;
        editor.setAttribute('aria-labelledby', label.id);
      }
      const described = area.getAttribute('aria-describedby');
      if (described) editor.setAttribute('aria-describedby', described);
      if (area.getAttribute('aria-invalid')) editor.setAttribute('aria-invalid', 'true');
      area.replaceWith(input, editor);
    }
  });
})();
