import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

/**
 * The SDK version matrix: every installed Web SDK alias, the response format its Client hard-codes (read from each
 * package's dist/esm/sdk.js), and a checker of the models the emulator sends against THAT SDK's own
 * types/models.d.ts, so a model drifting from what an SDK declares fails a test instead of a user's build.
 */
export interface SdkVersion {
  /** The npm alias the SDK is installed as. */
  name: string;
  /** Its major version. */
  version: number;
  /** The `X-Appwrite-Response-Format` header its Client sends. */
  format: string;
  /** Imports the SDK module (typed loosely: each version's API differs). */
  load: () => Promise<any>;
}

export const SDKS: SdkVersion[] = [
  { name: 'appwrite-13', version: 13, format: '1.4.0', load: () => import('appwrite-13') },
  { name: 'appwrite-14', version: 14, format: '1.5.0', load: () => import('appwrite-14') },
  { name: 'appwrite-16', version: 16, format: '1.6.0', load: () => import('appwrite-16') },
  { name: 'appwrite-18', version: 18, format: '1.7.0', load: () => import('appwrite-18') },
  { name: 'appwrite-22', version: 22, format: '1.8.0', load: () => import('appwrite-22') },
  { name: 'appwrite-24', version: 24, format: '1.9.0', load: () => import('appwrite-24') },
  { name: 'appwrite-25', version: 25, format: '1.9.2', load: () => import('appwrite-25') },
  { name: 'appwrite-26', version: 26, format: '1.9.5', load: () => import('appwrite-26') },
  { name: 'appwrite-27', version: 27, format: '2.0.0', load: () => import('appwrite-27') },
  { name: 'appwrite-28', version: 28, format: '2.3.0', load: () => import('appwrite-28') },
];

/**
 * A key's coarse type: `string`, `number`, `boolean`, `object`, `model:<Name>` (another model of the namespace),
 * `array:<coarse>` (e.g. `array:model:Target`, `array:string`), or `unknown` for what the parser does not map.
 */
export type CoarseType = string;

export interface ModelKey {
  key: string;
  optional: boolean;
  type: CoarseType;
}

