// `appwrite-emulator graduate`: creates an exported snapshot's users on a real Appwrite server through the
// official server SDK (node-appwrite), importing their argon2id hashes as they are, so the users keep their
// passwords. Sessions, tokens, identities, the inbox and logs stay behind: they belong to the emulator.
import { readFile } from 'node:fs/promises';

export const GRADUATE_USAGE = `Usage: appwrite-emulator graduate <snapshot.json> --endpoint <url> --project <id> [--key <api key>] [--dry-run]

  Creates the snapshot's users (await emulator.export(), saved as JSON) on a real Appwrite server through its
  Users API, with their argon2id password hashes, e-mail, phone, name, verification flags, prefs, labels, status
  and MFA flag. The API key (scope users.write) comes from --key or $APPWRITE_API_KEY. --dry-run prints what it
  would do and calls nothing. Needs node-appwrite: npm i -D node-appwrite`;

/** Parses `graduate`'s arguments; returns an error string for bad usage. */
export function parseGraduateArgs(args, env = process.env) {
  const options = { dryRun: false, key: env.APPWRITE_API_KEY };
  const files = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (['--endpoint', '--project', '--key'].includes(arg)) {
      const value = args[++i];
      if (!value || value.startsWith('--')) return { error: `${arg} needs a value` };
      options[arg.slice(2)] = value;
    } else if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
    else files.push(arg);
  }
  if (files.length !== 1) return { error: 'give exactly one snapshot file' };
  if (!options.endpoint || !/^https?:\/\//.test(options.endpoint)) return { error: '--endpoint must be the server\'s http(s) API URL, e.g. https://cloud.appwrite.io/v1' };
  if (!options.project) return { error: '--project is required' };
  if (!options.dryRun && !options.key) return { error: 'an API key is required: --key or $APPWRITE_API_KEY (scope users.write)' };
  return { file: files[0], ...options };
}

const ARGON2ID = /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/** The Users API calls that recreate one stored user, each with a line saying what it does. */
export function planUser(user) {
  const steps = [];
  const who = user.email || user.phone || '(no e-mail or phone)';
  const carriesHash = user.password && user.email && ARGON2ID.test(user.password);
  if (carriesHash) {
    steps.push({ say: `create ${user.$id} <${who}> with its argon2id password hash`, call: 'createArgon2User', params: { userId: user.$id, email: user.email, password: user.password, name: user.name || undefined } });
    if (user.phone) steps.push({ say: `  set phone ${user.phone}`, call: 'updatePhone', params: { userId: user.$id, number: user.phone } });
  } else {
    const note = user.password ? ' (its password is not carried: Appwrite imports a hash only with an e-mail)' : '';
    steps.push({ say: `create ${user.$id} <${who}> without a password${note}`, call: 'create', params: { userId: user.$id, email: user.email || undefined, phone: user.phone || undefined, name: user.name || undefined } });
  }
  if (user.emailVerification) steps.push({ say: '  mark the e-mail verified', call: 'updateEmailVerification', params: { userId: user.$id, emailVerification: true } });
  if (user.phoneVerification) steps.push({ say: '  mark the phone verified', call: 'updatePhoneVerification', params: { userId: user.$id, phoneVerification: true } });
  if (user.prefs && Object.keys(user.prefs).length) steps.push({ say: `  set prefs ${JSON.stringify(user.prefs)}`, call: 'updatePrefs', params: { userId: user.$id, prefs: user.prefs } });
  if (user.labels?.length) steps.push({ say: `  set labels ${user.labels.join(', ')}`, call: 'updateLabels', params: { userId: user.$id, labels: user.labels } });
  if (user.mfa) steps.push({ say: '  turn MFA on (its authenticators are not carried)', call: 'updateMfa', params: { userId: user.$id, mfa: true } });
  if (user.status === false) steps.push({ say: '  block it', call: 'updateStatus', params: { userId: user.$id, status: false } });
  return steps;
}

async function loadSdk() {
  try {
    return await import('node-appwrite');
  } catch {
    throw new Error('graduate needs the official server SDK. Install it: npm i -D node-appwrite');
  }
}

export async function graduate(options, log = console.log) {
  let snapshot;
  try {
    snapshot = JSON.parse(await readFile(options.file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${options.file}: ${error.message}`);
  }
  if (snapshot?.format !== 'appwrite-emulator-snapshot' || !Array.isArray(snapshot.tables?.users)) {
    throw new Error(`${options.file} is not an appwrite-emulator snapshot (save await emulator.export() as JSON)`);
  }
  const users = [...snapshot.tables.users].sort((a, b) => a.$createdAt - b.$createdAt);
  log(`${options.dryRun ? 'Dry run: would create' : 'Creating'} ${users.length} user(s) on ${options.endpoint} (project ${options.project})`);
  let service = null;
  if (!options.dryRun) {
    const sdk = await loadSdk();
    service = new sdk.Users(new sdk.Client().setEndpoint(options.endpoint).setProject(options.project).setKey(options.key));
  }
  let failed = 0;
  for (const user of users) {
    for (const [index, step] of planUser(user).entries()) {
      log(step.say);
      if (!service) continue;
      try {
        await service[step.call](step.params);
      } catch (error) {
        failed++;
        log(`  failed: ${error.type ?? 'error'}: ${error.message}`);
        if (index === 0) break; // the user was not created: its other steps cannot work
      }
    }
  }
  if (!options.dryRun) log(failed ? `Done with ${failed} failed call(s).` : `Done: ${users.length} user(s) created.`);
  return failed === 0;
}
