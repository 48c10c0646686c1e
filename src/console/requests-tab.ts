/**
 * The console's Requests tab, loaded when first chosen: the requests the emulator answered (emulator.requests,
 * this tab's and other tabs'), newest first, live, filterable by text and by failures, failed ones highlighted;
 * a row expands to its request and response (headers, params, body) with secrets masked (http/request-mask.ts).
 */
import type { RequestLogEntry } from '../http/request-log.js';
import { h } from '../inbox/panel.js';
import type { ConsoleContext, ConsoleTab } from '../inbox/panel-view.js';

const json = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

export function createRequestsTab(ctx: ConsoleContext): ConsoleTab {
  const requests = ctx.emulator.requests!;
  let entries: RequestLogEntry[] = [];
  let errorsOnly = false;
  const opened = new Set<string>();
  let unsubscribe: (() => void) | null = null;
  let pending = false;

  const search = h('input', { type: 'search', placeholder: 'Filter: path, method, status, error type, SDK', 'aria-label': 'Filter requests', oninput: () => render() }) as HTMLInputElement;
  const errorsButton = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => {
    errorsOnly = !errorsOnly;
    errorsButton.setAttribute('aria-pressed', String(errorsOnly));
    render();
  } }, 'Errors only');
  const body = h('tbody');
  const empty = h('p', { class: 'empty' });
  const element = h('div', { class: 'tabpanel' },
    h('div', { class: 'bar' }, search, errorsButton, h('button', { type: 'button', onclick: () => {
      requests.clear();
      entries = [];
      opened.clear();
      render();
      ctx.announce('Request log cleared');
    } }, 'Clear')),
    h('div', { class: 'scroll' },
      h('table', { 'aria-label': 'Requests, newest first' },
        h('thead', {}, h('tr', {}, ...['Time', 'Request (SDK, duration)', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
        body),
      empty));

  function detail(entry: RequestLogEntry): HTMLElement {
    const cell = h('td', { class: 'detail', colspan: '3' }, 'Loading…');
    void entry.details().then((d) => cell.replaceChildren(
      h('p', { class: 'hint' }, `${entry.method} ${d.request.url} · Appwrite ${entry.behaviour === '1.4' ? '1.4' : '1.9.6'}, format ${entry.format || '(none: newest)'}${entry.fromOtherTab ? ' · from another tab' : ''}`),
      h('details', { open: true }, h('summary', {}, 'Request params'), h('pre', {}, json(d.request.params))),
      h('details', {}, h('summary', {}, 'Request headers'), h('pre', {}, json(d.request.headers))),
      h('details', { open: true }, h('summary', {}, `Response ${entry.status}`), h('pre', {}, json(d.response.body))),
      h('details', {}, h('summary', {}, 'Response headers'), h('pre', {}, json(d.response.headers))),
    ), (error: unknown) => (cell.textContent = `Could not read the details: ${String(error)}`));
    return h('tr', {}, cell);
  }

  function row(entry: RequestLogEntry): HTMLElement[] {
    const failed = entry.status >= 400;
    const isOpen = opened.has(entry.id);
    const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': String(isOpen), 'aria-label': `${entry.method} ${entry.path}: ${entry.status}${entry.errorType ? ` ${entry.errorType}` : ''}, details`, onclick: () => {
      if (isOpen) opened.delete(entry.id);
      else opened.add(entry.id);
      render();
    } }, entry.path);
    const tr = h('tr', { class: failed ? 'err' : '', 'data-id': entry.id, 'data-status': String(entry.status), ...(isOpen ? { 'data-open': '' } : {}) },
      h('td', {}, new Date(entry.time).toLocaleTimeString()),
      // Three columns (time, request, outcome), so the log fits a side sheet or a phone without sideways scrolling.
      h('td', { class: 'req' }, h('strong', {}, `${entry.method} `), toggle,
        h('span', { class: 'sub' }, `${entry.sdk ? `web ${entry.sdk}` : 'no SDK header'} · ${entry.durationMs.toFixed(1)} ms${entry.fromOtherTab ? ' · other tab' : ''}`)),
      h('td', { class: 'status wrap' }, String(entry.status), entry.errorType ? h('span', { class: 'sub' }, entry.errorType) : null));
    return isOpen ? [tr, detail(entry)] : [tr];
  }

  function render() {
    const query = search.value.trim().toLowerCase();
    const shown = entries.filter((e) => (!errorsOnly || e.status >= 400)
      && (!query || [e.method, e.path, String(e.status), e.errorType ?? '', e.sdk ?? '', e.format].some((v) => v.toLowerCase().includes(query))));
    const focusedId = (ctx.root.activeElement as HTMLElement | null)?.closest('tr')?.dataset.id;
    body.replaceChildren(...shown.flatMap(row));
    if (focusedId) body.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(focusedId)}"] button`)?.focus();
    empty.hidden = shown.length > 0;
    empty.textContent = entries.length ? 'No request matches the filter.' : 'No requests yet. Every request the emulator answers appears here.';
  }

  // Many requests at once (a page load) are drawn once per frame.
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      void requests.list().then((next) => {
        pending = false;
        entries = next;
        render();
      });
    });
  };

  return {
    element,
    show() {
      unsubscribe ??= requests.subscribe(schedule);
      void requests.list().then((next) => {
        entries = next;
        render();
      });
    },
    hide() {
      unsubscribe?.();
      unsubscribe = null;
    },
    focus: () => search.focus(),
  };
}
