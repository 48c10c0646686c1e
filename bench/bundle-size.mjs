// Browser bundle size: what `import { startEmulator } from 'appwrite-emulator/browser'` adds to an app, beside
// msw's own browser entry as the baseline. Each is bundled alone by Vite (lib mode, ES, fully minified), in memory.
// msw and appwrite are external for the emulator: the app has them anyway (msw is our peer dependency).
// Sizes: minified bytes, and gzip level 9 bytes (node:zlib).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const EMULATOR_EXTERNAL = [/^msw(\/|$)/, /^appwrite(\/|$)/];

/** When a lazy chunk is loaded, by what it holds. */
const LAZY_WHEN = [
  [/common-passwords-list/, 'only with auth.passwordDictionary on'],
  [/@noble\/hashes\/argon2|crypto\/password/, 'on the first password hash or check'],
  [/node_modules\/jose\//, 'on the first createJWT()'],
  [/node_modules\/fake-indexeddb\//, 'never in a browser (Node fallback)'],
  [/inbox\/panel-view/, 'on the inbox panel\'s first open (the list, e-mail previews, the link check)'],
  [/inbox\/panel\.[jt]s$/, 'the inbox badge: fetched by startEmulator() while the worker starts, unless panel: false'],
  [/browser\/safe-navigation/, 'on the inbox panel\'s first open or an OAuth2 sign-in (the http(s)-only link check)'],
  [/ua-parser-js|models\/client-info-parse/, 'on the first session created or log listed (user-agent parsing)'],
  [/validation\/(list-queries|queries)/, 'on the first identities or logs list (query parsing, both syntaxes)'],
  [/services\/(email-parser|phrase|email-token|token-session|token-rules|push-targets|oauth2-token|oauth-providers)/, 'on the first request of a 1.9.6 route that needs it'],
  [/libphonenumber-js|validation\/phone-1-9/, 'on the first 1.9.6 request with a phone number (libphonenumber, min metadata)'],
  [/services\/session-alert|templates-session-alert/, 'on the first new session with auth.sessionAlerts on'],
  [/services\/personal-data/, 'only with auth.personalDataCheck on'],
  [/validation\/(password-strength|redirect-1-9)|services\/(session-invalidation|session-update|delivery)/, 'on the first 1.9.6 request that needs it (new password, redirect URL, password change, session update)'],
  [/crypto\/jwt/, 'on the first JWT sent or created'],
  [/http\/rate-limit/, 'on the first rate-limited request (sign-up, sign-in, token, recovery and verification routes)'],
  [/http\/other-services|errors\/emulator-errors/, 'on the first request to an Appwrite service the emulator does not emulate'],
  [/browser\/start-errors/, 'when startEmulator() fails, or warns of a request to another endpoint'],
  [/option-keys/, 'when an option key is unknown (the error naming the nearest valid key)'],
  [/realtime\//, 'on the first realtime socket or the first change that may fire an account event'],
  [/oauth2-(consent|flow|page|handoff)/, 'only when an OAuth2 sign-in returns to the page'],
  [/services\/(oauth2|magic-url|phone|recovery|verification|identities|tokens)|inbox\/links/, 'on the first request of that route group'],
  [/http\/routes\/mfa|services\/mfa|crypto\/totp/, 'the MFA route group (table and services): on the first request under /account/mfa'],
  [/services\/sessions/, 'on the first sign-in or session request (not needed to answer a signed-in page)'],
  [/services\/(account|passwords)\.js$/, 'on the first account write: sign-up, name, e-mail, phone, password, prefs, status, deletion'],
];

const gz = (code) => gzipSync(code, { level: 9 }).length;

let entries = 0;

/** Bundles `source` (an entry module) alone; returns its chunks split into loaded-at-start and lazy. */
async function bundle(dir, source, external) {
  const entry = join(dir, `entry-${++entries}.js`);
  await writeFile(entry, source);
  const result = await build({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    publicDir: false,
    cacheDir: join(dir, 'vite-cache'),
    // The package as published: the freshly built dist/ (npm run bench builds it first).
    resolve: { alias: [{ find: /^appwrite-emulator\/browser$/, replacement: resolve(projectRoot, 'dist/browser/index.js') }] },
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'entry' },
      // Lib mode keeps whitespace in ES output unless told; an app's production build would minify fully.
      // 'allow-extension': like an app build, modules shared with lazy chunks stay in the entry chunk instead of
      // being split into extra start-up chunks (lib mode's 'strict' default does that, an app's bundler does not).
      rolldownOptions: { external, preserveEntrySignatures: 'allow-extension', output: { minify: true } },
    },
  });
  const chunks = (Array.isArray(result) ? result[0] : result).output.filter((item) => item.type === 'chunk');
  const start = startChunks(chunks);
  const sized = (c) => ({ fileName: c.fileName, min: Buffer.byteLength(c.code), gz: gz(c.code), what: describeChunk(c), modules: Object.keys(c.modules) });
  const atStart = [...start].map(sized);
  return {
    start: atStart,
    startMin: atStart.reduce((n, c) => n + c.min, 0),
    startGz: atStart.reduce((n, c) => n + c.gz, 0),
    lazy: chunks.filter((c) => !start.has(c)).map(sized).map((c) => ({
      ...c,
      when: LAZY_WHEN.find(([re]) => c.modules.some((id) => re.test(id.replace(/\\/g, '/'))))?.[1] ?? 'lazy',
    })),
  };
}

const EMULATOR_ENTRY = "import { startEmulator } from 'appwrite-emulator/browser';\nexport { startEmulator };\n";

export async function bundleSize() {
  // Inside the project (node_modules/.cache, git-ignored) so the entries resolve msw from its node_modules.
  await mkdir(join(projectRoot, 'node_modules/.cache'), { recursive: true });
  const dir = await mkdtemp(join(projectRoot, 'node_modules/.cache/appwrite-emulator-bundle-'));
  try {
    const emulator = await bundle(dir, EMULATOR_ENTRY, EMULATOR_EXTERNAL);
    const msw = await bundle(dir, "export { setupWorker } from 'msw/browser';\n", []);

    // What the start chunk is made of: each dependency's marginal cost (the start size with it made external).
    const packages = new Set(emulator.start.flatMap((c) => c.modules).map(packageOf).filter(Boolean));
    const parts = [];
    for (const pkg of packages) {
      const escaped = pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      const without = await bundle(dir, EMULATOR_ENTRY, [...EMULATOR_EXTERNAL, new RegExp(`^${escaped}(/|$)`)]);
      parts.push({ name: pkg, min: emulator.startMin - without.startMin, gz: emulator.startGz - without.startGz });
    }
    parts.sort((a, b) => b.gz - a.gz);
    parts.push({
      name: "the emulator's own code (the rest)",
      min: emulator.startMin - parts.reduce((n, p) => n + p.min, 0),
      gz: emulator.startGz - parts.reduce((n, p) => n + p.gz, 0),
    });

    const everything = [...emulator.start, ...emulator.lazy];
    const fakeIndexedDbChunks = everything.filter((c) => c.modules.some((id) => /node_modules[\\/]fake-indexeddb[\\/]/.test(id)));
    return { emulator, msw, parts, fakeIndexedDbChunks: fakeIndexedDbChunks.map((c) => c.fileName) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The chunks loaded at start: the entries and whatever they import statically, transitively. */
export function startChunks(chunks) {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const start = new Set();
  const visit = (chunk) => {
    if (start.has(chunk)) return;
    start.add(chunk);
    for (const name of chunk.imports) if (byName.has(name)) visit(byName.get(name));
  };
  chunks.filter((c) => c.isEntry).forEach(visit);
  return start;
}

/** The npm package a bundled module comes from; null for this project's own files and the entry. */
function packageOf(id) {
  return /node_modules\/((?:@[^/]+\/)?[^/.][^/]*)/.exec(id.replace(/\\/g, '/'))?.[1] ?? null;
}

/** The biggest parts of a chunk (npm packages, or our own files), largest first, for a one-line label. */
export function describeChunk(chunk, max = 3) {
  const sizes = new Map();
  for (const [id, info] of Object.entries(chunk.modules)) {
    if (id.includes('appwrite-emulator-bundle-') || id.startsWith('\0')) continue; // the bench's entry, bundler runtime
    const part = packageOf(id) ?? id.replace(/\\/g, '/').split('/').slice(-2).join('/');
    sizes.set(part, (sizes.get(part) ?? 0) + info.renderedLength);
  }
  const names = [...sizes].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  return names.length > max ? `${names.slice(0, max).join(', ')} +${names.length - max} more` : names.join(', ');
}
