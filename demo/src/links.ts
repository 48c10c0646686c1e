import { AppwriteException } from 'appwrite';
import { app, appUrl } from './app.js';
import { errorView, successView } from './ui/feedback.js';
import type { Child } from './ui/h.js';

/**
 * Links Appwrite sends come back to this page as `?flow=<kind>&userId=…&secret=…` (plus `expire`, `project`).
 * A query flag instead of a path keeps them working on any static host, without rewrite rules.
 * OAuth2 comes back to the page itself (success) or with `?oauth=failed&error=<JSON>` (failure).
 *
 * Runs once at boot, after the first `account.get()`; returns the route to show (or null for the default). */
export async function handleIncomingLink(): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const flow = params.get('flow');
  const userId = params.get('userId') ?? '';
  const secret = params.get('secret') ?? '';

  if (params.get('oauth') === 'failed') {
    clearAddress();
    app().flash(errorView(oauthError(params.get('error'))));
    return app().user ? 'identities' : 'sign-in';
  }
  // Recovery needs the user's input first; the secret stays in the address until the new password is saved.
  if (flow === 'recovery') return 'reset-password';
  if (flow === 'magic') {
    clearAddress();
    try {
      // The magic link carries a token secret: createSession trades it for a session (and verifies the e-mail).
      await app().account.createSession({ userId, secret });
      await app().refresh();
      app().flash(successView('Signed in with your magic link. Your e-mail address is now verified.'));
      return 'account';
    } catch (error) {
      app().flash(errorView(error));
      return app().user ? 'account' : 'magic-link';
    }
  }
  if (flow === 'verify-email') {
    // updateEmailVerification needs no session: the link works in any tab, signed in or not.
    clearAddress();
    try {
      await app().account.updateEmailVerification({ userId, secret });
      await app().refresh();
      app().flash(successView('Your e-mail address is verified.'));
    } catch (error) {
      app().flash(errorView(error));
    }
    return app().user ? 'account' : 'sign-in';
  }
  return null;
}

/**
 * After any successful sign-in: load the account and show the account page, or the second-factor screen when
 * the account has MFA on (account.get() is then 401 user_more_factors_required).
 */
export async function finishSignIn(message?: Child): Promise<void> {
  await app().refresh();
  if (app().pendingMfa) {
    app().go('second-factor');
    return;
  }
  if (message) app().flash(successView(message));
  app().go('account');
}

/** Appwrite's OAuth2 failure redirect carries the error as JSON `{message, type, code}`. */
function oauthError(raw: string | null): AppwriteException {
  try {
    const parsed = JSON.parse(raw ?? '') as { message?: string; type?: string; code?: number };
    return new AppwriteException(parsed.message ?? 'OAuth2 sign-in failed.', parsed.code ?? 0, parsed.type ?? '', raw ?? '');
  } catch {
    return new AppwriteException('OAuth2 sign-in was cancelled or failed.', 0, '', raw ?? '');
  }
}

/** Drops spent secrets from the address bar and the history entry. */
function clearAddress(): void {
  history.replaceState(null, '', appUrl() + location.hash);
}
