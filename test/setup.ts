// The SDK keeps its session in localStorage (cookieFallback); start every test signed out.
import { beforeEach } from 'vitest';

beforeEach(() => {
  globalThis.localStorage?.clear();
});
