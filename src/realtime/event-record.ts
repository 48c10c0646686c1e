import type { ModelName } from '../models/formats/model-name.js';

/**
 * What the pipeline hands the realtime channel after a successful request that may fire an event (a non-GET
 * route, or one whose action names an `eventPayload`), and what a BroadcastChannel carries to the origin's other
 * tabs. Plain data, so it survives structured cloning: the payload is the newest model shape and `model` names
 * it (the hidden model tag does not survive a clone). The event's user is the payload's `userId`, the `$id`
 * of an Account, or else the audit user. The realtime code (lazy) decides whether the route fires
 * an event (route-events.ts) and for whom.
 *
 * Only this type is known to the start bundle; building a record is a few bytes in http/handle.ts.
 */
export interface RealtimeEventRecord {
  /** `<method> <route path>`, e.g. `PATCH /account/prefs`. */
  route: string;
  payload: Record<string, unknown>;
  /** The payload's model, set by the realtime code of the tab it happened in, before it goes to the others. */
  model?: ModelName;
  /** The audit user's id: the event's user when the payload names none (MFA types, recovery codes). */
  user?: string;
  /** When it happened, on the emulator's clock (ms). */
  at: number;
}
