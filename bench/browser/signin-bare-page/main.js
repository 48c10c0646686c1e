// Baseline for bench/browser-signin.mjs: a bare Mock Service Worker answering sign-up and sign-in with constant
// Appwrite-shaped models (1.9.6's User and Session, every key), timed by the same loop as the emulator page.
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { exposeSignInLoop } from '../signin-loop.js';

const endpoint = `${location.origin}/v1`;
const at = '2026-01-01T00:00:00.000+00:00';
const user = {
  $id: 'bencher', $createdAt: at, $updatedAt: at, name: '', registration: at, status: true, labels: [], passwordUpdate: at,
  email: 'bench@example.com', phone: '', emailVerification: false, phoneVerification: false, mfa: false, prefs: {},
  targets: [{ $id: 't', $createdAt: at, $updatedAt: at, name: '', userId: 'bencher', providerId: null, providerType: 'email', identifier: 'bench@example.com', expired: false }],
  accessedAt: at,
};
const session = {
  $id: 's', $createdAt: at, $updatedAt: at, userId: 'bencher', expire: '2027-01-01T00:00:00.000+00:00', provider: 'email',
  providerUid: 'bench@example.com', providerAccessToken: '', providerAccessTokenExpiry: '', providerRefreshToken: '', ip: '127.0.0.1',
  osCode: 'LIN', osName: 'GNU/Linux', osVersion: '', clientType: 'browser', clientCode: 'CH', clientName: 'Chrome', clientVersion: '150.0',
  clientEngine: 'Blink', clientEngineVersion: '150.0', deviceName: 'desktop', deviceBrand: '', deviceModel: '', countryCode: '--',
  countryName: 'Unknown', current: true, factors: ['password'], secret: '', mfaUpdatedAt: '',
};
const worker = setupWorker(
  http.post(`${endpoint}/account`, () => HttpResponse.json(user, { status: 201 })),
  http.post(`${endpoint}/account/sessions/email`, () => HttpResponse.json(session, { status: 201 })),
);

async function main() {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  exposeSignInLoop(endpoint);
  window.__ready = true;
}
main();
