import type { RequestContext } from '../http/context.js';
import { renderSessionAlert, sessionAlertDate } from '../inbox/templates-session-alert.js';
import type { InboxRecord, SessionRecord, UserRecord } from '../storage/records.js';
import { newId } from './shared.js';
import { addInboxRecord } from './tokens.js';

/**
 * Appwrite 1.9.6's session alert (1.9 spec §6.40; `src/Appwrite/Bus/Listeners/Mails.php`), sent after an e-mail /
 * password or token sign-in when `auth.sessionAlerts` is on, the user has an e-mail, the sign-in was not a magic
 * URL or e-mail code (their mail already went to that address), and the user now has more than one session.
 * Loaded only when the option is on. The mail is the inbox's kind `session-alert`, without a secret.
 * @note Without SMTP (`smtp: false`) Appwrite's mail worker could not send it; the emulator then records nothing.
 */
export async function sendSessionAlert(ctx: RequestContext, user: UserRecord, session: SessionRecord): Promise<void> {
  if (!user.email || !ctx.core.config.smtp) return;
  const factors = session.factors ?? [];
  if (['magic-url', 'token'].includes(session.provider) && factors.includes('email')) return;
  const db = await ctx.core.db();
  if ((await db.sessions.where('userId').equals(user.$id).count()) <= 1) return;
  const mail = renderSessionAlert({
    user: user.name ?? '',
    project: ctx.core.config.projectName,
    ...sessionAlertDate(ctx.now),
    device: session.clientName || session.userAgent || 'UNKNOWN',
    ipAddress: session.ip,
    // The emulator knows no client's country (sessions say `--`), so the mail names none, as Appwrite's does then.
    country: 'Unknown',
  });
  const message: InboxRecord = {
    id: newId(ctx), channel: 'email', kind: 'session-alert', to: user.email, ...mail,
    userId: user.$id, secret: '', createdAt: ctx.now.getTime(),
  };
  await db.transaction('rw', db.inbox, async () => {
    await addInboxRecord(db, message);
  });
  ctx.core.onInboxMessage(message);
}
