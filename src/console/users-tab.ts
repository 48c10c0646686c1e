/**
 * The console's Users tab, loaded when first chosen: every user of the emulator's database in a table (live: a
 * Dexie liveQuery, so a user created in another tab or by a test appears at once), with filter, add, edit, block
 * and unblock, delete, "Sign in as" (switches this page's session and reloads) and each user's sessions. Reads
 * records straight from the database (what a table shows needs no API call); every change goes through the test
 * API (emulator.users / emulator.sessions), so it follows Appwrite's rules and errors.
 */
import type { Dexie } from 'dexie';
import { h } from '../inbox/panel.js';
import type { ConsoleContext, ConsoleTab } from '../inbox/panel-view.js';
import type { SessionRecord, UserRecord } from '../storage/records.js';
import type { UserChanges } from '../testing/users.js';

interface Row {
  user: UserRecord;
  sessions: SessionRecord[];
  providers: string[];
}

const when = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '—');
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The user this page is signed in as: the SDK's cookieFallback in localStorage holds `{id, secret}` in base64. */
function pageUserId(projectId: string): string | null {
  try {
    const stored = JSON.parse(localStorage.getItem('cookieFallback') ?? '{}') as Record<string, unknown>;
    const value = stored[`a_session_${projectId}`];
    // Importing http/caller.js's decodeSession here would make the bundler split start-up modules into chunks.
    return typeof value === 'string' ? (JSON.parse(atob(value)) as { id?: string }).id ?? null : null;
  } catch {
    return null;
  }
}

