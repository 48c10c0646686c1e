// `npm run bench`: the npm script builds dist/ first; the browser suites build their own pages and bundles into
// temporary folders (removed again) and drive Debian's Chromium. One table per suite.
import { browserSignIn } from './browser-signin.mjs';
import { browserStart } from './browser-start.mjs';
import { bundleSize } from './bundle-size.mjs';
import { nodeLatency } from './node-latency.mjs';

const fmt = (n) => n.toFixed(3);
const ms = (n) => n.toFixed(1);
const bytes = (n) => n.toLocaleString('en-US');
const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

console.log('appwrite-emulator benchmarks (Node', process.version + ', msw/node, real appwrite@13.0.2, appwrite@26.0.0 and appwrite@28.0.0 SDKs)\n');
console.log('Node: median latency per call, emulator vs a bare MSW handler returning constant JSON');
const rows = await nodeLatency();
console.log(['call'.padEnd(88), 'emulator ms', 'bare ms', 'ratio', 'samples'].join('  '));
for (const r of rows) {
  console.log([r.name.padEnd(88), fmt(r.emulatorMs).padStart(11), fmt(r.bareMs).padStart(7), (fmt(r.ratio) + 'x').padStart(7), String(r.samples).padStart(7)].join('  '));
}
for (const get of rows.filter((r) => r.name.startsWith('account.get()'))) {
  console.log(`${get.name} target: within 1.3x of the bare floor -> ${get.ratio <= 1.3 ? 'met' : 'NOT met'} (${fmt(get.ratio)}x)`);
}
for (const sign of rows.filter((r) => /^sign-(up|in).*default options/.test(r.name))) {
  console.log(`${sign.name} target: within 3x of the bare handler -> ${sign.ratio <= 3 ? 'met' : 'NOT met'} (${fmt(sign.ratio)}x)`);
}

// ---- Bundle size -------------------------------------------------------------------------------------------------
const TARGET_GZ = 60_000;
const size = await bundleSize();
const bw = [72, 10, 10];
console.log('\n\nBrowser bundle: import { startEmulator } from \'appwrite-emulator/browser\' (msw, appwrite external), bundled');
console.log('alone by Vite (lib mode, ES, minified, shared modules kept in the entry as an app build does); gzip level 9.');
console.log('Baseline: msw/browser (setupWorker) bundled the same way.');
console.log(row(['chunk', 'min bytes', 'gzip bytes'], bw));
console.log('loaded at start:');
for (const c of size.emulator.start) console.log(row([`  ${c.fileName} (${c.what})`, bytes(c.min), bytes(c.gz)], bw));
console.log(row(['  total at start', bytes(size.emulator.startMin), bytes(size.emulator.startGz)], bw));
console.log('lazy (not loaded at start):');
for (const c of size.emulator.lazy) console.log(row([`  ${c.fileName}: ${c.when}`, bytes(c.min), bytes(c.gz)], bw));
console.log(row(['baseline: msw/browser at start', bytes(size.msw.startMin), bytes(size.msw.startGz)], bw));
console.log('start chunks by part (marginal: the start size minus the start size with that package external):');
for (const p of size.parts) console.log(row([`  ${p.name}`, bytes(p.min), bytes(p.gz)], bw));
console.log(`fake-indexeddb (Node only) in the browser bundle: ${size.fakeIndexedDbChunks.length ? `YES, in ${size.fakeIndexedDbChunks.join(', ')}` : 'no (in no emitted chunk)'}`);
// The panel is on by default, so the target is judged on the start chunks plus the chunk startEmulator() fetches
// for it at start: the badge (inbox/panel). The panel's body (inbox/panel-view) and its link check load on its first
// open, not at start.
const panel = size.emulator.lazy.filter((c) => c.modules.some((id) => /inbox\/panel\.[jt]s$/.test(id)));
const withPanel = size.emulator.startGz + panel.reduce((n, c) => n + c.gz, 0);
console.log(row(['  total at start + the inbox badge (panel on by default)', '', bytes(withPanel)], bw));
console.log(`\nbundle target: under ${bytes(TARGET_GZ)} bytes gzipped at start, panel included -> ${withPanel < TARGET_GZ ? 'met' : 'NOT met'}`
  + ` (${bytes(withPanel)}; ${(withPanel / size.msw.startGz).toFixed(2)}x of msw/browser's own ${bytes(size.msw.startGz)})`);

