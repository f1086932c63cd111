// A modal question before something that cannot be undone (a delete): a native <dialog> opened
// with showModal, so the keyboard stays inside it, Escape cancels, and focus returns to the
// control that opened it when it closes.

/**
 * Asks the user to confirm: {@code title} and {@code body} say what goes, {@code confirm} names
 * the action (e.g. "Delete"), {@code cancel} the way back ("Cancel" unless given). Resolves to
 * true only when the user chose that action.
 */
export function confirmDialog(mosaic, { title, body, confirm, cancel, danger = true }) {
  const { html, render, t } = mosaic;
  const opener = document.activeElement;
  const dialog = document.createElement('dialog');
  dialog.className = 'kit-dialog';
  dialog.setAttribute('aria-labelledby', 'kit-dialog-title');
  dialog.setAttribute('aria-describedby', 'kit-dialog-body');
  document.body.append(dialog);
  return new Promise((resolve) => {
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answer);
    };
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(false); });
    render(html`<form method="dialog" @submit=${(e) => { e.preventDefault(); close(true); }}>
      <h2 id="kit-dialog-title">${title}</h2>
      <p id="kit-dialog-body">${body}</p>
      <div class="kit-actions">
        <button type="submit" id="kit-dialog-confirm" class=${danger ? 'danger' : 'primary'}>${confirm}</button>
        <button type="button" id="kit-dialog-cancel" @click=${() => close(false)}>${cancel || t('kit.dialog.cancel')}</button>
      </div>
    </form>`, dialog);
    dialog.showModal();
    dialog.querySelector('#kit-dialog-cancel').focus();
  });
}
