// The two container replies that outlive the request's work: stats (one document, or one a second
// until the client leaves) and wait (200 and headers at once, the body when the condition is met).
// docker parity: moby@20.10 daemon/stats.go ContainerStats, container_routes.go postContainersWait
import type { Engine } from '../../context.js';
import { getContainer } from '../../domain/containers/lookup.js';
import { containerStats, streamStats } from '../../domain/containers/stats.js';
import { syncContainer } from '../../domain/containers/sync.js';
import { prepareWait, type WaitCondition } from '../../domain/containers/wait.js';
import type { StatsJSON } from '../../views/container-stats.js';
import { ZERO_TIME } from '../../views/time.js';
import type { ApiContext } from '../request.js';
import { encodeJson, sendJson } from '../response.js';
import { badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';

export async function containerStatsRoute(ctx: ApiContext): Promise<void> {
  const stream = ctx.query.boolOr('stream', true);
  const oneShot = versionAtLeast(ctx.version, '1.41') && ctx.query.boolOr('one-shot', false);
  const rec = getContainer(ctx.engine, ctx.params.id!);
  if (stream && oneShot) throw badRequest('cannot have stream=true and one-shot=true');
  if (!stream) {
    // one-shot: the first sample at once, without precpu; otherwise the second, a second later.
    sendJson(ctx.res!, 200, oneShot ? await firstFrame(ctx.engine, rec.Id) : await containerStats(ctx.engine, { ref: rec.Id }));
    return;
  }
  await streamStatsTo(ctx, rec.Id);
}

async function firstFrame(engine: Engine, id: string): Promise<StatsJSON> {
  const frames = streamStats(engine, { ref: id });
  try { return (await frames.next()).value!; } finally { await frames.return(undefined); }
}

const isRunning = (engine: Engine, id: string): boolean | undefined => {
  const rec = engine.state.getContainer(id);
  if (!rec) return undefined;
  const status = syncContainer(engine, rec).State.Status;
  return status === 'running' || status === 'paused';
};

/**
 * One document a second while the container runs; nothing while it is stopped (dockerd's collector
 * skips it), the end of the stream when it is removed or the client leaves.
 */
async function streamStatsTo(ctx: ApiContext, id: string): Promise<void> {
  const { engine, signal } = ctx;
  const res = ctx.res!;
  let frames = streamStats(engine, { ref: id });
  // The first sample is taken before the 200, so a refusal (rootless cgroup v1) is an HTTP error.
  let next = await frames.next();
  // docker parity: the streamed reply carries no Content-Type
  res.writeHead(200);
  res.flushHeaders();
  try {
    while (!signal.aborted) {
      const running = isRunning(engine, id);
      if (running === undefined) break;
      if (running && !next.done && next.value.read !== ZERO_TIME) {
        res.write(encodeJson(next.value));
        next = await frames.next();
        continue;
      }
      await frames.return(undefined);
      if (!(await pause(1000, signal))) break;
      frames = streamStats(engine, { ref: id });
      next = await frames.next();
    }
  } catch (e) {
    engine.log.warn(`api: stats ${id}: ${(e as Error).message}`);
  } finally {
    await frames.return(undefined).catch(() => undefined);
    if (!res.writableEnded) res.end();
  }
}

/** Sleeps unless the signal aborts first; false when it did. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => { clearTimeout(timer); signal.removeEventListener('abort', onAbort); resolve(ok); };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort);
  });
}

const CONDITIONS: WaitCondition[] = ['not-running', 'next-exit', 'removed'];

export async function containerWaitRoute(ctx: ApiContext): Promise<void> {
  // docker parity: before 1.30 there was no condition and the headers waited for the result.
  const legacy = !versionAtLeast(ctx.version, '1.30');
  const asked = ctx.query.str('condition') as WaitCondition | undefined;
  const condition = !legacy && asked && CONDITIONS.includes(asked) ? asked : 'not-running';
  const waiter = prepareWait(ctx.engine, { ref: ctx.params.id!, condition });
  const res = ctx.res!;
  if (!legacy) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
  }
  let report;
  try {
    report = await waiter.wait(ctx.signal);
  } catch (e) {
    if (ctx.signal.aborted) { res.destroy(); return; }
    if (legacy) throw e;
    ctx.engine.log.warn(`api: wait ${waiter.id}: ${(e as Error).message}`);
    res.destroy();
    return;
  }
  // docker parity: "Error" is null unless the wait itself failed; Error comes first (struct order).
  const body = { Error: report.Error ?? null, StatusCode: report.StatusCode };
  if (legacy) sendJson(res, 200, body);
  else res.end(encodeJson(body));
}
