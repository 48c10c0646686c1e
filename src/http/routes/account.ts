import type { EmulatorCore } from '../../core.js';
import type * as AccountService from '../../services/account.js';
import { listLogs } from '../../services/logs.js';
import { currentUser } from '../../services/shared.js';
import { asUnsaved, toAccount } from '../../models/models.js';
import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import { lazy } from '../lazy.js';
import type { Route } from '../route.js';
import type { UserRecord } from '../../storage/records.js';
import { commonPasswords } from '../../validation/common-passwords.js';

/*
 * @note Optional params sent as an explicit JSON null (`name` here, `oldPassword` below): utopia skips their
 * validation and Appwrite 1.4 then fails with a PHP TypeError (500). We validate them like any sent value: 400.
 */
const dictionary = (core: EmulatorCore) => v.passwordDictionary(core.config.auth.passwordDictionary, commonPasswords);
const newPassword19 = (core: EmulatorCore) => v19.newPasswordOf(core, commonPasswords);
const listQueries = lazy(() => import('../../validation/list-queries.js'));
/**
 * The account service (sign-up, profile and credential changes, deletion) loads on its first write (decisions/003):
 * a signed-in page answers `account.get()` and `getPrefs()` without it.
 */
const account = lazy(() => import('../../services/account.js'));

const updatePassword: Route = {
  method: 'PATCH', path: '/account/password', scope: 'account', audit: 'user.update',
  params: [
    { name: 'password', validator: dictionary },
    { name: 'oldPassword', validator: v.password, optional: true, default: '' },
  ],
  action: async (ctx, p) => updated(await (await account()).updatePassword(ctx, currentUser(ctx), p as { password: string; oldPassword: string })),
};

/** The account itself: profile, credentials, preferences, status and security log. */
export const accountRoutes: Route[] = [
  {
    method: 'GET', path: '/account', scope: 'account',
    action: async (ctx) => {
      const user = currentUser(ctx);
      const body = toAccount(user);
      // The request that refreshed accessedAt answers 1.9.6's in-memory user (asUnsaved in models/models.ts).
      if (ctx.accessRefreshedFrom !== undefined) asUnsaved(body, ctx.accessRefreshedFrom, { accessedAt: user.accessedAt });
      return { status: 200, body };
    },
  },
  {
    method: 'POST', path: '/account', scope: 'public', authMethod: 'emailPassword', audit: 'user.create',
    rateLimit: { limit: 10, keys: ['url:{url},ip:{ip}'] },
    params: [
      { name: 'userId', validator: v.customId },
      { name: 'email', validator: v.email },
      { name: 'password', validator: dictionary, validator19: newPassword19 },
      { name: 'name', validator: v.text(128), optional: true, default: '' },
    ],
    action: async (ctx, p) => {
      const user = await (await account()).create(ctx, p as Parameters<typeof AccountService.create>[1]);
      return { status: 201, body: toAccount(user), auditUser: user };
    },
  },
  {
    method: 'PATCH', path: '/account/email', scope: 'account', audit: 'user.update',
    params: [{ name: 'email', validator: v.email }, { name: 'password', validator: v.password, validator19: v19.password }],
    action: async (ctx, p) => updated(await (await account()).updateEmail(ctx, currentUser(ctx), p as { email: string; password: string })),
  },
  {
    method: 'PATCH', path: '/account/name', scope: 'account', audit: 'user.update',
    params: [{ name: 'name', validator: v.text(128) }],
    action: async (ctx, p) => updated(await (await account()).updateName(ctx, currentUser(ctx), p.name)),
  },
  { ...updatePassword, behaviours: ['1.4'] },
  {
    // 1.9.6: rate-limited, the new password validator, and an old password of at most 256 characters.
    ...updatePassword, behaviours: ['1.9'],
    rateLimit: { limit: 10, keys: ['url:{url},ip:{ip}'] },
    params: [
      { name: 'password', validator: newPassword19 },
      { name: 'oldPassword', validator: v19.text0(256), optional: true, default: '' },
    ],
  },
  {
    method: 'PATCH', path: '/account/phone', scope: 'account', audit: 'user.update',
    params: [{ name: 'phone', validator: v.phone, validator19: v19.phone }, { name: 'password', validator: v.password, validator19: v19.password }],
    action: async (ctx, p) => updated(await (await account()).updatePhone(ctx, currentUser(ctx), p as { phone: string; password: string })),
  },
  {
    method: 'DELETE', path: '/account', scope: 'account', behaviours: ['1.9'], audit: 'user.delete',
    action: async (ctx) => {
      const user = currentUser(ctx);
      await (await account()).deleteAccount(ctx, user);
      return { status: 204, auditUser: user };
    },
  },
  {
    method: 'GET', path: '/account/prefs', scope: 'account',
    action: async (ctx) => ({ status: 200, body: { ...currentUser(ctx).prefs } }),
  },
  {
    method: 'PATCH', path: '/account/prefs', scope: 'account', audit: 'user.update',
    params: [{ name: 'prefs', validator: v.assoc }],
    action: async (ctx, p) => updated(await (await account()).updatePrefs(ctx, currentUser(ctx), p.prefs)),
  },
  {
    method: 'PATCH', path: '/account/status', scope: 'account', audit: 'user.update',
    action: async (ctx) => ({ ...updated(await (await account()).updateStatus(ctx, currentUser(ctx))), sessionCookie: 'clear' }),
  },
  {
    method: 'GET', path: '/account/logs', scope: 'account', behaviours: ['1.9'],
    params: [
      { name: 'queries', validator: async () => (await listQueries()).logQueries19, optional: true, default: [] },
      { name: 'total', validator: v19.looseBoolean, optional: true, default: true },
    ],
    action: async (ctx, p) => ({
      status: 200,
      body: await listLogs(ctx, currentUser(ctx), (p.queries as unknown[]).map((await listQueries()).parseQuery19), v19.isTrue(p.total)),
    }),
  },
  {
    method: 'GET', path: '/account/logs', scope: 'account', behaviours: ['1.4'],
    params: [{ name: 'queries', validator: async () => (await listQueries()).logQueries, optional: true, default: [] }],
    action: async (ctx, p) => ({ status: 200, body: await listLogs(ctx, currentUser(ctx), (p.queries as string[]).map((await listQueries()).parseQuery)) }),
  },
];

function updated(user: UserRecord) {
  return { status: 200, body: toAccount(user), auditUser: user };
}
