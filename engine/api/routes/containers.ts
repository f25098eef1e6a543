// The container endpoints (attach, logs, resize and exec live in streams.ts and exec.ts): parse the
// request, call the domain function the CLI calls, answer in Docker 20.10's shapes and statuses.
// docker parity: moby@20.10 api/server/router/container/container_routes.go
import { listContainerSummaries } from '../../domain/containers/summaries.js';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { containerChanges } from '../../domain/containers/changes.js';
import { createContainer } from '../../domain/containers/create.js';
import { exportContainer } from '../../domain/containers/export.js';
import { inspectContainerJson } from '../../domain/containers/inspect.js';
import { killContainer } from '../../domain/containers/kill.js';
import { getContainer } from '../../domain/containers/lookup.js';
import { setPaused } from '../../domain/containers/pause.js';
import { pruneContainers } from '../../domain/containers/prune.js';
import { removeContainer } from '../../domain/containers/remove.js';
import { renameContainer } from '../../domain/containers/rename.js';
import { restartContainer } from '../../domain/containers/restart.js';
import { parseSignal } from '../../domain/containers/signals.js';
import { startContainer } from '../../domain/containers/start.js';
import { stopContainer } from '../../domain/containers/stop.js';
import { topContainer } from '../../domain/containers/top.js';
import { updateContainer } from '../../domain/containers/update.js';
import { internal } from '../../errors.js';
import { parsePlatform } from '../../registry/platform.js';
import type { ApiContext } from '../request.js';
import { readBody } from '../request.js';
import { sendEmpty, sendJson } from '../response.js';
import type { Router } from '../router.js';
import { ApiError, badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';
import { decodeCreateBody, decodeUpdateBody } from './container-body.js';
import { containerStatsRoute, containerWaitRoute } from './container-streams.js';

export function containerRoutes(r: Router): void {
  r.get('/containers/json', listRoute);
  r.post('/containers/create', createRoute);
  r.post('/containers/prune', pruneRoute);
  r.get('/containers/{id}/json', async (ctx) => {
    sendJson(ctx.res!, 200, await inspectContainerJson(ctx.engine, { ref: ctx.params.id!, size: ctx.query.bool('size') }));
  });
  r.get('/containers/{id}/top', async (ctx) => {
    const top = await topContainer(ctx.engine, { ref: ctx.params.id!, psArgs: ctx.query.str('ps_args') });
    // docker parity: ContainerTopOKBody's field order
    sendJson(ctx.res!, 200, { Processes: top.Processes, Titles: top.Titles });
  });
  r.get('/containers/{id}/changes', async (ctx) => {
    const changes = await containerChanges(ctx.engine, { ref: ctx.params.id! });
    sendJson(ctx.res!, 200, changes.length > 0 ? changes : null);
  });
  r.get('/containers/{id}/export', async (ctx) => {
    const tar = await exportContainer(ctx.engine, { ref: ctx.params.id! });
    await sendStream(ctx, tar, { 'Content-Type': 'application/octet-stream' });
  });
  r.get('/containers/{id}/stats', containerStatsRoute);
  r.post('/containers/{id}/wait', containerWaitRoute);
  r.post('/containers/{id}/start', startRoute);
  r.post('/containers/{id}/stop', async (ctx) => {
    const report = await stopContainer(ctx.engine, { ref: ctx.params.id!, timeoutSeconds: goAtoi(ctx, 't'), signal: stopSignal(ctx) });
    sendEmpty(ctx.res!, report.outcome === 'already-stopped' ? 304 : 204);
  });
  r.post('/containers/{id}/restart', restartRoute);
  r.post('/containers/{id}/kill', async (ctx) => {
    await killContainer(ctx.engine, { ref: ctx.params.id!, signal: ctx.query.str('signal') });
    sendEmpty(ctx.res!, 204);
  });
  r.post('/containers/{id}/update', async (ctx) => {
    const body = await decodeUpdateBody(ctx);
    const { Warnings } = await updateContainer(ctx.engine, { ref: ctx.params.id!, body });
    // docker parity: a nil warnings slice is encoded as null
    sendJson(ctx.res!, 200, { Warnings: Warnings.length > 0 ? Warnings : null });
  });
  r.post('/containers/{id}/rename', async (ctx) => {
    await renameContainer(ctx.engine, { ref: ctx.params.id!, newName: ctx.query.str('name') ?? '' });
    sendEmpty(ctx.res!, 204);
  });
  r.post('/containers/{id}/pause', async (ctx) => { await setPaused(ctx.engine, { ref: ctx.params.id!, paused: true }); sendEmpty(ctx.res!, 204); });
  r.post('/containers/{id}/unpause', async (ctx) => { await setPaused(ctx.engine, { ref: ctx.params.id!, paused: false }); sendEmpty(ctx.res!, 204); });
  r.delete('/containers/{id}', deleteRoute);
}

/** strconv.Atoi on a query parameter; dockerd does not classify the error, so it is a 500. */
function goAtoi(ctx: ApiContext, name: string): number | undefined {
  const v = ctx.query.str(name);
  if (v === undefined || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw new ApiError(500, `strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new ApiError(500, `strconv.Atoi: parsing ${JSON.stringify(v)}: value out of range`);
  return n;
}

/** `signal` on stop and restart arrived with API 1.42; it is checked before the container is. */
function stopSignal(ctx: ApiContext): string | undefined {
  const signal = versionAtLeast(ctx.version, '1.42') ? ctx.query.str('signal') || undefined : undefined;
  if (signal) parseSignal(signal);
  return signal;
}

async function listRoute(ctx: ApiContext): Promise<void> {
  const filters = ctx.query.filters();
  // The legacy `before`/`since` parameters are the filters of the same name.
  for (const key of ['before', 'since']) {
    const v = ctx.query.str(key);
    if (v) filters[key] = [v];
  }
  const limit = goAtoi(ctx, 'limit');
  const size = ctx.query.bool('size');
  const out = await listContainerSummaries(ctx.engine, { all: ctx.query.bool('all'), limit, size, filters });
  sendJson(ctx.res!, 200, out);
}

async function createRoute(ctx: ApiContext): Promise<void> {
  const name = ctx.query.str('name') || undefined;
  const body = await decodeCreateBody(ctx);
  const spec = versionAtLeast(ctx.version, '1.41') ? ctx.query.str('platform') : undefined;
  let platform;
  if (spec) {
    try { platform = parsePlatform(spec); } catch (e) { throw badRequest((e as Error).message); }
  }
  const report = await createContainer(ctx.engine, { name, body, platform });
  sendJson(ctx.res!, 201, { Id: report.Id, Warnings: report.Warnings });
}

// docker parity: container_routes.go bodyOnStartError — a start body (HostConfig) was removed in 1.24.
async function startRoute(ctx: ApiContext): Promise<void> {
  const length = Number(ctx.req.headers['content-length'] ?? 0);
  const body = length > 7 || ctx.req.headers['transfer-encoding'] ? await readBody(ctx.req) : undefined;
  if (length > 7 || (body && body.length > 7)) {
    throw badRequest('starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24');
  }
  const report = await startContainer(ctx.engine, { ref: ctx.params.id! });
  sendEmpty(ctx.res!, report.outcome === 'already-running' ? 304 : 204);
}

async function restartRoute(ctx: ApiContext): Promise<void> {
  const timeoutSeconds = goAtoi(ctx, 't');
  const signal = stopSignal(ctx);
  const ref = ctx.params.id!;
  const rec = getContainer(ctx.engine, ref);
  try {
    await restartContainer(ctx.engine, { ref: rec.Id, timeoutSeconds, signal });
  } catch (e) {
    // docker parity: moby@20.10 daemon/restart.go — fmt.Errorf, so the class is lost (500)
    throw internal('restart-failed', `Cannot restart container ${ref}: ${(e as Error).message}`, e);
  }
  sendEmpty(ctx.res!, 204);
}

async function deleteRoute(ctx: ApiContext): Promise<void> {
  const ref = ctx.params.id!;
  if (ctx.query.bool('link')) {
    // docker parity: moby@20.10 daemon/delete.go rmLink — skiff resolves no link names, so every
    // container found is addressed by its own name: the default link, which cannot be removed.
    getContainer(ctx.engine, ref);
    throw internal('default-link', 'Conflict, cannot remove the default link name of the container');
  }
  await removeContainer(ctx.engine, { ref, force: ctx.query.bool('force'), volumes: ctx.query.bool('v') });
  sendEmpty(ctx.res!, 204);
}

async function pruneRoute(ctx: ApiContext): Promise<void> {
  let filters;
  try {
    filters = new Map(Object.entries(ctx.query.filters()));
  } catch (e) {
    // docker parity: postContainersPrune wraps filter errors as invalid parameters
    throw e instanceof ApiError ? badRequest(e.message) : e;
  }
  sendJson(ctx.res!, 200, await pruneContainers(ctx.engine, { filters }));
}

/** A binary reply streamed as it is produced; a client that leaves ends the producer. */
export async function sendStream(ctx: ApiContext, body: Readable, headers: Record<string, string | number>): Promise<void> {
  const res = ctx.res!;
  res.writeHead(200, headers);
  try {
    await pipeline(body, res);
  } catch (e) {
    if (!ctx.signal.aborted && !res.destroyed) ctx.engine.log.warn(`api: stream: ${(e as Error).message}`);
    body.destroy();
    res.destroy();
  }
}
