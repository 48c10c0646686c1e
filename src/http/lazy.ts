/**
 * Loads a module on first use and keeps it. Route groups that few apps call on every page (OAuth2, e-mailed and
 * texted tokens) load their services this way, so the emulator's start-up bundle stays small; bundlers split them
 * into chunks fetched on the first request that needs them.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load().catch((error: unknown) => {
    loaded = null; // a failed chunk fetch is retried by the next request
    throw error;
  }));
}
