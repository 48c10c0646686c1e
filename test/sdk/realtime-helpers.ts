/**
 * Helpers for the realtime tests: a spy on every WebSocket the SDKs open (what each received, and a way to
 * drop one as a network failure would), and one adapter per SDK with the calls the tests make.
 */
import * as sdk13 from 'appwrite-13';
import * as sdk22 from 'appwrite-22';
import * as sdk24 from 'appwrite-24';
import * as sdk25 from 'appwrite-25';
import * as sdk26 from 'appwrite-26';
import * as sdk28 from 'appwrite-28';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { ENDPOINT, PROJECT } from '../helpers.js';

export const REALTIME_URL = 'wss://cloud.appwrite.io/v1/realtime';
export const PASSWORD = 'password123';

export interface SpiedSocket {
  socket: WebSocket;
  url: string;
  received: any[];
}

/**
 * Records every socket opened after msw's server started (msw's WebSocket class, wrapped), and what each
 * received from the emulator, parsed.
 */
export function spyOnSockets() {
  const sockets: SpiedSocket[] = [];
  let original: typeof WebSocket;
  beforeAll(() => {
    original = globalThis.WebSocket;
    const spied = class extends original {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        const spied: SpiedSocket = { socket: this, url: String(url), received: [] };
        sockets.push(spied);
        this.addEventListener('message', (event) => spied.received.push(JSON.parse(String(event.data))));
      }
    };
    // msw's interceptor defines the global read-only; redefine it, as msw does.
    Object.defineProperty(globalThis, 'WebSocket', { value: spied, configurable: true, writable: true });
  });
  afterAll(() => {
    Object.defineProperty(globalThis, 'WebSocket', { value: original, configurable: true, writable: true });
  });
  return {
    sockets,
    last: () => sockets.at(-1)!,
    /** Waits until some socket opened from `from` on has received a message matching `match`. */
    async received(match: (message: any) => boolean, from = 0): Promise<SpiedSocket> {
      let found: SpiedSocket | undefined;
      await vi.waitFor(() => {
        found = sockets.slice(from).find((s) => s.received.some(match));
        expect(found, 'a socket that received the expected message').toBeDefined();
      }, { timeout: 5000, interval: 10 });
      return found!;
    },
  };
}

/** The emulator's reply to an `authentication` message. */
export const authenticated = (m: any) => m.type === 'response' && m.data?.to === 'authentication';
/** The emulator's reply to a `subscribe` message. */
export const subscribed = (m: any) => m.type === 'response' && m.data?.to === 'subscribe';

export interface RealtimeSdk {
  name: string;
  version: number;
  format: string;
  /** 1.4 for SDK 13, else 1.9.6. */
  server: '1.4' | '1.9';
  /** The subscribe-message protocol (SDK 25+) rather than URL channels. */
  subscribeMessages: boolean;
  client(endpoint?: string): { client: any; account: any };
  signUp(account: any, email: string): Promise<{ userId: string; session: any }>;
  signIn(account: any, email: string): Promise<any>;
  /** Subscribes the way that SDK's apps do; resolves to its unsubscribe. */
  subscribe(client: any, channels: string | string[], callback: (event: any) => void): Promise<() => Promise<void>>;
  updatePrefs(account: any, prefs: object): Promise<any>;
  updateName(account: any, name: string): Promise<any>;
  updateEmail(account: any, email: string): Promise<any>;
  updatePassword(account: any, password: string, old: string): Promise<any>;
  updatePhone(account: any, phone: string): Promise<any>;
  updateSession(account: any, id: string): Promise<any>;
  deleteSession(account: any, id: string): Promise<any>;
  createVerification(account: any, url: string): Promise<any>;
  createRecovery(account: any, email: string, url: string): Promise<any>;
}

