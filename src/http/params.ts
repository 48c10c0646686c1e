import { AppwriteError } from '../errors/appwrite-error.js';
import type { EmulatorCore } from '../core.js';
import type { Behaviour } from './behaviour.js';
import type { Params, Route } from './route.js';
import { in19, type Validator } from '../validation/validators.js';

/**
 * Adds one query/form pair the way PHP parses them: `name`, `name[]` and `name[0]` build lists, `name[key]` an
 * object (so `prefs[theme]=dark` is the same as JSON `{"prefs": {"theme": "dark"}}`).
 */
function addPair(params: Params, key: string, value: string): void {
  const nested = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
  if (!nested) {
    params[key] = value;
    return;
  }
  const [, name, index] = nested as unknown as [string, string, string];
  if (index === '' || /^\d+$/.test(index)) {
    const list: unknown[] = Array.isArray(params[name]) ? params[name] : (params[name] = []);
    if (index === '') list.push(value);
    else if (Number(index) < 1000) list[Number(index)] = value; // a bound: `a[99999999]=x` must not allocate
    else list.push(value);
  } else {
    const current = params[name];
    const object = current && typeof current === 'object' && !Array.isArray(current) ? current : (params[name] = Object.create(null));
    object[index] = value;
  }
}

/** Query and form pairs into params; sparse lists (`a[2]=x` alone) are compacted. */
function addPairs(params: Params, pairs: Iterable<[string, string]>): void {
  for (const [key, value] of pairs) addPair(params, key, value);
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) params[key] = value.filter((v) => v !== undefined);
  }
}

/**
 * Collects query and body params as Appwrite (utopia-php) does: GET reads the query only; other methods merge
 * the query and the body, body winning. The body is parsed by its content-type: `application/json` as JSON,
 * form-encoded and multipart as forms, anything else not at all.
 * A JSON body that is not an object (malformed, a list, a string, null) counts as no body, like PHP's
 * json_decode failing: the route then reports its first missing param. That includes a body nested deeper than
 * PHP's default depth of 512 (utopia's request turns the failed decode into an empty payload).
 * @note Appwrite answers a JSON *string* body with a 500 (a PHP TypeError); we treat it as no body.
 * Params live in a null-prototype object so keys like `__proto__` or `constructor` are plain data.
 */
export async function readParams(request: Request, url: URL): Promise<Params> {
  const params: Params = Object.create(null);
  addPairs(params, url.searchParams);
  if (request.method === 'GET' || request.method === 'HEAD') return params;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // Body params replace query params of the same name whole (PHP's array_merge), lists included.
  const merge = (pairs: Iterable<[string, string]>) => {
    const body: Params = Object.create(null);
    addPairs(body, pairs);
    for (const key of Object.keys(body)) params[key] = body[key];
    return params;
  };
  if (type === 'application/x-www-form-urlencoded') return merge(new URLSearchParams(await request.text().catch(() => '')));
  if (type === 'multipart/form-data') {
    // A multipart body without a boundary, or broken, is no body; file parts are not params.
    const form = await request.formData().catch(() => null);
    return merge(form ? [...form].filter((e): e is [string, string] => typeof e[1] === 'string') : []);
  }
  if (type !== 'application/json') return params;
  const text = await request.text().catch(() => '');
  if (jsonDepthExceeds(text, PHP_JSON_DEPTH)) return params;
  try {
    const body: unknown = text ? JSON.parse(text) : null;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body)) params[key] = value;
    }
  } catch {
    // Malformed JSON: treated as an empty body (see above).
  }
  return params;
}

/**
 * PHP's `json_decode` default depth is 512, which decodes at most 511 nested objects and arrays (`[]` alone needs
 * depth 2): a document nested deeper fails to decode (so it counts as no body).
 */
const PHP_JSON_DEPTH = 511;

/**
 * Whether JSON text nests objects and arrays deeper than `max`, read without parsing (strings skipped), so a
 * hostile body of 20 000 brackets never reaches code that recurses over it (validators, rate-limit keys).
 * Malformed text may give any answer: JSON.parse rejects it afterwards either way.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  if (text.length < 2 * (max + 1)) return false; // too short to open max + 1 brackets and close them
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** Validates in declaration order; the first failure is Appwrite's 400 with its exact message. */
export async function validateParams(route: Route, raw: Params, core: EmulatorCore, behaviour: Behaviour): Promise<Params> {
  const out: Params = {};
  for (const spec of route.params ?? []) {
    const present = Object.prototype.hasOwnProperty.call(raw, spec.name) && raw[spec.name] !== undefined;
    if (!present) {
      if (!spec.optional) throw new AppwriteError('general_argument_invalid', `Param "${spec.name}" is not optional.`);
      out[spec.name] = spec.default;
      continue;
    }
    const value = raw[spec.name];
    const chosen = behaviour === '1.9' ? spec.validator19 ?? in19.get(spec.validator as Validator) ?? spec.validator : spec.validator;
    const validator = typeof chosen === 'function' ? await chosen(core) : chosen;
    if (!validator.isValid(value)) {
      const description = validator.describe?.(value) ?? validator.description;
      throw new AppwriteError('general_argument_invalid', `Invalid \`${spec.name}\` param: ${description}`);
    }
    out[spec.name] = value;
  }
  return out;
}
