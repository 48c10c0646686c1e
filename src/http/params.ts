import { AppwriteError } from '../errors/appwrite-error.js';
import type { EmulatorCore } from '../core.js';
import type { Params, Route } from './route.js';

/**
 * Collects query and body params as Appwrite does (body wins; `name[0]`, `name[]` and `name` all build arrays).
 * A body that is not a JSON object (malformed, a list, a string) counts as no body, like PHP's json_decode
 * failing: the route then reports its first missing param.
 */
export async function readParams(request: Request, url: URL): Promise<Params> {
  const params: Params = {};
  for (const [key, value] of url.searchParams) {
    const array = /^([^[\]]+)\[(\d*)\]$/.exec(key);
    if (array) {
      const list = Array.isArray(params[array[1]!]) ? params[array[1]!] : (params[array[1]!] = []);
      if (array[2] === '') list.push(value);
      else list[Number(array[2])] = value;
    } else {
      params[key] = value;
    }
  }
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) params[key] = value.filter((v) => v !== undefined);
  }
  if (request.method === 'GET' || request.method === 'HEAD') return params;
  const text = await request.text().catch(() => '');
  if (!text) return params;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(text)) params[key] = value;
    return params;
  }
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(params, body);
  } catch {
    // Malformed JSON: treated as an empty body (see above).
  }
  return params;
}

/** Validates in declaration order; the first failure is Appwrite's 400 with its exact message. */
export function validateParams(route: Route, raw: Params, core: EmulatorCore): Params {
  const out: Params = {};
  for (const spec of route.params ?? []) {
    const present = Object.prototype.hasOwnProperty.call(raw, spec.name) && raw[spec.name] !== undefined;
    if (!present) {
      if (!spec.optional) throw new AppwriteError('general_argument_invalid', `Param "${spec.name}" is not optional.`);
      out[spec.name] = spec.default;
      continue;
    }
    const value = raw[spec.name];
    const validator = typeof spec.validator === 'function' ? spec.validator(core) : spec.validator;
    if (!validator.isValid(value)) {
      const description = validator.describe?.(value) ?? validator.description;
      throw new AppwriteError('general_argument_invalid', `Invalid \`${spec.name}\` param: ${description}`);
    }
    out[spec.name] = value;
  }
  return out;
}
