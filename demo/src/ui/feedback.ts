import { AppwriteException } from 'appwrite';
import { openConsole } from '../emulator-console.js';
import { h, replace, type Child } from './h.js';

/** A blocked account can only be unblocked by an administrator: with the emulator, in its console's Users tab. */
export const unblockHint = () => h('p', { class: 'alert-hint' }, 'Blocked by mistake? ',
  h('button', { type: 'button', class: 'button button-link', 'data-testid': 'open-console-users', onclick: () => openConsole('users') },
    'Unblock it in the emulator console (Users tab)'));

/**
 * An error as an Appwrite user sees it: the exception's message, and its `type` (plus HTTP status) in small
 * print for the developer.
 */
export function errorView(error: unknown): HTMLElement {
  if (error instanceof AppwriteException) {
    return h('div', { class: 'alert alert-error', role: 'alert' },
      h('p', { class: 'alert-message' }, error.message),
      error.type || error.code ? h('p', { class: 'alert-type' }, h('code', null, error.type || 'unknown'), error.code ? ` · HTTP ${error.code}` : '') : null,
      error.type === 'user_blocked' ? unblockHint() : null);
  }
  const message = error instanceof Error ? error.message : String(error);
  return h('div', { class: 'alert alert-error', role: 'alert' }, h('p', { class: 'alert-message' }, message));
}

export function successView(...children: Child[]): HTMLElement {
  return h('div', { class: 'alert alert-success', role: 'status' }, h('p', { class: 'alert-message' }, ...children));
}

export function infoView(...children: Child[]): HTMLElement {
  return h('div', { class: 'alert alert-info', role: 'status' }, h('p', { class: 'alert-message' }, ...children));
}

/** A live region a form or button reports into. */
export function feedbackRegion(): HTMLDivElement {
  return h('div', { class: 'feedback', 'aria-live': 'polite' });
}

/** Disables `button` while `task` runs, and reports its outcome into `region`. */
export async function runAction(button: HTMLButtonElement | null, region: HTMLElement, task: () => Promise<Child | void>): Promise<boolean> {
  replace(region);
  // The message the last screen left ("You signed out.") is stale once the user acts: never show it beside a new outcome.
  document.querySelector('.flashes')?.replaceChildren();
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  try {
    const result = await task();
    if (result !== undefined && result !== null && result !== false && region.isConnected) replace(region, successView(result));
    return true;
  } catch (error) {
    if (!(error instanceof AppwriteException)) console.error(error);
    replace(region, errorView(error));
    return false;
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

export interface ActionFormOptions {
  /** Accessible name of the form. */
  label: string;
  submit: string;
  fields: Child[];
  /** Returns a success message (or nothing when the view changes anyway). */
  onSubmit: (values: Record<string, string>, form: HTMLFormElement) => Promise<Child | void>;
  /** Extra content after the submit button (e.g. a secondary link). */
  extra?: Child[];
  variant?: 'primary' | 'danger' | 'secondary';
  /** Clear the inputs after success (password changes, codes). */
  resetOnSuccess?: boolean;
  testId?: string;
}

export function actionForm(options: ActionFormOptions): HTMLFormElement {
  const region = feedbackRegion();
  const button = h('button', { type: 'submit', class: `button button-${options.variant ?? 'primary'}` }, options.submit);
  const form = h('form', { class: 'stack', 'aria-label': options.label, 'data-testid': options.testId },
    ...options.fields,
    h('div', { class: 'form-actions' }, button, ...(options.extra ?? [])),
    region);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [key, value] of new FormData(form)) values[key] = String(value);
    const ok = await runAction(button, region, () => options.onSubmit(values, form));
    if (ok && options.resetOnSuccess) form.reset();
  });
  return form;
}

/** A button that runs `task` on click and reports into `region` (see runAction). */
export function actionButton(label: Child, region: HTMLElement, task: () => Promise<Child | void>, options: { class?: string; testId?: string } = {}): HTMLButtonElement {
  const button = h('button', { type: 'button', class: `button ${options.class ?? 'button-secondary'}`, 'data-testid': options.testId }, label);
  button.addEventListener('click', () => void runAction(button, region, task));
  return button;
}
