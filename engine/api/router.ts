// One route table. Patterns use {param} for one path segment and {param*} for a greedy one (image
// names carry '/' and ':'), matched in registration order; dockerd answers a wrong method like an
// unknown path.
import type { ApiContext } from './request.js';

export type Handler = (ctx: ApiContext) => Promise<void> | void;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
  /** Takes over the connection (attach, exec start): served from Node's 'upgrade' event too. */
  hijack?: boolean;
  regex: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, opts: { hijack?: boolean } = {}): this {
    const names: string[] = [];
    const source = pattern.replace(/[.]/g, '\\.').replace(/\{(\w+)(\*?)\}/g, (_, name: string, greedy: string) => {
      names.push(name);
      return greedy ? '(.+)' : '([^/]+)';
    });
    this.routes.push({ method, pattern, handler, hijack: opts.hijack, regex: new RegExp(`^${source}/?$`), names });
    return this;
  }

  get(p: string, h: Handler) { return this.add('GET', p, h); }
  head(p: string, h: Handler) { return this.add('HEAD', p, h); }
  post(p: string, h: Handler, opts?: { hijack?: boolean }) { return this.add('POST', p, h, opts); }
  put(p: string, h: Handler) { return this.add('PUT', p, h); }
  delete(p: string, h: Handler) { return this.add('DELETE', p, h); }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]!); });
      return { route, params };
    }
    return undefined;
  }

  /** Every route pattern with its method, for listings and tests. */
  list(): Array<{ method: string; pattern: string }> {
    return this.routes.map((r) => ({ method: r.method, pattern: r.pattern }));
  }
}
