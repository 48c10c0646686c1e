import { formatDate, formatDbDate } from '../clock.js';
import type { ClientInfo, IdentityRecord, LogRecord, SessionRecord, TargetRecord, TokenRecord, UserRecord } from '../storage/records.js';
import { tagModel } from './formats/model-name.js';

/**
 * Stored records -> Appwrite 1.9.6 response models, keys in Appwrite's order, every key present. Each model is
 * tagged with its name, so the format filters (models/formats/) can bring it down to what older formats and
 * Appwrite 1.4 send, in one place. Password hashes, history and stored secrets never leave through here.
 */
export function toAccount(user: UserRecord) {
  return tagModel('account', {
    $id: user.$id,
    $createdAt: formatDate(user.$createdAt),
    $updatedAt: formatDate(user.$updatedAt),
    name: user.name ?? '',
    registration: formatDate(user.registration),
    status: user.status,
    labels: [...user.labels],
    passwordUpdate: formatDate(user.passwordUpdate),
    email: user.email ?? '',
    phone: user.phone ?? '',
    emailVerification: user.emailVerification,
    emailCanonical: user.emailCanonical ?? null,
    emailIsFree: user.emailIsFree ?? null,
    emailIsDisposable: user.emailIsDisposable ?? null,
    emailIsCorporate: user.emailIsCorporate ?? null,
    emailIsCanonical: user.emailIsCanonical ?? null,
    phoneVerification: user.phoneVerification,
    mfa: user.mfa ?? false,
    prefs: { ...user.prefs },
    targets: (user.targets ?? []).map(toTarget),
    accessedAt: formatDate(user.accessedAt),
    // Only the server Users API makes impersonators; Account-API users never are.
    impersonator: false,
    impersonatorUserId: null,
  });
}

export function toTarget(target: TargetRecord) {
  return tagModel('target', {
    $id: target.$id,
    $createdAt: formatDate(target.$createdAt),
    $updatedAt: formatDate(target.$updatedAt),
    name: target.name,
    userId: target.userId,
    providerId: target.providerId ?? null,
    providerType: target.providerType,
    identifier: target.identifier,
    expired: target.expired,
  });
}

export type Account = ReturnType<typeof toAccount>;

const COUNTRY_CODE = '--';
const COUNTRY_NAME = 'Unknown';

export interface SessionView {
  current: boolean;
  /** When the session ends (ms): computed in 1.4, stored in 1.9.6 (http/caller.ts sessionExpiry). */
  expire: number;
  /** PATCH /account/sessions/{id} leaves countryName empty (an Appwrite quirk kept in 1.9.6). */
  countryName?: string;
}

export function toSession(session: SessionRecord, view: SessionView) {
  return tagModel('session', {
    $id: session.$id,
    $createdAt: formatDate(session.$createdAt),
    $updatedAt: formatDate(session.$updatedAt ?? session.$createdAt),
    userId: session.userId,
    expire: formatDate(view.expire),
    provider: session.provider,
    providerUid: session.providerUid ?? '',
    providerAccessToken: session.providerAccessToken ?? '',
    providerAccessTokenExpiry: formatDate(session.providerAccessTokenExpiry),
    providerRefreshToken: session.providerRefreshToken ?? '',
    ip: session.ip,
    osCode: session.osCode,
    osName: session.osName,
    osVersion: session.osVersion,
    clientType: session.clientType,
    clientCode: session.clientCode,
    clientName: session.clientName,
    clientVersion: session.clientVersion,
    clientEngine: session.clientEngine,
    clientEngineVersion: session.clientEngineVersion,
    deviceName: session.deviceName,
    deviceBrand: session.deviceBrand,
    deviceModel: session.deviceModel,
    countryCode: session.countryCode || COUNTRY_CODE,
    countryName: view.countryName ?? COUNTRY_NAME,
    current: view.current,
    factors: [...(session.factors ?? [])],
    // Sensitive: only API keys see it; clients always get ''.
    secret: '',
    mfaUpdatedAt: formatDate(session.mfaUpdatedAt ?? null),
  });
}

export type Session = ReturnType<typeof toSession>;

/**
 * Token model; `secret` is what the caller may see ('' on create routes; 1.4 shows the stored hash on confirm
 * routes), `phrase` the security phrase when one was asked for.
 */
export function toToken(token: TokenRecord, secret: string, phrase = '') {
  return tagModel('token', {
    $id: token.$id,
    $createdAt: formatDate(token.$createdAt),
    userId: token.userId,
    secret,
    expire: formatDate(token.expire),
    phrase,
  });
}

export function toIdentity(identity: IdentityRecord) {
  return tagModel('identity', {
    $id: identity.$id,
    $createdAt: formatDate(identity.$createdAt),
    $updatedAt: formatDate(identity.$updatedAt),
    userId: identity.userId,
    provider: identity.provider,
    providerUid: identity.providerUid,
    providerEmail: identity.providerEmail ?? '',
    providerAccessToken: identity.providerAccessToken ?? '',
    providerAccessTokenExpiry: formatDate(identity.providerAccessTokenExpiry),
    providerRefreshToken: identity.providerRefreshToken ?? '',
  });
}

/** Log model; `info` is the entry's parsed user agent (see clientInfo). */
export function toLog(log: LogRecord, info: ClientInfo) {
  return tagModel('log', {
    event: log.event,
    userId: log.userId,
    userEmail: log.userEmail,
    userName: log.userName,
    mode: log.mode,
    userType: 'user',
    ip: log.ip,
    time: formatDate(log.time),
    osCode: info.osCode,
    osName: info.osName,
    osVersion: info.osVersion,
    clientType: info.clientType,
    clientCode: info.clientCode,
    clientName: info.clientName,
    clientVersion: info.clientVersion,
    clientEngine: info.clientEngine,
    clientEngineVersion: info.clientEngineVersion,
    deviceName: info.deviceName,
    deviceBrand: info.deviceBrand,
    deviceModel: info.deviceModel,
    countryCode: COUNTRY_CODE,
    countryName: COUNTRY_NAME,
  });
}

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
