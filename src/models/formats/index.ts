import { formatBefore } from '../../http/behaviour.js';
import { before1_5 } from './before-1-5.js';
import { before1_9 } from './before-1-9.js';
import { modelName, type ModelName } from './model-name.js';

type Filter = Partial<Record<ModelName, readonly string[]>>;

/**
 * The format steps, oldest last, like Appwrite's Response\\Filters\\V*: a request's format gets every step it is
 * older than. Each step lists the keys it removes per model. Adding a format means adding one file here.
 */
const STEPS: Array<[version: string, filter: Filter]> = [
  ['1.9.0', before1_9],
  ['1.5.0', before1_5],
];

/**
 * Brings every model in a response body (nested lists included) to the request's format. `format` '' is the
 * newest shape. Error bodies never come here: Appwrite does not filter them.
 */
export function filterModels(body: unknown, format: string): unknown {
  const steps = STEPS.filter(([version]) => formatBefore(format, version)).map(([, filter]) => filter);
  return steps.length ? apply(body, steps) : body;
}

function apply(value: unknown, steps: Filter[]): unknown {
  if (Array.isArray(value)) return value.map((item) => apply(item, steps));
  if (!value || typeof value !== 'object') return value;
  const name = modelName(value);
  // Prefs and other plain data inside a model are the user's, never filtered; only models and lists of them are.
  if (!name && Object.getPrototypeOf(value) !== Object.prototype) return value;
  const drop = new Set(name ? steps.flatMap((step) => step[name] ?? []) : []);
  // fromEntries defines keys as data, so a `__proto__` key in prefs stays a key.
  return Object.fromEntries(Object.entries(value)
    .filter(([key]) => !drop.has(key))
    .map(([key, item]) => [key, key === 'prefs' ? item : apply(item, steps)]));
}
