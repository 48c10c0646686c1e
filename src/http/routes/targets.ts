import * as v from '../../validation/validators.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const targets = lazy(() => import('../../services/push-targets.js'));

/** Push targets (1.9.6 only, 1.9 spec §6.36): scope `targets.write`, which guests lack. No rate limit. */
export const targetRoutes: Route[] = [
  {
    // No audit: the label 'target/response.$id' has no braces, never resolves (account.php:4553, shared/api.php:912-918).
    method: 'POST', path: '/account/targets/push', scope: 'targets.write', behaviours: ['1.9'],
    params: [
      { name: 'targetId', validator: v.customId },
      { name: 'identifier', validator: v.text(255) },
      { name: 'providerId', validator: v.uid, optional: true, default: '' },
    ],
    action: async (ctx, p) => (await targets()).createPushTarget(ctx, p as { targetId: string; identifier: string; providerId: string }),
  },
  {
    // No audit: the label 'target/response.$id' has no braces, never resolves (account.php:4637, shared/api.php:912-918).
    method: 'PUT', path: '/account/targets/:targetId/push', scope: 'targets.write', behaviours: ['1.9'],
    params: [{ name: 'targetId', validator: v.uid }, { name: 'identifier', validator: v.text(255) }],
    action: async (ctx, p) => (await targets()).updatePushTarget(ctx, p as { targetId: string; identifier: string }),
  },
  {
    method: 'DELETE', path: '/account/targets/:targetId/push', scope: 'targets.write', behaviours: ['1.9'], audit: 'target.delete',
    params: [{ name: 'targetId', validator: v.uid }],
    action: async (ctx, p) => (await targets()).deletePushTarget(ctx, p as { targetId: string }),
  },
];
