/**
 * The console's Settings tab, loaded when first chosen: the emulator's clock (now, advance, back to real time),
 * rate limits for this page (on/off, reset the counters), snapshots as files (export, import), wipe all data, the
 * badge's place, and the emulator's version and options.
 */
import { h } from '../inbox/panel.js';
import type { ConsoleContext, ConsoleTab } from '../inbox/panel-view.js';
import type { Snapshot } from '../testing/snapshot.js';
import { APPWRITE_VERSION, EMULATOR_VERSION, SERVER_VERSION_1_9 } from '../version.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function offsetText(ms: number): string {
  if (ms <= 0) return 'real time';
  const parts: string[] = [];
  const units: Array<[number, string]> = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
  let rest = ms;
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  return `real time + ${parts.join(' ') || `${ms} ms`}`;
}

export function createSettingsTab(ctx: ConsoleContext): ConsoleTab {
  const emulator = ctx.emulator as Required<ConsoleContext['emulator']>;
  const { config } = emulator;
  let timer: ReturnType<typeof setInterval> | undefined;

  const status = h('p', { class: 'hint status', role: 'status' });
  const report = (text: string, error = false) => {
    status.textContent = text;
    status.style.color = error ? '#c21f3a' : '';
    ctx.announce(text);
  };
  const act = async (action: () => Promise<string>) => {
    try {
      report(await action());
    } catch (error) {
      report(message(error), true);
    }
  };

  // ---- Clock
  const now = h('strong', { 'data-now': '' });
  const offset = h('span', { class: 'hint' });
  const tick = () => {
    const at = emulator.clock.now();
    now.textContent = at.toLocaleString();
    offset.textContent = `(${offsetText(at.getTime() - Date.now() > 500 ? at.getTime() - Date.now() : 0)})`;
  };
  const advance = (ms: number, label: string) => void act(async () => {
    await emulator.clock.advance(ms);
    tick();
    await ctx.refresh(); // token states in the inbox
    return `Clock advanced by ${label}`;
  });
  const minutes = h('input', { type: 'number', min: '1', value: '60', 'aria-label': 'Minutes to advance', style: 'width:7em' }) as HTMLInputElement;
  const clock = h('section', { class: 'group', 'aria-label': 'Clock' },
    h('h3', {}, 'Clock'),
    h('div', { class: 'row' }, now, offset),
    h('div', { class: 'row' },
      ...([[60_000, '1 min'], [15 * 60_000, '15 min'], [3_600_000, '1 h'], [86_400_000, '1 day']] as const)
        .map(([ms, label]) => h('button', { type: 'button', 'aria-label': `Advance the clock by ${label}`, onclick: () => advance(ms, label) }, `+${label}`))),
    h('form', { class: 'row', onsubmit: (event) => {
      event.preventDefault();
      const n = Number(minutes.value);
      if (Number.isFinite(n) && n > 0) advance(n * 60_000, `${n} min`);
    } }, minutes, h('button', { type: 'submit' }, 'Advance by minutes'),
      h('button', { type: 'button', onclick: () => void act(async () => {
        emulator.clock.reset();
        // The offset is kept in the database (it outlives a reload): forget it there too.
        await (await emulator.db()).meta.delete('clockOffset');
        tick();
        await ctx.refresh();
        return 'Clock back to real time';
      }) }, 'Back to real time')),
    h('p', { class: 'hint' }, 'Expiry of tokens, sessions and rate-limit windows follows this clock; the offset survives a reload.'));

  // ---- Rate limits
  const limits = h('input', { type: 'checkbox', ...(config.rateLimits ? { checked: true } : {}), onchange: () => {
    emulator.setRateLimits(limits.checked);
    report(`Rate limits ${limits.checked ? 'on' : 'off'} for this page`);
  } }) as HTMLInputElement;
  const counters = h('span', { class: 'hint' });
  const countCounters = async () => {
    counters.textContent = `${await (await emulator.db()).rateLimits.count()} counters stored`;
  };
  const rate = h('section', { class: 'group', 'aria-label': 'Rate limits' },
    h('h3', {}, 'Rate limits'),
    h('label', { class: 'check' }, limits, 'Enforce Appwrite\'s rate limits (this page, until reload)'),
    h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => void act(async () => {
      await emulator.resetRateLimits();
      await countCounters();
      return 'Rate-limit counters reset';
    }) }, 'Reset counters'), counters));

  // ---- Data
  const file = h('input', { type: 'file', accept: 'application/json,.json', class: 'sr', 'aria-label': 'Snapshot file to import', onchange: () => void act(async () => {
    const chosen = file.files?.[0];
    if (!chosen) return 'No file chosen';
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(await chosen.text()) as Snapshot;
    } catch {
      throw new Error(`${chosen.name} is not JSON`);
    }
    await emulator.import(snapshot);
    file.value = '';
    await ctx.refresh();
    return `Imported ${chosen.name}: ${(snapshot.tables?.users as unknown[] | undefined)?.length ?? 0} users. Reload the app to use them.`;
  }) }) as HTMLInputElement;
  const data = h('section', { class: 'group', 'aria-label': 'Data' },
    h('h3', {}, 'Data'),
    h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => void act(async () => {
        const snapshot = await emulator.export();
        const url = URL.createObjectURL(new Blob([JSON.stringify(snapshot, null, 2)], { type: 'application/json' }));
        const name = `appwrite-emulator-${config.projectId}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
        const a = h('a', { href: url, download: name });
        ctx.root.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return `Exported ${name}`;
      }) }, 'Export snapshot…'),
      h('button', { type: 'button', onclick: () => file.click() }, 'Import snapshot…'), file,
      h('button', { type: 'button', class: 'danger', onclick: () => {
        if (!confirm('Wipe all data: users, sessions, tokens, identities, logs, the inbox and rate-limit counters?')) return;
        void act(async () => {
          await emulator.reset();
          emulator.requests.clear();
          await ctx.refresh();
          await countCounters();
          return 'All data wiped. Reload the app to start fresh.';
        });
      } }, 'Wipe all data'),
      h('button', { type: 'button', onclick: () => location.reload() }, 'Reload the app')),
    h('p', { class: 'hint' }, `Snapshots hold users with their password hashes, sessions, tokens, the inbox and logs (IndexedDB "${config.databaseName}").`));

  // ---- Badge and about
  const methods = Object.entries(config.auth.methods).filter(([, on]) => !on).map(([name]) => name);
  const about = h('section', { class: 'group', 'aria-label': 'About' },
    h('h3', {}, 'About'),
    h('dl', {},
      ...([
        ['appwrite-emulator', EMULATOR_VERSION],
        ['Serves', { auto: `SDK 13: Appwrite ${APPWRITE_VERSION}; SDK 14+: Appwrite ${SERVER_VERSION_1_9}`, '1.4': `Appwrite ${APPWRITE_VERSION}`, '1.9': `Appwrite ${SERVER_VERSION_1_9}` }[config.behaviour]],
        ['Project', `${config.projectId} (${config.projectName})`],
        ['Endpoint', config.endpoint],
        ['Database', config.databaseName],
        ['Platforms', ['localhost', config.endpointUrl.hostname, ...config.platforms].filter((p, i, all) => all.indexOf(p) === i).join(', ')],
        ['Sessions', `${config.auth.sessionLength} s${config.auth.maxSessions ? `, at most ${config.auth.maxSessions} per user` : ''}`],
        ['Disabled sign-ins', methods.join(', ') || 'none'],
        ['Password rules', [`history ${config.auth.passwordHistory}`, config.auth.passwordDictionary ? 'dictionary' : '', config.auth.personalDataCheck ? 'personal data' : ''].filter(Boolean).join(', ')],
        ['Users limit', config.auth.limit ? String(config.auth.limit) : 'none'],
      ] as Array<[string, string]>).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => void import('./badge-move.js').then((m) => {
      m.resetBadge(ctx.host);
      report('Badge back in its corner');
    }) }, 'Badge back to its corner')));

  const element = h('div', { class: 'tabpanel' }, status, h('div', { class: 'scroll' }, clock, rate, data, about));

  return {
    element,
    show() {
      tick();
      limits.checked = config.rateLimits;
      void countCounters().catch(() => undefined);
      timer ??= setInterval(tick, 1000);
    },
    hide() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