// ---- Browser start-up --------------------------------------------------------------------------------------------
try {
  const start = await browserStart();
  const sw = [32, 5, 13, 15, 15, 8];
  console.log(`\n\nBrowser start-up: Chromium ${start.chromium}, production builds served by node:http; median ms from navigation start`);
  console.log(`(performance.now()). ${start.coldRuns} cold loads (fresh context: no service worker, empty IndexedDB and cache) per page,`);
  console.log(`each followed by ${start.warmReloads} warm reloads; emulator and baseline alternate. First call: account.get() -> 401.`);
  console.log(row(['page', 'load', 'script ready', 'worker started', 'first response', 'samples'], sw));
  for (const kind of ['cold', 'warm']) {
    for (const [label, r] of [['emulator (startEmulator)', start.emulator], ['bare MSW worker (baseline)', start.bare]]) {
      const p = r[kind];
      console.log(row([label, kind, ms(p.scriptStart), ms(p.started), ms(p.firstResponse), p.samples], sw));
    }
  }
  for (const kind of ['cold', 'warm']) {
    const p = start.tla[kind];
    console.log(row([`emulator, top-level await`, kind, ms(p.scriptStart), ms(p.started), ms(p.firstResponse), p.samples], sw));
  }
  console.log(`JS files at start: emulator page ${start.startFiles.emulator}, bare page ${start.startFiles.bare},`
    + ` emulator page with a top-level await ${start.tla.startFiles} (Rolldown merges no shared chunk into the entry`
    + ` of a graph with top-level await: start the emulator from a function in production builds)`);
  const ratio = (kind) => start.emulator[kind].firstResponse / start.bare[kind].firstResponse;
  const controlled = (r) => `${r.warm.controlledAtLoad}/${r.warm.samples}`;
  console.log(`warm reloads already controlled at load: emulator ${controlled(start.emulator)}, bare ${controlled(start.bare)}`
    + ' (msw unregisters its worker when its last page unloads; start() registers it again)');
  console.log(`emulator database after the cold load: ${start.emulator.databases.join(', ') || 'none'}`);
  const js = start.pageJs;
  console.log(`JS loaded at start (min / gzip bytes): emulator page ${bytes(js.emulator.min)} / ${bytes(js.emulator.gz)},`
    + ` bare page ${bytes(js.bare.min)} / ${bytes(js.bare.gz)}`);
  console.log(`emulator page's lazy chunks fetched by these loads: ${start.lazy.filter((c) => c.fetched).map((c) => c.fileName).join(', ') || 'none'}`
    + ` (of ${start.lazy.map((c) => `${c.fileName.replace(/^assets\//, '')} [${c.what}]`).join(', ')})`);
  const met = ratio('cold') <= 1.5 && ratio('warm') <= 1.5;
  console.log(`\nstart-up target: first response within 1.5x of the bare worker -> ${met ? 'met' : 'NOT met'}`
    + ` (cold ${ratio('cold').toFixed(2)}x, warm ${ratio('warm').toFixed(2)}x)`);
  const tla = (kind) => start.tla[kind].firstResponse / start.bare[kind].firstResponse;
  console.log(`with a top-level await in the page (not the target's page): cold ${tla('cold').toFixed(2)}x, warm ${tla('warm').toFixed(2)}x`);
} catch (error) {
  console.error(`\n\nBrowser start-up: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

// ---- Browser sign-up and sign-in ---------------------------------------------------------------------------------
try {
  const { rows: signIns, chromium } = await browserSignIn();
  const bw = [64, 11, 7, 7, 7];
  console.log(`\n\nBrowser: sign-up and sign-in through SDK 28 in Chromium ${chromium}, production builds, default options`);
  console.log('(rate limits off); median ms per call. Baseline: a bare MSW worker answering constant User / Session models.');
  console.log(row(['call', 'emulator ms', 'bare ms', 'ratio', 'samples'], bw));
  const label = { 'sign-up': 'sign-up: account.create() (SDK 28)', 'sign-in': 'sign-in: createEmailPasswordSession() (SDK 28)' };
  for (const r of signIns) console.log(row([label[r.kind], fmt(r.emulatorMs), fmt(r.bareMs), `${fmt(r.ratio)}x`, r.samples], bw));
  for (const r of signIns) {
    console.log(`browser ${r.kind} target: within 3x of the bare worker handler -> ${r.ratio <= 3 ? 'met' : 'NOT met'} (${fmt(r.ratio)}x)`);
  }
} catch (error) {
  console.error(`\n\nBrowser sign-up and sign-in: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
