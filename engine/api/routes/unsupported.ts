// What skiff answers as a node outside any swarm, without plugins and without BuildKit: Docker's own
// replies for the swarm-only groups (bodies are decoded and versions checked first, as dockerd does),
// an empty plugin list, and a clear "not implemented" for BuildKit's session and gRPC endpoints.
// docker parity: moby@20.10 api/server/router/swarm/cluster.go (route table), cluster_routes.go,
// daemon/cluster/helpers.go errNoManager, daemon/cluster/errors.go errNoSwarm, router/plugin/plugin.go
import { EngineError, notFound, notImplemented } from '../../errors.js';
import { goQuote } from '../../format/template/go-quote.js';
import { validateFilters } from '../../domain/images/filters.js';
import type { ApiContext } from '../request.js';
import { goJsonError, readBody } from '../request.js';
import { sendJson } from '../response.js';
import type { Handler, Router } from '../router.js';
import { ApiError, badRequest } from '../status.js';

export const NOT_A_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
export const NOT_IN_SWARM = 'This node is not part of a swarm';

const unavailable = (message: string) => new EngineError('unavailable', 'no-swarm', message);

/** A JSON body must decode before dockerd looks at the swarm state. */
async function decoded(ctx: ApiContext): Promise<void> {
  const text = (await readBody(ctx.req)).toString('utf8');
  if (text.trim() === '') throw badRequest('got EOF while reading request body');
  try { JSON.parse(text); } catch (e) {
    const msg = goJsonError(text, e);
    throw badRequest(msg === 'unexpected end of JSON input' ? 'unexpected EOF' : msg);
  }
}

/** The `version` query of an update: a uint64, with the wording of each group. */
function checkVersion(ctx: ApiContext, kind: string): void {
  const raw = ctx.query.str('version') ?? '';
  if (/^\d+$/.test(raw) && BigInt(raw) < 2n ** 64n) return;
  if (kind === 'secret' || kind === 'config') throw badRequest(`invalid ${kind} version`);
  const why = /^\d+$/.test(raw) ? 'value out of range' : 'invalid syntax';
  throw badRequest(`invalid ${kind} version '${raw}': strconv.ParseUint: parsing ${goQuote(raw)}: ${why}`);
}

const noManager: Handler = () => { throw unavailable(NOT_A_MANAGER); };
const withBody = (then?: (ctx: ApiContext) => void): Handler => async (ctx) => {
  await decoded(ctx);
  then?.(ctx);
  throw unavailable(NOT_A_MANAGER);
};
const update = (kind: string) => withBody((ctx) => checkVersion(ctx, kind));

/** Service and task logs insist on a stream first; that check is a plain (500) error in dockerd. */
const logs: Handler = (ctx) => {
  if (!ctx.query.bool('stdout') && !ctx.query.bool('stderr')) throw new ApiError(500, 'Bad parameters: you must choose at least one stream');
  throw unavailable(NOT_A_MANAGER);
};

function swarmRoutes(r: Router): void {
  // skiff differs: dockerd would create or join a swarm here; skiff has no swarm mode at all.
  const noSwarmMode = withBody(() => { throw unavailable('skiff does not support swarm mode'); });
  r.post('/swarm/init', noSwarmMode);
  r.post('/swarm/join', noSwarmMode);
  r.post('/swarm/leave', () => { throw unavailable(NOT_IN_SWARM); });
  r.get('/swarm', noManager);
  r.get('/swarm/unlockkey', noManager);
  r.post('/swarm/update', update('swarm'));
  r.post('/swarm/unlock', withBody());

  r.get('/services', noManager);
  r.get('/services/{id}', noManager);
  r.post('/services/create', withBody());
  r.post('/services/{id}/update', update('service'));
  r.delete('/services/{id}', noManager);
  r.get('/services/{id}/logs', logs);

  r.get('/nodes', noManager);
  r.get('/nodes/{id}', noManager);
  r.delete('/nodes/{id}', noManager);
  r.post('/nodes/{id}/update', update('node'));

  r.get('/tasks', noManager);
  r.get('/tasks/{id}', noManager);
  r.get('/tasks/{id}/logs', logs);

  for (const group of ['secrets', 'configs'] as const) {
    const kind = group.slice(0, -1);
    r.get(`/${group}`, noManager);
    r.post(`/${group}/create`, withBody());
    r.delete(`/${group}/{id}`, noManager);
    r.get(`/${group}/{id}`, noManager);
    r.post(`/${group}/{id}/update`, update(kind));
  }
}

// docker parity: moby@20.10 plugin/store.go errNotFound ("plugin %q not found")
const noSuchPlugin = (name: string) => notFound('no-such-plugin', `plugin ${JSON.stringify(name)} not found`);
const noPlugins = () => notImplemented('plugins', 'skiff does not support plugins');

function pluginRoutes(r: Router): void {
  r.get('/plugins', (ctx) => {
    validateFilters(new Map(Object.entries(ctx.query.filters())), ['capability', 'enable']);
    sendJson(ctx.res!, 200, []);
  });
  r.get('/plugins/privileges', () => { throw noPlugins(); });
  r.post('/plugins/pull', () => { throw noPlugins(); });
  r.post('/plugins/create', () => { throw noPlugins(); });
  r.get('/plugins/{name*}/json', (ctx) => { throw noSuchPlugin(ctx.params.name!); });
  r.delete('/plugins/{name*}', (ctx) => { throw noSuchPlugin(ctx.params.name!); });
  for (const verb of ['enable', 'disable', 'push', 'upgrade', 'set']) {
    r.post(`/plugins/{name*}/${verb}`, (ctx) => { throw noSuchPlugin(ctx.params.name!); });
  }
}

export function unsupportedRoutes(r: Router): void {
  swarmRoutes(r);
  pluginRoutes(r);
  // BuildKit's session and gRPC endpoints hijack the connection; skiff builds with the classic builder only.
  r.post('/session', () => { throw notImplemented('buildkit', 'skiff does not support BuildKit sessions (POST /session): use the classic builder (DOCKER_BUILDKIT=0)'); }, { hijack: true });
  r.post('/grpc', () => { throw notImplemented('buildkit', 'skiff does not support BuildKit (POST /grpc): use the classic builder (DOCKER_BUILDKIT=0)'); }, { hijack: true });
}