export interface ModelOptions {
  /** Per model, keys that may be present although the SDK does not declare them (see SENT_TO_EVERY_1_9_FORMAT). */
  tolerate?: Readonly<Record<string, readonly string[]>>;
  /** Per model, declared keys that may be absent although the SDK declares them required (see NOT_SENT_BY_1_9_6). */
  absent?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Keys Appwrite 1.9.6 sends to every format from 1.5.0 on although older SDKs do not declare them: no response filter
 * removes them (spec 1.9 §2: "Every key added after 1.5 that is not listed above … is sent to all 1.9.6-behaviour
 * formats"). SDK 13 (1.4 behaviour) gets none of them.
 */
export const SENT_TO_EVERY_1_9_FORMAT: Readonly<Record<string, readonly string[]>> = {
  User: ['emailCanonical', 'emailIsFree', 'emailIsDisposable', 'emailIsCorporate', 'emailIsCanonical'],
  Session: ['$updatedAt', 'mfaUpdatedAt'],
  Target: ['expired'],
  MfaFactors: ['recoveryCode'],
  Log: ['userType'],
};

/**
 * Keys SDK 28 declares required that a 1.9.6 server never produces (spec 1.9 §7.6: SDK 28 targets the Cloud-only 2.3
 * line): a real 1.9.6 server leaves them out too.
 */
export const NOT_SENT_BY_1_9_6: Readonly<Record<string, readonly string[]>> = {
  Identity: ['providerIdToken'],
  // SDK 27/28's custom MFA factor is Cloud's (1.9 spec §5.7).
  MfaFactors: ['custom'],
};

export interface ModelDecl {
  name: string;
  keys: ModelKey[];
  /** Declares an index signature (`[key: string]: any`): any other key is allowed (Preferences). */
  open: boolean;
}

const require = createRequire(import.meta.url);

/** The text of `types/models.d.ts` of an installed SDK alias. */
export function modelsSource(sdk: SdkVersion | string): string {
  const name = typeof sdk === 'string' ? sdk : sdk.name;
  const root = dirname(require.resolve(`${name}/package.json`));
  return readFileSync(join(root, 'types', 'models.d.ts'), 'utf8');
}

const OPEN_MODEL = /^\s*(?:export\s+)?type\s+(\w+)(?:<(.*)>)?\s*=\s*(?:[\w.]+\s*&\s*)?\{\s*$/;
/** One generic parameter: `Preferences extends Models.Preferences = Models.DefaultPreferences`. */
const GENERIC = /^\s*(\w+)\s+extends\s+([\w.]+)(?:\s*=\s*([\w.]+))?\s*$/;
const EMPTY_MODEL = /^\s*(?:export\s+)?type\s+(\w+)(?:<.*>)?\s*=\s*\{\s*\};\s*$/;
const PROPERTY = /^\s*(\$?[A-Za-z_][\w]*)(\?)?:\s*(.+?);\s*$/;
const INDEX = /^\s*\[[^\]]+\]\s*:/;
const CLOSE = /^\s*\};\s*$/;

/**
 * Parses the `Models` namespace of an SDK's models.d.ts (one generated shape across 13 to 28: one property per line,
 * doc comments in between, `type X<...> = {` … `};`) into its models.
 */
export function parseModels(source: string): Map<string, ModelDecl> {
  const start = source.search(/namespace Models\s*\{/);
  if (start < 0) throw new Error('no `namespace Models` in the models source');
  type Raw = { name: string; keys: Array<{ key: string; optional: boolean; ts: string }>; open: boolean; generics: Map<string, string> };
  const raw = new Map<string, Raw>();
  let current: Raw | undefined;
  let inComment = false;
  for (const line of source.slice(start).split('\n').slice(1)) {
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      continue;
    }
    if (/^\s*\/\*/.test(line)) {
      if (!line.includes('*/')) inComment = true;
      continue;
    }
    if (!current) {
      const empty = EMPTY_MODEL.exec(line);
      if (empty) raw.set(empty[1]!, { name: empty[1]!, keys: [], open: false, generics: new Map() });
      const open = OPEN_MODEL.exec(line);
      if (open) current = { name: open[1]!, keys: [], open: false, generics: generics(open[2]) };
      continue;
    }
    if (CLOSE.test(line)) {
      raw.set(current.name, current);
      current = undefined;
      continue;
    }
    if (INDEX.test(line)) {
      current.open = true;
      continue;
    }
    const property = PROPERTY.exec(line);
    if (property) current.keys.push({ key: property[1]!, optional: property[2] === '?', ts: property[3]! });
  }
  const names = new Set(raw.keys());
  const models = new Map<string, ModelDecl>();
  for (const model of raw.values()) {
    models.set(model.name, {
      name: model.name,
      open: model.open,
      keys: model.keys.map(({ key, optional, ts }) => ({ key, optional, type: coarse(resolve(ts, model.generics), names) })),
    });
  }
  return models;
}

/**
 * A model's generic parameters, each mapped to its default or else its constraint: `prefs: Preferences` of SDK 18+'s
 * `User<Preferences extends Models.Preferences = Models.DefaultPreferences>` is a DefaultPreferences (open), while
 * SDK 13's `User<Preferences extends Models.Preferences>` has the (open) Preferences.
 */
function generics(list: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of list?.split(',') ?? []) {
    const match = GENERIC.exec(part);
    if (match) map.set(match[1]!, (match[3] ?? match[2]!).replace(/^Models\./, ''));
  }
  return map;
}

/** A property type with a generic parameter (alone or as `P[]`) replaced by what it stands for. */
function resolve(ts: string, generics: Map<string, string>): string {
  const match = /^(\w+)((?:\[\])*)$/.exec(ts.trim());
  return match && generics.has(match[1]!) ? `${generics.get(match[1]!)}${match[2]}` : ts;
}

/** Maps a TypeScript property type to its coarse type. */
function coarse(ts: string, models: Set<string>): CoarseType {
  const type = ts.trim();
  if (type.endsWith('[]')) return `array:${coarse(type.slice(0, -2), models)}`;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'object') return type;
  if (type === 'true' || type === 'false') return 'boolean';
  if (/^Record<.*>$/.test(type)) return 'object';
  const name = type.replace(/^Models\./, '').replace(/<.*>$/, '');
  if (models.has(name)) return `model:${name}`;
  // Enums (ExecutionStatus…) are string enums in every SDK.
  if (/^[A-Z]\w*$/.test(name)) return 'string';
  return 'unknown';
}

const cache = new Map<string, Map<string, ModelDecl>>();

