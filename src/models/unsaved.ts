import { formatDate, formatDbDate } from '../clock.js';

/**
 * 1.9.6 answers a few requests with the document it changed in memory, not the one the database hands back, so
 * the dates it set there keep utopia-php/database's storage format (`2026-01-15 10:01:00.000`: no `T`, no offset,
 * as DateTime::now() and addSeconds() write them) and `$updatedAt` is still the value from before the change. The
 * next read is ISO again. Where: PATCH /account/sessions/:id (account.php:841-875), GET /account on the request
 * that refreshes `accessedAt` (shared/api.php:396-408), PUT /account/mfa/challenges (MFA/Challenges/Update.php:150-162).
 * Apps that parse these dates meet the same strings on a real server.
 */
export function asUnsaved<T extends { $updatedAt: string }>(model: T, updatedBefore: number, dates: Partial<Record<keyof T, number>>): T {
  // In place: the model's hidden format tag (models/formats/model-name.ts) must stay on the object.
  Object.assign(model, { $updatedAt: formatDate(updatedBefore) });
  for (const [key, time] of Object.entries(dates)) Object.assign(model, { [key]: formatDbDate(time as number) });
  return model;
}
