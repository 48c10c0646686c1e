/**
 * The README's "## Install" commands, run as written with real `git` and `npm` against the npm registry: the
 * packed-tarball recipe and the git URL recipe, each into a fresh app folder made by `npm init -y`. The commands are
 * the ```sh block of that section, read from README.md at test time, so a README edit that breaks them fails here.
 * The only change is `<repository URL>`, which becomes a file:// URL of a bare clone of this checkout. Then the
 * installed package is used as an app would: every module entry of its exports imported in plain Node, the worker
 * script resolved, its bin run, and a sign-up through createEmulator().handle().
 *
 * What is installed is this checkout's HEAD (git clones commits, not the working tree): CI's checkout is clean, but
 * in a local run uncommitted changes are not in the installed package; commit them first to test them.
 *
 * No browser is needed; it lives with the e2e files because they run one at a time after the unit/SDK suite, and
 * these installs would otherwise compete with it for the CPU. The commands run without --prefer-offline and the
 * like: measured with a warm npm cache (CI's own `npm ci` fills it) on a 2-core machine, the tarball recipe took
 * 20 s (npm ci, which builds dist/, then npm pack --ignore-scripts, which does not build it again, and the app's
 * install) and the git URL recipe 27-54 s (npm clones the repository, installs its dev dependencies to build it,
 * then packs it); --prefer-offline --no-audit
 * --no-fund changed the tarball recipe by under a second, so they would buy little and hide what a user runs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from 'appwrite-emulator';
import { projectRoot } from '../packed-package.js';

const exec = promisify(execFile);
const INSTALL_TIMEOUT = 10 * 60_000; // a bound for a slow network, not a speed goal

interface Recipe {
  /** The comment line that opens the recipe in the README. */
  title: string;
  /** Its command lines, as written (comments kept: bash skips them). */
  lines: string[];
}

