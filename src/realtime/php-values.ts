/**
 * JSON values as 1.9.6's realtime server holds them: PHP values from `json_decode($json, true)`, where JSON objects
 * and lists are both PHP arrays (an empty object is an empty array).
 * @note JavaScript objects list integer-like keys first; PHP keeps the order they came in.
 */

/** A PHP array: a JSON list or object. */
export const isPhpArray = (value: unknown): value is object => value !== null && typeof value === 'object';

/** `array_is_list()`: keys 0…n-1 in order (an empty array is a list). */
const isList = (value: object): boolean => Array.isArray(value) || Object.keys(value).every((key, i) => key === String(i));

/**
 * What a value is after `json_decode($json, true)` and `json_encode()` again, as 1.9.6 does to each event between
 * the API and the socket (see pubSubRoundTrip in connection.ts): objects whose keys are 0…n-1, the empty one
 * included, become lists.
 */
export function phpJsonRoundTrip<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (isPhpArray(v) && !Array.isArray(v) && isList(v) ? Object.values(v) : v));
}
