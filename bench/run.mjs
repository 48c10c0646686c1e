// `npm run bench`: builds nothing itself (the npm script runs the build first) and prints one table per suite.
import { nodeLatency } from './node-latency.mjs';

const fmt = (n) => n.toFixed(3);

console.log('appwrite-emulator benchmarks (Node', process.version + ', msw/node, real appwrite@13.0.2 SDK)\n');
console.log('Node: median latency per call, emulator vs a bare MSW handler returning constant JSON');
const rows = await nodeLatency();
console.log(['call'.padEnd(62), 'emulator ms', 'bare ms', 'ratio', 'samples'].join('  '));
for (const r of rows) {
  console.log([r.name.padEnd(62), fmt(r.emulatorMs).padStart(11), fmt(r.bareMs).padStart(7), (fmt(r.ratio) + 'x').padStart(7), String(r.samples).padStart(7)].join('  '));
}
const get = rows.find((r) => r.name === 'account.get()');
console.log(`\naccount.get() target: within 1.5x of the bare floor -> ${get.ratio <= 1.5 ? 'met' : 'NOT met'} (${fmt(get.ratio)}x)`);