export function createUsersTab(ctx: ConsoleContext): ConsoleTab {
  const emulator = ctx.emulator as Required<ConsoleContext['emulator']>;
  const { projectId } = emulator.config;
  let rows: Row[] = [];
  let open: { id: string; what: 'edit' | 'sessions' } | null = null;
  let subscription: { unsubscribe(): void } | null = null;

  const status = h('p', { class: 'hint', role: 'status' });
  const report = (text: string, error = false) => {
    status.textContent = text;
    status.style.color = error ? '#c21f3a' : '';
    ctx.announce(text);
  };
  const act = async (done: string, action: () => Promise<unknown>) => {
    try {
      await action();
      report(done);
    } catch (error) {
      report(message(error), true);
    }
  };

  const search = h('input', { type: 'search', placeholder: 'Filter by id, e-mail, phone, name', 'aria-label': 'Filter users', oninput: () => render() }) as HTMLInputElement;
  const addForm = h('form', { class: 'form', hidden: true, 'aria-label': 'Add a user' });
  const addFields = {
    email: h('input', { type: 'email', name: 'email', autocomplete: 'off' }) as HTMLInputElement,
    phone: h('input', { type: 'tel', name: 'phone', placeholder: '+14155550100', autocomplete: 'off' }) as HTMLInputElement,
    name: h('input', { name: 'name', autocomplete: 'off' }) as HTMLInputElement,
    password: h('input', { type: 'text', name: 'password', placeholder: 'none: password-less', autocomplete: 'off' }) as HTMLInputElement,
  };
  addForm.append(
    ...Object.entries(addFields).map(([name, input]) => h('label', {}, name === 'email' ? 'E-mail' : name[0]!.toUpperCase() + name.slice(1), input)),
    h('div', { class: 'row full' }, h('button', { type: 'submit', class: 'primary' }, 'Create user'),
      h('button', { type: 'button', onclick: () => (addForm.hidden = true) }, 'Cancel')));
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const user = Object.fromEntries(Object.entries(addFields).filter(([, i]) => i.value.trim()).map(([k, i]) => [k, k === 'password' ? i.value : i.value.trim()]));
    void act('User created', async () => {
      await emulator.users.create(user);
      (addForm as HTMLFormElement).reset();
      addForm.hidden = true;
    });
  });

  // Fixed column widths: the table fits the sheet, long e-mails wrap instead of pushing the last column out.
  const table = h('table', { 'aria-label': 'Users', class: 'fixed' });
  const head = h('thead', {}, h('tr', {}, ...([['User (e-mail, phone, id)', '44%'], ['Providers', '20%'], ['Status, verified, dates', '36%']] as const)
    .map(([t, width]) => h('th', { scope: 'col', style: `width:${width}` }, t))));
  const empty = h('p', { class: 'empty' });
  const element = h('div', { class: 'tabpanel' },
    h('div', { class: 'bar' }, search,
      h('button', { type: 'button', 'aria-expanded': 'false', onclick: (event) => {
        addForm.hidden = !addForm.hidden;
        (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!addForm.hidden));
        if (!addForm.hidden) addFields.email.focus();
      } }, 'Add user'), status),
    addForm,
    h('div', { class: 'scroll' },
      table,
      empty));

  function editor(user: UserRecord): HTMLElement {
    const input = (name: string, value: string, attrs: Record<string, string> = {}) => h('input', { name, value, autocomplete: 'off', ...attrs }) as HTMLInputElement;
    const check = (name: string, on: boolean) => h('input', { type: 'checkbox', name, ...(on ? { checked: true } : {}) }) as HTMLInputElement;
    const f = {
      name: input('name', user.name), email: input('email', user.email ?? '', { type: 'email' }), phone: input('phone', user.phone ?? '', { type: 'tel' }),
      emailVerification: check('emailVerification', user.emailVerification), phoneVerification: check('phoneVerification', user.phoneVerification),
      labels: input('labels', user.labels.join(', '), { placeholder: 'admin, beta' }),
      prefs: h('textarea', { name: 'prefs', rows: '4', spellcheck: 'false' }) as HTMLTextAreaElement,
    };
    f.prefs.value = JSON.stringify(user.prefs, null, 2);
    const form = h('form', { class: 'form', 'aria-label': `Edit ${user.email ?? user.$id}` },
      h('label', {}, 'Name', f.name), h('label', {}, 'E-mail', f.email), h('label', {}, 'Phone', f.phone),
      h('label', { class: 'check' }, f.emailVerification, 'E-mail verified'), h('label', { class: 'check' }, f.phoneVerification, 'Phone verified'),
      h('label', {}, 'Labels (comma-separated)', f.labels), h('label', { class: 'full' }, 'Prefs (JSON)', f.prefs),
      h('div', { class: 'row full' }, h('button', { type: 'submit', class: 'primary' }, 'Save'), h('button', { type: 'button', onclick: () => toggle(user.$id, 'edit') }, 'Cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act('User saved', async () => {
        let prefs: unknown;
        try {
          prefs = JSON.parse(f.prefs.value || '{}');
        } catch {
          throw new Error('Prefs must be valid JSON');
        }
        if (!prefs || typeof prefs !== 'object' || Array.isArray(prefs)) throw new Error('Prefs must be a JSON object');
        const labels = f.labels.value.split(',').map((l) => l.trim()).filter(Boolean);
        const changes: UserChanges = {};
        if (f.name.value !== user.name) changes.name = f.name.value;
        if (f.email.value.trim() !== (user.email ?? '')) changes.email = f.email.value.trim();
        if (f.phone.value.trim() !== (user.phone ?? '')) changes.phone = f.phone.value.trim();
        if (f.emailVerification.checked !== user.emailVerification) changes.emailVerification = f.emailVerification.checked;
        if (f.phoneVerification.checked !== user.phoneVerification) changes.phoneVerification = f.phoneVerification.checked;
        if (labels.join() !== user.labels.join()) changes.labels = labels;
        if (JSON.stringify(prefs) !== JSON.stringify(user.prefs)) changes.prefs = prefs as Record<string, unknown>;
        await emulator.users.update(user.$id, changes);
        open = null;
      });
    });
    return form;
  }

  function sessionList(row: Row): HTMLElement {
    if (!row.sessions.length) return h('p', { class: 'hint' }, 'No sessions.');
    return h('ul', { class: 'sessions', 'aria-label': `Sessions of ${row.user.email ?? row.user.$id}` }, ...row.sessions.map((s) => h('li', {},
      h('span', {}, `${s.provider} · ${[s.clientName, s.osName].filter(Boolean).join(' on ') || s.userAgent || 'unknown client'} · since ${when(s.$createdAt)}${s.expire ? ` · expires ${when(s.expire)}` : ''} `),
      h('button', { type: 'button', class: 'danger', 'aria-label': `Delete session ${s.$id}`, onclick: () => void act('Session deleted', () => emulator.sessions.delete(s.$id)) }, 'Delete'))));
  }

  function toggle(id: string, what: 'edit' | 'sessions') {
    open = open?.id === id && open.what === what ? null : { id, what };
    render();
  }

  function userRow(row: Row, me: string | null): HTMLElement {
    const { user } = row;
    const label = user.email ?? user.phone ?? user.$id;
    const yes = (on: boolean, text: string) => h('span', { class: `pill ${on ? 'ok' : 'no'}` }, `${text} ${on ? '✓' : '✗'}`);
    // Three columns and the actions on a line of their own: the table fits a side sheet without sideways scrolling.
    const cells = [
      h('td', { class: 'wrap' }, h('strong', {}, user.name || '(no name)'), me === user.$id ? h('span', { class: 'pill ok' }, 'this page') : null,
        user.email ? h('div', {}, user.email) : null, user.phone ? h('div', {}, user.phone) : null,
        !user.email && !user.phone ? h('div', {}, 'anonymous') : null, h('code', { class: 'hint' }, user.$id)),
      h('td', { class: 'wrap' }, ...row.providers.map((p) => h('span', { class: 'pill' }, p))),
      h('td', { class: 'wrap' }, h('span', { class: `pill ${user.status ? 'ok' : 'no'}`, 'data-status': user.status ? 'active' : 'blocked' }, user.status ? 'active' : 'blocked'),
        user.email ? yes(user.emailVerification, 'e-mail') : null, user.phone ? yes(user.phoneVerification, 'phone') : null,
        user.mfa ? h('span', { class: 'pill ok' }, 'MFA') : null,
        h('span', { class: 'sub' }, `created ${when(user.registration || user.$createdAt)}`), h('span', { class: 'sub' }, `last access ${when(user.accessedAt)}`)),
    ];
    const actions = h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'aria-label': `Sign in as ${label}`, onclick: () => void act('Signing in…', async () => {
          const { cookieFallback } = await emulator.sessions.create(user.$id);
          localStorage.setItem('cookieFallback', cookieFallback);
          location.reload();
        }) }, 'Sign in as'),
        user.status
          ? h('button', { type: 'button', 'aria-label': `Block ${label}`, onclick: () => void act(`${label} blocked`, () => emulator.users.block(user.$id)) }, 'Block')
          : h('button', { type: 'button', 'aria-label': `Unblock ${label}`, onclick: () => void act(`${label} unblocked`, () => emulator.users.unblock(user.$id)) }, 'Unblock'),
        h('button', { type: 'button', 'aria-expanded': String(open?.id === user.$id && open.what === 'edit'), 'aria-label': `Edit ${label}`, onclick: () => toggle(user.$id, 'edit') }, 'Edit'),
        h('button', { type: 'button', 'aria-expanded': String(open?.id === user.$id && open.what === 'sessions'), 'aria-label': `Sessions of ${label}`, onclick: () => toggle(user.$id, 'sessions') }, `Sessions (${row.sessions.length})`),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${label}`, onclick: () => {
          if (confirm(`Delete ${label} with its sessions, tokens and identities?`)) void act(`${label} deleted`, () => emulator.users.delete(user.$id));
        } }, 'Delete'));
    // One <tbody> per user: its cells, its actions on a line below, and the open editor or sessions.
    return h('tbody', { 'data-user': user.$id, ...(open?.id === user.$id ? { 'data-open': '' } : {}) },
      h('tr', { class: 'main' }, ...cells),
      h('tr', { class: 'acts' }, h('td', { colspan: '3' }, actions)),
      open?.id === user.$id ? h('tr', {}, h('td', { class: 'detail', colspan: '3' }, open.what === 'edit' ? editor(user) : sessionList(row))) : null);
  }

  function render() {
    const query = search.value.trim().toLowerCase();
    const shown = rows.filter(({ user: u }) => !query || [u.$id, u.email, u.phone, u.name].some((v) => v?.toLowerCase().includes(query)));
    // An open editor keeps what is typed in it: a live update does not rebuild the table under it.
    if (open?.what === 'edit' && element.querySelector('form[aria-label^="Edit"]')?.contains(ctx.root.activeElement)) return;
    const me = pageUserId(projectId);
    table.replaceChildren(head, ...shown.map((row) => userRow(row, me)));
    empty.hidden = shown.length > 0;
    empty.textContent = rows.length ? 'No user matches the filter.' : 'No users yet. Sign up in the app, or Add user.';
  }

  return {
    element,
    async show() {
      if (subscription || !emulator.db) return;
      const db = await emulator.db();
      if (subscription) return;
      // Dexie's liveQuery through the database's class: importing 'dexie' in this chunk made the bundler move
      // its CommonJS-interop helpers into a start-up chunk of their own (+190 B gzipped at start).
      subscription = (db.constructor as typeof Dexie).liveQuery(async () => {
        const [users, sessions, identities] = await Promise.all([db.users.toArray(), db.sessions.toArray(), db.identities.toArray()]);
        return users.sort((a, b) => a.$createdAt - b.$createdAt).map((user): Row => {
          const own = sessions.filter((s) => s.userId === user.$id);
          const providers = new Set([...(user.password ? ['password'] : []), ...identities.filter((i) => i.userId === user.$id).map((i) => i.provider), ...own.map((s) => s.provider)]);
          return { user, sessions: own, providers: [...providers] };
        });
      }).subscribe({
        next: (next) => {
          rows = next;
          render();
        },
        error: (error) => report(`Could not read the users: ${message(error)}`, true),
      });
    },
    hide() {
      subscription?.unsubscribe();
      subscription = null;
    },
    focus: () => search.focus(),
  };
}