const positional13: Omit<RealtimeSdk, 'name' | 'version' | 'format' | 'server' | 'subscribeMessages' | 'client' | 'subscribe'> = {
  async signUp(account, email) {
    const user = await account.create(sdk13.ID.unique(), email, PASSWORD);
    return { userId: user.$id, session: await account.createEmailSession(email, PASSWORD) };
  },
  signIn: (account, email) => account.createEmailSession(email, PASSWORD),
  updatePrefs: (account, prefs) => account.updatePrefs(prefs),
  updateName: (account, name) => account.updateName(name),
  updateEmail: (account, email) => account.updateEmail(email, PASSWORD),
  updatePassword: (account, password, old) => account.updatePassword(password, old),
  updatePhone: (account, phone) => account.updatePhone(phone, PASSWORD),
  updateSession: (account, id) => account.updateSession(id),
  deleteSession: (account, id) => account.deleteSession(id),
  createVerification: (account, url) => account.createVerification(url),
  createRecovery: (account, email, url) => account.createRecovery(email, url),
};

const objectStyle: typeof positional13 = {
  async signUp(account, email) {
    const user = await account.create({ userId: sdk28.ID.unique(), email, password: PASSWORD });
    return { userId: user.$id, session: await account.createEmailPasswordSession({ email, password: PASSWORD }) };
  },
  signIn: (account, email) => account.createEmailPasswordSession({ email, password: PASSWORD }),
  updatePrefs: (account, prefs) => account.updatePrefs({ prefs }),
  updateName: (account, name) => account.updateName({ name }),
  updateEmail: (account, email) => account.updateEmail({ email, password: PASSWORD }),
  updatePassword: (account, password, oldPassword) => account.updatePassword({ password, oldPassword }),
  updatePhone: (account, phone) => account.updatePhone({ phone, password: PASSWORD }),
  updateSession: (account, sessionId) => account.updateSession({ sessionId }),
  deleteSession: (account, sessionId) => account.deleteSession({ sessionId }),
  createVerification: (account, url) => (account.createEmailVerification ?? account.createVerification).call(account, { url }),
  createRecovery: (account, email, url) => account.createRecovery({ email, url }),
};

const clientOf = (sdk: any) => (endpoint = ENDPOINT) => {
  const client = new sdk.Client().setEndpoint(endpoint).setProject(PROJECT);
  return { client, account: new sdk.Account(client) };
};

/** Client.subscribe(): a sync unsubscribe function. */
const viaClient = async (client: any, channels: string | string[], callback: (e: any) => void) => {
  const unsubscribe = client.subscribe(channels, callback);
  return async () => unsubscribe();
};

export const REALTIME_SDKS: RealtimeSdk[] = [
  { name: 'appwrite-13', version: 13, format: '1.4.0', server: '1.4', subscribeMessages: false, client: clientOf(sdk13), subscribe: viaClient, ...positional13 },
  { name: 'appwrite-22', version: 22, format: '1.8.0', server: '1.9', subscribeMessages: false, client: clientOf(sdk22), subscribe: viaClient, ...objectStyle },
  // SDK 24: URL channels with per-subscription slots (`account[0][]=<query>`); SDK 25: the first with subscribe messages.
  { name: 'appwrite-24', version: 24, format: '1.9.0', server: '1.9', subscribeMessages: false, client: clientOf(sdk24), subscribe: viaClient, ...objectStyle },
  { name: 'appwrite-25', version: 25, format: '1.9.2', server: '1.9', subscribeMessages: true, client: clientOf(sdk25), subscribe: viaClient, ...objectStyle },
  { name: 'appwrite-26', version: 26, format: '1.9.5', server: '1.9', subscribeMessages: true, client: clientOf(sdk26), subscribe: viaClient, ...objectStyle },
  {
    // SDK 28's Realtime service (Client.subscribe is deprecated there).
    name: 'appwrite-28', version: 28, format: '2.3.0', server: '1.9', subscribeMessages: true, client: clientOf(sdk28), ...objectStyle,
    async subscribe(client, channels, callback) {
      // One Realtime service per client, as an app keeps it: its subscriptions share one socket.
      client.realtimeService ??= new sdk28.Realtime(client);
      const subscription = await client.realtimeService.subscribe(channels, callback);
      return () => subscription.close();
    },
  },
];

/** Forgets the stored session, like a new browser profile (the SDKs read it from localStorage.cookieFallback). */
export const forgetSession = () => globalThis.localStorage.removeItem('cookieFallback');
