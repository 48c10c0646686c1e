import { h } from './h.js';

/**
 * A modal confirmation on <dialog> (focus trap, Esc to cancel, inert page for free). The safe choice has the
 * initial focus; resolves true only when the user confirms.
 */
export function confirmDialog(options: { title: string; text: string; confirm: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h('button', { type: 'button', class: 'button button-secondary', autofocus: true }, 'Cancel');
    const ok = h('button', { type: 'button', class: `button ${options.danger ? 'button-danger' : 'button-primary'}`, 'data-testid': 'confirm' }, options.confirm);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text' },
      h('h2', { id: 'dialog-title' }, options.title),
      h('p', { id: 'dialog-text' }, options.text),
      h('div', { class: 'form-actions' }, cancel, ok));
    let answer = false;
    cancel.addEventListener('click', () => dialog.close());
    ok.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
