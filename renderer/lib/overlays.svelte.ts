/** The one overlay open over the screen, if any: the command palette or the shortcut sheet. */
class Overlays {
  open = $state<'palette' | 'sheet' | null>(null);
}

export const overlays = new Overlays();

/** A modal dialog opened and closed with `open`, giving focus back to what had it when it closes. */
export function modal(dialog: HTMLDialogElement, onclose: () => void): { close(): void } {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    dialog.removeEventListener('close', closed);
    if (dialog.open) dialog.close();
    if (before?.isConnected) before.focus();
  };
  const closed = () => {
    finish();
    onclose();
  };
  dialog.showModal();
  dialog.addEventListener('close', closed);
  // Once: a command run from the dialog moves focus on, and the dialog's removal must not take it back.
  return { close: finish };
}
