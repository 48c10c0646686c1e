import { Query } from 'appwrite';
import { app } from '../app.js';
import { errorView } from '../ui/feedback.js';
import { describeClient, describeEvent, formatDate } from '../ui/format.js';
import { h, replace } from '../ui/h.js';
import { card, page } from '../ui/page.js';

const PAGE_SIZE = 10;

/**
 * The security log (listLogs), newest first. Appwrite 1.4 reports `total` unreliably, so paging only asks whether
 * a full page came back.
 */
export function logsPage(): HTMLElement {
  const table = h('div', { class: 'table-wrap', 'aria-live': 'polite' });
  const newer = h('button', { type: 'button', class: 'button button-secondary button-small' }, '← Newer');
  const older = h('button', { type: 'button', class: 'button button-secondary button-small' }, 'Older →');
  const pager = h('div', { class: 'pager', hidden: true }, newer, older);
  let offset = 0;
  const load = async () => {
    newer.disabled = older.disabled = true;
    table.setAttribute('aria-busy', 'true');
    try {
      const { logs } = await app().account.listLogs([Query.limit(PAGE_SIZE), Query.offset(offset)]);
      replace(table, logs.length === 0
        ? h('p', { class: 'muted' }, offset ? 'No older activity.' : 'No activity yet.')
        : h('table', { 'data-testid': 'logs' },
          h('caption', { class: 'visually-hidden' }, 'Account activity, newest first'),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Event'), h('th', { scope: 'col' }, 'Client'), h('th', { scope: 'col' }, 'IP'), h('th', { scope: 'col' }, 'When'))),
          h('tbody', null, logs.map((log) => h('tr', null,
            h('td', null, describeEvent(log.event), h('span', { class: 'muted small block' }, log.event)),
            h('td', null, describeClient(log)),
            h('td', null, log.ip),
            h('td', null, formatDate(log.time)))))));
      newer.disabled = offset === 0;
      older.disabled = logs.length < PAGE_SIZE;
      pager.hidden = newer.disabled && older.disabled;
    } catch (error) {
      replace(table, errorView(error));
    }
    table.removeAttribute('aria-busy');
  };
  newer.addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); void load(); });
  older.addEventListener('click', () => { offset += PAGE_SIZE; void load(); });
  void load();
  return page('Activity', 'Sign-ins and account changes, as recorded by Appwrite.',
    card('Security log', null, table, pager));
}
