import { formatDate } from '../clock.js';
import type { RequestContext, RouteResult } from '../http/context.js';
import { modelName, type ModelName } from '../models/formats/model-name.js';

/**
 * One event of a successful request, as the pipeline hands it to the realtime channel (and, through a
 * BroadcastChannel, to the other tabs of the origin). Plain data only, so it survives structured cloning: the
 * payload is the newest model shape, and `model` names it (the hidden model tag does not survive a clone), so
 * every subscriber can filter it to its own response format.
 *
 * This file is in the start bundle: it must stay tiny. Everything else of realtime loads with the first socket.
 */
export interface RealtimeEventRecord {
  /** The route's template, e.g. `users.[userId].sessions.[sessionId].create`. */
  template: string;
  userId: string;
  /** The `$id` of the payload, for the template's other placeholder (sessionId, tokenId, targetId, identityId). */
  resourceId: string;
  /** `PUT /account/verifications/phone` keeps an empty `secret` in its payload (spec 1.9 §8.4). */
  method: string;
  path: string;
  model: ModelName | null;
  payload: Record<string, unknown>;
  /** When it happened, on the emulator's clock, in Appwrite's format. */
  timestamp: string;
}

/** The event of `result`, or null when there is nothing to send (no payload, no user). */
export function eventRecord(template: string, ctx: RequestContext, result: RouteResult): RealtimeEventRecord | null {
  const payload = (result.eventPayload ?? result.body) as Record<string, unknown> | undefined;
  if (!payload || typeof payload !== 'object') return null;
  const userId = typeof payload.userId === 'string' ? payload.userId : result.auditUser?.$id;
  if (!userId) return null;
  return {
    template, userId, resourceId: String(payload.$id ?? ''), method: ctx.request.method, path: ctx.routePath,
    model: modelName(payload) ?? null, payload, timestamp: formatDate(ctx.now),
  };
}
