/** The id placeholder of each nested resource of a user. */
const IDS: Record<string, string> = {
  sessions: 'sessionId', recovery: 'tokenId', verification: 'tokenId', tokens: 'tokenId', targets: 'targetId',
  identities: 'identityId', challenges: 'challengeId',
};

/**
 * A route's short event (Route.event) as Appwrite's template, with its params: `update.prefs` is
 * `users.[userId].update.prefs`; `sessions.create` is `users.[userId].sessions.[sessionId].create`.
 */
export function eventTemplate(event: string, userId: string, resourceId: string): { template: string; params: Array<[string, string]> } {
  const [resource, action] = event.split('.');
  const id = IDS[resource!];
  return id
    ? { template: `users.[userId].${resource}.[${id}].${action}`, params: [['userId', userId], [id, resourceId]] }
    : { template: `users.[userId].${event}`, params: [['userId', userId]] };
}

/**
 * Appwrite's `Event::generateEvents(pattern, params)` (src/Appwrite/Event/Event.php, unchanged from 1.4 to
 * 1.9.6): every name an event is known by, from the most specific pattern to `users.*`, each with its ids, with
 * all of them as `*`, and with one id at a time as `*`. The order is Appwrite's, so `events[0]` is what apps
 * compare against, e.g. `users.U.sessions.S.create` or, for attribute events, `users.U.update`.
 */
export function generateEvents(pattern: string, params: Array<[key: string, value: string]>): string[] {
  const keys = params.map(([key]) => key);
  const values = params.map(([, value]) => value);
  const { type, resource, subType, subResource, action, attribute } = parsePattern(pattern);

  const patterns: string[] = [];
  if (action) {
    if (subResource) {
      if (attribute) patterns.push([type, resource, subType, subResource, action, attribute].join('.'));
      patterns.push([type, resource, subType, subResource, action].join('.'));
      patterns.push([type, resource, subType, subResource].join('.'));
    } else {
      patterns.push([type, resource, action].join('.'));
    }
    if (attribute) patterns.push([type, resource, action, attribute].join('.'));
  }
  if (subResource) patterns.push([type, resource, subType, subResource].join('.'));
  patterns.push([type, resource].join('.'));

  const events: string[] = [];
  for (const p of new Set(patterns)) {
    events.push(replace(p, keys, values));
    events.push(replace(p, keys, keys.map(() => '*')));
    for (const key of keys) {
      for (const current of keys) {
        if (current === key) continue;
        events.push(replace(replace(p, [current], ['*']), keys, values));
      }
    }
  }
  return [...new Set(events.map((e) => e.replace(/[[\]]/g, '')))];
}

/** PHP's str_replace with arrays: each search string in turn, over the result of the previous one. */
function replace(subject: string, search: string[], replacements: string[]): string {
  return search.reduce((s, key, i) => s.split(key).join(replacements[i]!), subject);
}

/** Event::parseEventPattern for the account events (no sub-sub-resources). */
function parsePattern(pattern: string) {
  const parts = pattern.split('.');
  const count = parts.length;
  const hasSub = count > 3 && parts[3]!.startsWith('[');
  return {
    type: parts[0],
    resource: parts[1],
    subType: hasSub ? parts[2] : undefined,
    subResource: hasSub ? parts[3] : undefined,
    action: !hasSub && count > 2 ? parts[2] : hasSub && count > 4 ? parts[4] : undefined,
    attribute: hasSub ? (count === 6 ? parts[5] : undefined) : count === 4 ? parts[3] : undefined,
  };
}