/** The ```sh block under "## Install", split into recipes: each starts at a `#` comment line. */
function readInstallRecipes(readme: string): Recipe[] {
  const start = readme.indexOf('\n## Install\n');
  if (start < 0) throw new Error('README.md has no "## Install" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!block) throw new Error('README\'s "## Install" section has no ```sh block');
  const recipes: Recipe[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('#')) recipes.push({ title: line.replace(/^#\s*/, ''), lines: [] });
    else if (line.trim()) {
      if (!recipes.length) throw new Error(`README's install block must open each recipe with a # comment, before: ${line}`);
      recipes.at(-1)!.lines.push(line);
    }
  }
  return recipes;
}

/**
 * The environment of a user's terminal: none of the npm_* variables (config, package, lifecycle) and no
 * node_modules/.bin on the PATH that `npm test` gives this process, no NODE_ENV from the test runner.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) =>
    !/^npm_/i.test(key) && !['INIT_CWD', 'NODE_ENV', 'NODE_OPTIONS'].includes(key)));
  env.PATH = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules')).join(delimiter);
  return env;
}

async function sh(script: string, cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await exec('bash', ['-c', script], { cwd, env: userEnv(), maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`failed in ${cwd}:\n${script}\n--- stdout\n${stdout.slice(-4000)}\n--- stderr\n${stderr.slice(-8000)}`);
  }
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Runs a recipe's lines in one shell (its `cd`s carry over), each line as written. A line fails the recipe as a
 * whole would in a terminal where one watches each step: `a && b` that fails in `a` stops here (bash's -e would
 * not stop there).
 */
function recipeScript(recipe: Recipe, repositoryUrl: string): string {
  return recipe.lines.map((line) => {
    const command = line.replaceAll('<repository URL>', repositoryUrl);
    return `echo ${quote(`$ ${command}`)} >&2\n{ ${command}\n} || { echo "README install line failed" >&2; exit 1; }`;
  }).join('\n');
}

/** What the app sees of the installed package, from a fresh Node in the app folder (ES module, as a Vite app). */
const PROBE = `
  import { readFileSync } from 'node:fs';
  import { fileURLToPath } from 'node:url';
  const pkg = JSON.parse(readFileSync('node_modules/appwrite-emulator/package.json', 'utf8'));
  const entries = {};
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'object') entries[key] = Object.keys(await import('appwrite-emulator' + key.slice(1))).sort();
  }
  const worker = readFileSync(fileURLToPath(import.meta.resolve('appwrite-emulator/appwrite-emulator-worker.js')), 'utf8');
  const { createEmulator } = await import('appwrite-emulator');
  const emulator = createEmulator({ projectId: 'readme-install' });
  const response = await emulator.handle(new Request('https://cloud.appwrite.io/v1/account', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-appwrite-project': 'readme-install' },
    body: ${JSON.stringify(JSON.stringify({ userId: 'ada', email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' }))},
  }));
  const signUp = { status: response.status, body: await response.json() };
  await emulator.close();
  console.log(JSON.stringify({ version: pkg.version, entries, workerIsMsw: worker.includes('Mock Service Worker'), signUp }));
`;

interface Probe {
  version: string;
  entries: Record<string, string[]>;
  workerIsMsw: boolean;
  signUp: { status: number; body: Record<string, unknown> };
}

const EXPECTED_ENTRIES: Record<string, string[]> = {
  '.': ['createEmulator'],
  './browser': ['DEFAULT_WORKER_URL', 'mountInboxPanel', 'resumeOAuth2', 'startEmulator', 'waitUntilControlled'],
  './vite': ['WORKER_FILE_NAME', 'appwriteEmulator'],
  './playwright': ['clock', 'createUser', 'inbox', 'reset', 'seed', 'signInAs'],
};

let temp: string;
let repositoryUrl: string;
let recipes: Recipe[];
let ours: { name: string; version: string; exports: Record<string, unknown> };
/** The same sign-up answered by this checkout's sources: the installed package must give a user of the same shape. */
let expectedUser: Record<string, unknown>;

beforeAll(async () => {
  recipes = readInstallRecipes(await readFile(join(projectRoot, 'README.md'), 'utf8'));
  ours = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as typeof ours;
  temp = await mkdtemp(join(tmpdir(), 'appwrite-emulator-readme-install-'));
  // The "repository": a bare clone of this checkout's HEAD, whose HEAD is a branch as on a git host (a CI checkout
  // may be a detached commit).
  const bare = join(temp, 'appwrite-emulator.git');
  await exec('git', ['clone', '--quiet', '--bare', projectRoot, bare]);
  await exec('git', ['-C', bare, 'update-ref', 'refs/heads/readme-install', 'HEAD']);
  await exec('git', ['-C', bare, 'symbolic-ref', 'HEAD', 'refs/heads/readme-install']);
  repositoryUrl = `file://${bare}`;

  const emulator = createEmulator({ projectId: 'readme-install' });
  const response = await emulator.handle(new Request('https://cloud.appwrite.io/v1/account', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-appwrite-project': 'readme-install' },
    body: JSON.stringify({ userId: 'ada', email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' }),
  }));
  expect(response.status).toBe(201);
  expectedUser = (await response.json()) as Record<string, unknown>;
  await emulator.close();
}, 60_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

/**
 * Runs a recipe in a fresh folder holding a fresh app (`npm init -y`), then probes the installed package. A recipe
 * that changes into `../<app>` starts beside the app (it clones there); one that does not runs in the app.
 */
async function runRecipe(recipe: Recipe): Promise<{ app: string; probe: Probe; appPackage: { devDependencies?: Record<string, string> } }> {
  const script = recipeScript(recipe, repositoryUrl);
  const appName = /\bcd \.\.\/([\w.-]+)/.exec(script)?.[1];
  const folder = join(temp, `recipe-${recipes.indexOf(recipe)}`);
  const app = join(folder, appName ?? 'my-app');
  await mkdir(app, { recursive: true });
  await sh('npm init -y', app);
  await sh(script, appName ? folder : app);
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', PROBE], { cwd: app, env: userEnv() });
  const appPackage = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  return { app, probe: JSON.parse(stdout) as Probe, appPackage };
}

/** The installed package works: every module entry loads in Node, the worker resolves, the bin runs, a sign-up succeeds. */
async function expectWorkingInstall(app: string, probe: Probe): Promise<void> {
  expect(probe.version).toBe(ours.version);
  expect(Object.keys(probe.entries)).toEqual(Object.entries(ours.exports).filter(([, t]) => typeof t === 'object').map(([k]) => k));
  for (const [key, names] of Object.entries(EXPECTED_ENTRIES)) expect(probe.entries[key], key).toEqual(expect.arrayContaining(names));
  expect(probe.workerIsMsw).toBe(true);
  expect(probe.signUp.status).toBe(201);
  expect(Object.keys(probe.signUp.body).sort()).toEqual(Object.keys(expectedUser).sort());
  expect(probe.signUp.body).toMatchObject({ $id: 'ada', email: 'ada@example.com', name: 'Ada', status: true, emailVerification: false });
  // The package's bin, linked by npm into the app (the browser quick start's `npx appwrite-emulator init public`).
  await sh('node_modules/.bin/appwrite-emulator init public', app);
  expect(await readFile(join(app, 'public/appwrite-emulator-worker.js'), 'utf8')).toContain('Mock Service Worker');
}

const recipeWith = (text: string) => {
  const recipe = recipes.find((r) => r.lines.some((line) => line.includes(text)));
  if (!recipe) throw new Error(`README's install block has no recipe with ${text}`);
  return recipe;
};

describe('README: Install', () => {
  it('has the two recipes, each naming the repository URL', () => {
    expect(recipes.map((r) => r.title)).toEqual([
      expect.stringContaining('packed tarball'),
      expect.stringContaining('straight from git'),
    ]);
    for (const recipe of recipes) expect(recipe.lines.join('\n')).toContain('<repository URL>');
  });

  it('names the tarball npm pack writes for this version of package.json', () => {
    const named = new Set(recipeWith('npm pack').lines.join('\n').match(/[\w-]+-\d+\.\d+\.\d+[\w.-]*\.tgz/g));
    expect([...named]).toEqual([`${ours.name}-${ours.version}.tgz`]);
  });

  it('a packed tarball: clone, npm ci && npm pack --ignore-scripts, npm i -D the .tgz and msw in the app', async () => {
    const { app, probe, appPackage } = await runRecipe(recipeWith('npm pack'));
    expect(appPackage.devDependencies).toEqual({
      'appwrite-emulator': `file:../appwrite-emulator/${ours.name}-${ours.version}.tgz`,
      msw: '^2.15.0',
    });
    expect(existsSync(join(app, 'node_modules/appwrite-emulator/dist/index.js'))).toBe(true);
    await expectWorkingInstall(app, probe);
  }, INSTALL_TIMEOUT);

  it('straight from git: npm i -D "git+<repository URL>" and msw (npm builds the package)', async () => {
    const { app, probe, appPackage } = await runRecipe(recipeWith('git+<repository URL>'));
    expect(appPackage.devDependencies).toEqual({ 'appwrite-emulator': `git+${repositoryUrl}`, msw: '^2.15.0' });
    // dist/ is not in git: npm ran the package's prepare script (npm run build) in its clone before packing it.
    expect(existsSync(join(app, 'node_modules/appwrite-emulator/dist/index.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/appwrite-emulator/src'))).toBe(false);
    await expectWorkingInstall(app, probe);
  }, INSTALL_TIMEOUT);
});
