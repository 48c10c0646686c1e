/**
 * The package as published, for tests: `npm run build`, `npm pack`, and a fresh app folder whose node_modules holds
 * the unpacked tarball plus symlinks to this repository's copies of what `npm i` would put beside it (the packed
 * package.json's dependencies and peerDependencies, and whatever else the test names). Nothing else: a dependency the
 * package uses but does not declare fails to resolve, because the app lives in the OS temp folder. No network.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export interface PackageJson {
  name: string;
  bin?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Builds dist/ (reusing it would risk packing a stale build) and packs it into `dest`; returns the tarball's path. */
export async function packPackage(dest: string): Promise<string> {
  await run('npm', ['run', 'build'], { cwd: projectRoot });
  await mkdir(dest, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: projectRoot });
  return join(dest, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
}

async function link(nodeModules: string, name: string): Promise<void> {
  const target = resolve(projectRoot, 'node_modules', name);
  if (!existsSync(target)) throw new Error(`${name} is not installed in this repository (run npm ci)`);
  const path = join(nodeModules, name);
  await mkdir(dirname(path), { recursive: true }); // @scope/
  await symlink(target, path, 'dir');
}

/** `npm i` of the tarball and `extra` packages into `app`, without the registry. Returns the packed package.json. */
export async function installPacked(app: string, tarball: string, extra: string[] = []): Promise<PackageJson> {
  const nodeModules = join(app, 'node_modules');
  const pkgDir = join(nodeModules, 'appwrite-emulator');
  await mkdir(pkgDir, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']); // npm tarballs hold package/…
  const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as PackageJson;
  const names = new Set([...extra, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  names.delete(pkg.name);
  await Promise.all([...names].map((name) => link(nodeModules, name)));
  // node_modules/.bin, as npm writes it for the package's `bin`.
  await mkdir(join(nodeModules, '.bin'), { recursive: true });
  await Promise.all(Object.entries(pkg.bin ?? {}).map(([command, file]) =>
    symlink(join('..', pkg.name, file), join(nodeModules, '.bin', command))));
  return pkg;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}
