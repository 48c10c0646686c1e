/**
 * Which account routes fire which event (spec 1.9 §8.4, 1.4 §11-12), as `<method> <route path>` -> the event
 * below `users.[userId].` (`update.prefs` is `users.[userId].update.prefs`, `sessions.create` is
 * `users.[userId].sessions.[sessionId].create`; event-names.ts spells them out). Routes not listed fire none
 * on the account channel: POST /account, the token-create routes, JWTs, GET routes, DELETE /account.
 *
 * One table here, beside the route tables rather than in their rows: the route tables are in the start bundle,
 * this one loads with the realtime code (decisions/012-realtime-account-channel.md).
 */
export const ROUTE_EVENTS: Readonly<Record<string, string>> = {
  'PATCH /account/name': 'update.name',
  'PATCH /account/email': 'update.email',
  'PATCH /account/password': 'update.password',
  'PATCH /account/phone': 'update.phone',
  'PATCH /account/prefs': 'update.prefs',
  'PATCH /account/status': 'update.status',

  'POST /account/sessions/email': 'sessions.create',
  'POST /account/sessions': 'sessions.create',
  'POST /account/sessions/anonymous': 'sessions.create',
  'POST /account/sessions/token': 'sessions.create',
  // 1.4's magic-URL and phone confirmations, and 1.9.6's deprecated token trades on the same paths.
  'PUT /account/sessions/magic-url': 'sessions.create',
  'PUT /account/sessions/phone': 'sessions.create',
  'GET /account/sessions/oauth2/:provider/redirect': 'sessions.create',
  'POST /account/sessions/id-token': 'sessions.create',
  'PATCH /account/sessions/:sessionId': 'sessions.update',
  'DELETE /account/sessions/:sessionId': 'sessions.delete',
  'DELETE /account/sessions': 'sessions.delete',

  'POST /account/recovery': 'recovery.create',
  'PUT /account/recovery': 'recovery.update',
  'POST /account/recovery/otp': 'recovery.create',
  'PUT /account/recovery/otp': 'recovery.update',

  'POST /account/verification': 'verification.create',
  'PUT /account/verification': 'verification.update',
  'POST /account/verification/phone': 'verification.create',
  'PUT /account/verification/phone': 'verification.update',
  'POST /account/verifications/email': 'verification.create',
  'PUT /account/verifications/email': 'verification.update',
  'POST /account/verifications/phone': 'verification.create',
  'PUT /account/verifications/phone': 'verification.update',
  'POST /account/verifications/email/otp': 'verification.create',
  'PUT /account/verifications/email/otp': 'verification.update',

  'POST /account/targets/push': 'targets.create',
  'PUT /account/targets/:targetId/push': 'targets.update',
  'DELETE /account/targets/:targetId/push': 'targets.delete',

  // 1.9.6 only: Appwrite 1.4 declares it but never sets its params (1.4 spec §8.5); the service gives 1.4 no payload.
  'DELETE /account/identities/:identityId': 'identities.delete',

  // MFA (1.9 spec §6.30-6.35): the payload is the response (Account, MFAType with its secret as Appwrite sends it,
  // recovery codes; DELETE authenticators sends `{}`), the user the audit user.
  'PATCH /account/mfa': 'update.mfa',
  'POST /account/mfa/authenticators/:type': 'update.mfa',
  'PUT /account/mfa/authenticators/:type': 'update.mfa',
  'DELETE /account/mfa/authenticators/:type': 'delete.mfa',
  'POST /account/mfa/recovery-codes': 'update.mfa',
  'PATCH /account/mfa/recovery-codes': 'update.mfa',
  'POST /account/mfa/challenges': 'challenges.create',
  'POST /account/mfa/challenge': 'challenges.create',
  'PUT /account/mfa/challenges': 'sessions.create',
  'PUT /account/mfa/challenge': 'sessions.create',
};
