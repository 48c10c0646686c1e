import * as v from '../../validation/validators.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const phone = lazy(() => import('../../services/phone.js'));

/** Phone sign-in as Appwrite 1.4 has it: the texted code, then its confirmation. 1.9.6's rows: tokens.ts. */
export const phoneRoutes: Route[] = [
  {
    // @note In 1.4 phone sign-in can't be disabled (spec §1 step 11); our `auth.methods.phone: false` gates this route with 501.
    method: 'POST', path: '/account/sessions/phone', scope: 'public', behaviours: ['1.4'], authMethod: 'phone', audit: 'session.create',
    rateLimit: { limit: 10, keys: ['url:{url},phone:{param-phone}'] },
    params: [{ name: 'userId', validator: v.customId }, { name: 'phone', validator: v.phone }],
    action: async (ctx, p) => (await phone()).createPhoneToken(ctx, p as { userId: string; phone: string }),
  },
  {
    // No audit entry: Appwrite 1.4 writes none for this route (spec §11).
    method: 'PUT', path: '/account/sessions/phone', scope: 'public', behaviours: ['1.4'],
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.customId }, { name: 'secret', validator: v.text(256) }],
    action: async (ctx, p) => (await phone()).updatePhoneSession(ctx, p as { userId: string; secret: string }),
  },
];
