import { formatBefore, type Behaviour } from './behaviour.js';
import { lazy } from './lazy.js';
import type { Route } from './route.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
  /** Static segments first, so `/account/sessions/email` wins over `/account/sessions/:sessionId`. */
  staticSegments: number;
}

export interface RouteMatch {
  route: Route;
  pathParams: Record<string, string>;
}

/**
 * A route group whose table itself loads on first use (decisions/003): paths that `paths` matches wait for
 * `load` and are matched against its rows only.
 */
export interface LazyRouteGroup {
  paths: RegExp;
  load(): Promise<Route[]>;
}

/**
 * One matcher over the whole route table: msw sees a single handler, the emulator dispatches here. Paths under a
 * lazy group are matched against that group once it has loaded.
 */
export function createRouter(routes: Route[], groups: LazyRouteGroup[] = []) {
  const match = compile(routes);
  const tables = groups.map((g) => ({ paths: g.paths, table: lazy(async () => compile(await g.load())) }));
  return async (method: string, path: string, behaviour: Behaviour, format = ''): Promise<RouteMatch | null> => {
    const group = tables.find((g) => g.paths.test(path));
    return (group ? await group.table() : match)(method, path, behaviour, format);
  };
}

function compile(routes: Route[]) {
  const compiled: CompiledRoute[] = routes
    .map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(segment.slice(1));
          return '([^/]+)';
        })
        .join('/');
      const staticSegments = route.path.split('/').filter((s) => s && !s.startsWith(':')).length;
      return { route, pattern: new RegExp(`^${source}/?$`), names, staticSegments };
    })
    .sort((a, b) => b.staticSegments - a.staticSegments);

  /** `format` is the request's response format ('' = none): routes newer than it are not there. */
  return function match(method: string, path: string, behaviour: Behaviour, format = ''): RouteMatch | null {
    for (const { route, pattern, names } of compiled) {
      if (route.method !== method || (route.behaviours && !route.behaviours.includes(behaviour))) continue;
      if (route.sinceFormat && formatBefore(format, route.sinceFormat)) continue;
      const found = pattern.exec(path);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      names.forEach((name, i) => {
        try {
          pathParams[name] = decodeURIComponent(found[i + 1]!);
        } catch {
          pathParams[name] = found[i + 1]!;
        }
      });
      return { route, pathParams };
    }
    return null;
  };
}
