import type { Route } from '../route.js';

/**
 * GET /v1/ping (1.9.6, SDK 16.1+ `client.ping()`; 1.9 spec §6.41): a plain-text `Pong!` for a known project.
 * The pipeline answers an unknown or missing project with 404 project_not_found. Appwrite 1.4 has no such route.
 * @note Appwrite counts pings on the project (`pingCount`, `pingedAt`); the emulator has no project record to count on.
 */
export const pingRoutes: Route[] = [
  {
    method: 'GET', path: '/ping', scope: 'public', behaviours: ['1.9'],
    action: async () => ({ status: 200, text: 'Pong!' }),
  },
];