/** The models an SDK declares, parsed once per SDK. */
export function sdkModels(sdk: SdkVersion | string): Map<string, ModelDecl> {
  const name = typeof sdk === 'string' ? sdk : sdk.name;
  let models = cache.get(name);
  if (!models) cache.set(name, (models = parseModels(modelsSource(name))));
  return models;
}

function declOf(sdk: SdkVersion | string, model: string): ModelDecl {
  const decl = sdkModels(sdk).get(model);
  if (!decl) throw new Error(`${typeof sdk === 'string' ? sdk : sdk.name} declares no model ${model}`);
  return decl;
}

/** The keys `model` has in `sdk`'s models.d.ts, in declaration order. */
export function modelKeys(sdk: SdkVersion | string, model: string): ModelKey[] {
  return declOf(sdk, model).keys;
}

/**
 * The problems of `value` as `sdk`'s `model`: a required key missing, a key of the wrong coarse type (recursing into
 * nested models and arrays; an optional key may be null), or a key the model does not declare. Empty when it matches.
 */
/**
 * SDK 24 and 25 give every response object an own `toString` (their sdk.js: `data.toString = () =>
 * JSONbig.stringify(data)`). It is the SDK's, not a key the server sent, so the checkers skip it.
 */
const sdkAddedKey = (value: Record<string, unknown>, key: string) => key === 'toString' && typeof value[key] === 'function';

/** A response as the server sent it: the SDK-added `toString` of SDK 24/25 removed (see sdkAddedKey). */
export function asSent<T>(value: T): T {
  if (!isObject(value) || !sdkAddedKey(value, 'toString')) return value;
  const { toString: _sdkAdded, ...sent } = value;
  return sent as T;
}

export function modelProblems(sdk: SdkVersion | string, model: string, value: unknown, options: ModelOptions = {}, path = model): string[] {
  const decl = declOf(sdk, model);
  if (!isObject(value)) return [`${path}: expected an object, got ${describe(value)}`];
  const problems: string[] = [];
  const declared = new Map(decl.keys.map((key) => [key.key, key]));
  for (const key of decl.keys) {
    if (!(key.key in value)) {
      if (!key.optional && !options.absent?.[model]?.includes(key.key)) problems.push(`${path}.${key.key}: missing`);
      continue;
    }
    // Appwrite sends null for an optional key it has no value for (User.impersonatorUserId, spec 1.9 §5).
    if (key.optional && value[key.key] === null) continue;
    problems.push(...typeProblems(sdk, key.type, value[key.key], options, `${path}.${key.key}`));
  }
  if (!decl.open) {
    const tolerated = options.tolerate?.[model] ?? [];
    for (const key of Object.keys(value)) {
      if (!declared.has(key) && !tolerated.includes(key) && !sdkAddedKey(value, key)) problems.push(`${path}.${key}: not declared by ${model}`);
    }
  }
  return problems;
}

function typeProblems(sdk: SdkVersion | string, type: CoarseType, value: unknown, options: ModelOptions, path: string): string[] {
  if (type.startsWith('array:')) {
    if (!Array.isArray(value)) return [`${path}: expected an array, got ${describe(value)}`];
    return value.flatMap((item, i) => typeProblems(sdk, type.slice('array:'.length), item, options, `${path}[${i}]`));
  }
  if (type.startsWith('model:')) return modelProblems(sdk, type.slice('model:'.length), value, options, path);
  if (type === 'object') return isObject(value) ? [] : [`${path}: expected an object, got ${describe(value)}`];
  if (type === 'unknown') return [];
  return typeof value === type ? [] : [`${path}: expected ${type}, got ${describe(value)}`];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** Asserts that `value` is exactly `sdk`'s `model` (see modelProblems); the failure lists every problem. */
export function expectModel(sdk: SdkVersion | string, model: string, value: unknown, options: ModelOptions = {}): void {
  expect(modelProblems(sdk, model, value, options), `${model} against ${typeof sdk === 'string' ? sdk : sdk.name}`).toEqual([]);
}

/** The top-level keys of `value` that `sdk`'s `model` does not declare, in the value's order. */
export function undeclaredKeys(sdk: SdkVersion | string, model: string, value: object): string[] {
  const declared = new Set(modelKeys(sdk, model).map((key) => key.key));
  return Object.keys(asSent(value)).filter((key) => !declared.has(key));
}
