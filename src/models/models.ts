import { formatDate } from '../clock.js';
import type { ClientInfo, IdentityRecord, LogRecord, SessionRecord, TokenRecord, UserRecord } from '../storage/records.js';

/**
 * Stored records -> Appwrite 1.4 response models, keys in Appwrite's order, every key present. Password hashes,
 * history and stored secrets never leave through here.
 */
export function toAccount(user: UserRecord) {
  return {
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
    phoneVerification: user.phoneVerification,
    prefs: { ...user.prefs },
    accessedAt: formatDate(user.accessedAt),
  };
}

export type Account = ReturnType<typeof toAccount>;

const COUNTRY_CODE = '--';
const COUNTRY_NAME = 'Unknown';

export interface SessionView {
  current: boolean;
  /** Session length in seconds: `expire` = `$createdAt` + this. */
  duration: number;
  /** PATCH /account/sessions/{id} leaves countryName empty (an Appwrite 1.4 quirk). */
  countryName?: string;
}

export function toSession(session: SessionRecord, view: SessionView) {
  return {
    $id: session.$id,
    $createdAt: formatDate(session.$createdAt),
    userId: session.userId,
    expire: formatDate(session.$createdAt + view.duration * 1000),
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
  };
}

export type Session = ReturnType<typeof toSession>;

/** Token model; `secret` is what the caller may see ('' on create routes, the stored hash on confirm routes). */
export function toToken(token: TokenRecord, secret: string) {
  return {
    $id: token.$id,
    $createdAt: formatDate(token.$createdAt),
    userId: token.userId,
    secret,
    expire: formatDate(token.expire),
  };
}

export function toIdentity(identity: IdentityRecord) {
  return {
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
  };
}

/** Log model; `info` is the entry's parsed user agent (see clientInfo). */
export function toLog(log: LogRecord, info: ClientInfo) {
  return {
    event: log.event,
    userId: log.userId,
    userEmail: log.userEmail,
    userName: log.userName,
    mode: log.mode,
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
  };
}
