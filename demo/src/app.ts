import { Account, AppwriteException, type Client, type Models } from 'appwrite';
import type { Child } from './ui/h.js';

export type User = Models.User<Models.Preferences>;

/**
 * The demo's whole state: the SDK objects, the signed-in user (or null), and a message to show on the next
 * screen. Views read it and call `app.refresh()`/`app.go()` after SDK calls that change who is signed in.
 */
export interface AppState {
  client: Client;
  account: Account;
  user: User | null;
  /**
   * Signed in with one factor while the account needs two: account.get() answered 401
   * user_more_factors_required, and the second-factor screen is shown until a challenge is completed.
   */
  pendingMfa: boolean;
  /** Re-reads the account (account.get()); a 401 means signed out (or, with MFA, half signed in). */
  refresh(): Promise<User | null>;
  /** Navigates to a hash route, e.g. `go('account')`. */
  go(route: string): void;
  /** Shows `message` at the top of the next rendered screen. */
  flash(message: Child): void;
  takeFlash(): Child[];
  /** Re-renders the current route. */
  render(): void;
}

let state: AppState | null = null;

export function app(): AppState {
  if (!state) throw new Error('demo: app() used before initApp()');
  return state;
}

export function initApp(client: Client, render: () => void): AppState {
  let flashes: Child[] = [];
  state = {
    client,
    account: new Account(client),
    user: null,
    pendingMfa: false,
    async refresh() {
      this.pendingMfa = false;
      try {
        this.user = await this.account.get();
      } catch (error) {
        // 401 = no (valid) session: signed out, blocked, or the session was revoked elsewhere; or a session
        // that still needs its second factor (MFA).
        if (!(error instanceof AppwriteException) || error.code !== 401) throw error;
        this.user = null;
        this.pendingMfa = error.type === 'user_more_factors_required';
      }
      return this.user;
    },
    go(route) {
      const hash = `#/${route}`;
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    flash(message) {
      flashes.push(message);
    },
    takeFlash() {
      const taken = flashes;
      flashes = [];
      return taken;
    },
    render,
  };
  return state;
}

/** The page URL without query or fragment: where e-mailed links and OAuth2 redirects come back to. */
export function appUrl(flow?: string): string {
  const url = new URL(location.href);
  url.search = flow ? `?flow=${flow}` : '';
  url.hash = '';
  return url.toString();
}
