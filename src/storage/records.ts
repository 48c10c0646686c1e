/** What the emulator stores. Dates are epoch milliseconds; secrets and passwords only as hashes. */

export interface UserRecord {
  $id: string;
  $createdAt: number;
  $updatedAt: number;
  name: string;
  email: string | null;
  /** Lower-cased e-mail: the unique, case-insensitive lookup key (MariaDB's collation in Appwrite). */
  emailKey?: string;
  phone: string | null;
  /** Unique index on phone; absent when the user has none (IndexedDB skips absent keys). */
  phoneKey?: string;
  /** argon2id PHC string, or null for password-less users. */
  password: string | null;
  passwordUpdate: number | null;
  passwordHistory: string[];
  registration: number;
  status: boolean;
  labels: string[];
  emailVerification: boolean;
  phoneVerification: boolean;
  prefs: Record<string, unknown>;
  accessedAt: number;
  /** 1.9.6: MFA required at sign-in (`updateMFA`). */
  mfa?: boolean;
  /** 1.9.6: the user's messaging targets (e-mail, SMS, push), kept on the user as Appwrite's model shows them. */
  targets?: TargetRecord[];
  /** 1.9.6: what Appwrite's e-mail parser says of the address (set for users created through 1.9.6 routes). */
  emailCanonical?: string;
  emailIsFree?: boolean;
  emailIsDisposable?: boolean;
  emailIsCorporate?: boolean;
  emailIsCanonical?: boolean;
  /**
   * 1.9.6: the MFA recovery codes left (6 × 10 hex when made; each used one is removed). Stored readable, as
   * Appwrite stores them: GET /account/mfa/recovery-codes shows them again after a recent challenge.
   */
  mfaRecoveryCodes?: string[];
}

/** A messaging target (1.9.6): where e-mails, SMS or push notifications for the user go. */
export interface TargetRecord {
  $id: string;
  $createdAt: number;
  $updatedAt: number;
  name: string;
  userId: string;
  providerId: string | null;
  providerType: 'email' | 'sms' | 'push';
  identifier: string;
  expired: boolean;
  /** Push targets are bound to the session that made them. */
  sessionId?: string;
}

/** User-agent derived fields shared by sessions and logs. */
export interface ClientInfo {
  osCode: string;
  osName: string;
  osVersion: string;
  clientType: string;
  clientCode: string;
  clientName: string;
  clientVersion: string;
  clientEngine: string;
  clientEngineVersion: string;
  deviceName: string;
  deviceBrand: string;
  deviceModel: string;
}

export interface SessionRecord extends ClientInfo {
  $id: string;
  $createdAt: number;
  userId: string;
  provider: string;
  providerUid: string;
  providerAccessToken: string;
  providerRefreshToken: string;
  providerAccessTokenExpiry: number | null;
  /** SHA-256 hex of the session secret. */
  secret: string;
  userAgent: string;
  ip: string;
  countryCode: string;
  /**
   * Insertion order among the user's sessions (not indexed). Appwrite lists and prunes sessions in insertion
   * order; `$createdAt` alone ties for sessions created in the same millisecond (fixed test clocks).
   */
  seq?: number;
  /** 1.9.6: the stored expiry (ms), extended by PATCH; absent on sessions made before it was stored. */
  expire?: number;
  /** 1.9.6: last update (ms); absent = `$createdAt`. */
  $updatedAt?: number;
  /** 1.9.6: the factors this session proved (`password`, `email`, `phone`, `anonymous`, `oauth2`, `totp`, ...). */
  factors?: string[];
  /** 1.9.6: when an MFA challenge last succeeded in this session (ms), or null. */
  mfaUpdatedAt?: number | null;
}

/** Token types as Appwrite numbers them. */
export const TOKEN_TYPE = { verification: 2, recovery: 3, magicUrl: 5, phone: 6, oauth2: 7, generic: 8, email: 9 } as const;

export interface TokenRecord {
  $id: string;
  $createdAt: number;
  userId: string;
  type: number;
  /** SHA-256 hex of the secret or code. */
  secret: string;
  expire: number;
  userAgent: string;
  ip: string;
}

/** 1.9.6: a TOTP authenticator (one per user; `verified` once a code from it was confirmed). */
export interface AuthenticatorRecord {
  $id: string;
  $createdAt: number;
  $updatedAt: number;
  userId: string;
  type: 'totp';
  verified: boolean;
  /**
   * The base32 TOTP secret, readable: codes are computed from it, as Appwrite computes them from its stored copy.
   * It is the one MFA secret that cannot be stored as a digest.
   */
  secret: string;
}

/** 1.9.6: an MFA challenge (`createMFAChallenge`), deleted when completed. */
export interface ChallengeRecord {
  $id: string;
  $createdAt: number;
  userId: string;
  /** The factor as the client named it (`totp`, `email`, `phone`, `recoveryCode`). */
  type: string;
  /** SHA-256 hex of the 6-digit code sent by e-mail or SMS (the inbox holds the plain code). */
  code: string;
  /** now + 3600 s; 1.9.6 never checks it. */
  expire: number;
}

export interface IdentityRecord {
  $id: string;
  $createdAt: number;
  $updatedAt: number;
  userId: string;
  provider: string;
  providerUid: string;
  providerEmail: string;
  providerAccessToken: string;
  providerRefreshToken: string;
  providerAccessTokenExpiry: number | null;
}

export interface LogRecord {
  seq?: number;
  event: string;
  userId: string;
  userEmail: string;
  userName: string;
  mode: string;
  ip: string;
  time: number;
  userAgent: string;
  resource: string;
}

export interface RateLimitRecord {
  /** `<SHA-256 of the filled key template>|<window start>` */
  key: string;
  count: number;
  windowStart: number;
}

export interface InboxRecord {
  id: string;
  channel: 'email' | 'sms';
  kind: 'magic-url' | 'recovery' | 'verification' | 'phone-session' | 'phone-verification' | 'email-otp' | 'session-alert' | 'mfa-challenge';
  to: string;
  subject?: string;
  /** 1.9.6 mails: the preview line (preheader) mail apps show after the subject. */
  preview?: string;
  text: string;
  html?: string;
  url?: string;
  userId: string;
  secret: string;
  /** 1.9.6: the security phrase the mail shows, when the sign-in asked for one. */
  phrase?: string;
  createdAt: number;
  /** Orders messages stored in the same millisecond (e.g. under a frozen test clock): 1, 2, … per createdAt. */
  seq?: number;
  read?: boolean;
}

export interface MetaRecord {
  key: string;
  value: string;
}
