// Attach, logs and resize of containers. Attach hijacks the connection; output is multiplexed with
// stdcopy frames without a TTY and raw with one; logs stream the same way over a plain 200.
// docker parity: moby@20.10 api/server/router/container/container_routes.go
// (postContainersAttach, getContainersLogs, postContainersResize)
import { attachContainer, checkAttach, resizeContainer, type AttachOptions } from '../../domain/containers/attach.js';
import { getContainer } from '../../domain/containers/lookup.js';
import { containerLogs, utcLogTime } from '../../domain/containers/logs.js';
import { hijack, streamContentType, writeHijackError, MULTIPLEXED_STREAM, RAW_STREAM, type Hijacked } from '../hijack.js';
import { acceptWebSocket } from '../websocket.js';
import type { ApiContext } from '../request.js';
import { sendEmpty } from '../response.js';
import type { Router } from '../router.js';
import { frame, STDERR, STDOUT } from '../stdcopy.js';
import { badRequest } from '../status.js';
import { versionAtLeast } from '../version.js';

export function streamRoutes(r: Router): void {
  r.post('/containers/{id}/attach', attachRoute, { hijack: true });
  r.add('GET', '/containers/{id}/attach/ws', wsAttachRoute, { hijack: true });
  r.get('/containers/{id}/logs', logsRoute);
  r.post('/containers/{id}/resize', (ctx) => {
    const h = queryAtoi(ctx, 'h');
    const w = queryAtoi(ctx, 'w');
    resizeContainer(ctx.engine, ctx.params.id!, h, w);
    sendEmpty(ctx.res!, 200);
  });
}

/** strconv.Atoi on a query parameter that must be there (resize's h and w). */
export function queryAtoi(ctx: ApiContext, name: string): number {
  const v = ctx.query.str(name) ?? '';
  if (!/^[+-]?\d+$/.test(v)) throw badRequest(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

function attachOptions(ctx: ApiContext): AttachOptions {
  const q = ctx.query;
  return {
    ref: ctx.params.id!, logs: q.bool('logs'), stream: q.bool('stream'), stdin: q.bool('stdin'),
    stdout: q.bool('stdout'), stderr: q.bool('stderr'), detachKeys: q.str('detachKeys'),
  };
}

async function attachRoute(ctx: ApiContext): Promise<void> {
  const opts = attachOptions(ctx);
  let tty: boolean;
  try {
    tty = checkAttach(ctx.engine, opts).Config.Tty;
  } catch (e) {
    // docker parity: dockerd hijacks before it reports an attach error, in raw-stream form.
    writeHijackError(ctx, e);
    return;
  }
  const conn = hijack(ctx, { contentType: streamContentType(ctx.version, tty), pending: ctx.upgrade?.head });
  await relayAttach(ctx, opts, conn, !tty);
}

/** The websocket variant: errors before the handshake are plain HTTP errors; output is never multiplexed. */
async function wsAttachRoute(ctx: ApiContext): Promise<void> {
  const opts = attachOptions(ctx);
  checkAttach(ctx.engine, opts);
  await relayAttach(ctx, opts, acceptWebSocket(ctx), false);
}

async function relayAttach(ctx: ApiContext, opts: AttachOptions, conn: Hijacked, multiplex: boolean): Promise<void> {
  const out = (stream: typeof STDOUT | typeof STDERR) => (b: Buffer) => conn.write(multiplex ? frame(stream, b) : b);
  let attachment;
  try {
    attachment = await attachContainer(ctx.engine, opts, { stdout: out(STDOUT), stderr: out(STDERR) });
  } catch (e) {
    out(STDERR)(Buffer.from(`${(e as Error).message}\r\n`));
    conn.end();
    return;
  }
  const input = attachment.input;
  if (input) conn.onInput((b) => input.write(b), () => input.end());
  await Promise.race([attachment.ended, conn.closed]);
  attachment.close();
  conn.end();
}

async function logsRoute(ctx: ApiContext): Promise<void> {
  const q = ctx.query;
  const stdout = q.bool('stdout');
  const stderr = q.bool('stderr');
  // docker parity: checked before anything else, since the 200 goes out before the first line
  if (!stdout && !stderr) throw badRequest('Bad parameters: you must choose at least one stream');
  const rec = getContainer(ctx.engine, ctx.params.id!);
  const tail = parseTail(q.str('tail'));
  const entries = containerLogs(ctx.engine, {
    ref: rec.Id, follow: q.bool('follow'), since: parseTimestamp(q.str('since')), until: parseTimestamp(q.str('until')), tail, signal: ctx.signal,
  });
  const stamps = q.bool('timestamps');
  const tty = rec.Config.Tty;
  const res = ctx.res!;
  // API 1.41 (Docker 20.10) sent no Content-Type here; 1.42 names the stream's format.
  if (versionAtLeast(ctx.version, '1.42')) res.setHeader('Content-Type', tty ? RAW_STREAM : MULTIPLEXED_STREAM);
  res.writeHead(200);
  res.flushHeaders();
  try {
    for await (const e of entries) {
      if (e.stream === 'stderr' ? !stderr : !stdout) continue;
      const line = stamps ? Buffer.concat([Buffer.from(`${utcLogTime(e.time)} `), e.line]) : e.line;
      if (res.destroyed) break;
      // A slow client holds the reading back instead of the whole log piling up in memory.
      if (!res.write(tty ? line : frame(e.stream === 'stderr' ? STDERR : STDOUT, line))) {
        await new Promise<void>((resolve) => {
          const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
  } finally {
    if (!res.writableEnded) res.end();
  }
}

/** `tail`: a line count; "all", a bad number or a negative one mean everything. docker parity: moby daemon/logs.go */
function parseTail(v: string | undefined): number | undefined {
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n < 0 ? undefined : n;
}

/** since/until: unix seconds with optional fraction ("1700000000.123456789"), as the CLI sends. docker parity: moby api/types/time ParseTimestamps */
function parseTimestamp(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || v === '0') return undefined;
  const m = /^(-?\d+)(?:\.(\d{1,9}))?$/.exec(v);
  if (!m) throw badRequest(`failed to parse value as time or duration: "${v}"`);
  return Number(m[1]) * 1000 + Number((m[2] ?? '0').padEnd(9, '0')) / 1e6;
}
