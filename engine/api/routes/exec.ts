// Exec instances: create, start (hijacked, or detached), resize, inspect.
// docker parity: moby@20.10 api/server/router/container/exec.go
import { createExec, getExec, resizeExec, startExec, execConfig, type ExecConfig, type ExecSession } from '../../domain/containers/exec.js';
import { DetachScanner, detachKeyBytes } from '../../domain/containers/detach-keys.js';
import { SKIFF_VERSION } from '../../domain/system/version.js';
import { execInspect } from '../../views/exec-inspect.js';
import { hijack, readUpgradeBody, streamContentType, type Hijacked } from '../hijack.js';
import { goJsonError, readBody, type ApiContext } from '../request.js';
import { sendEmpty, sendJson } from '../response.js';
import type { Router } from '../router.js';
import { standardHeaders } from '../server.js';
import { frame, STDERR, STDOUT } from '../stdcopy.js';
import { badRequest } from '../status.js';
import { decodeBody } from './json-body.js';
import { queryAtoi } from './streams.js';

export function execRoutes(r: Router): void {
  r.post('/containers/{id}/exec', createRoute);
  r.post('/exec/{id}/start', startRoute, { hijack: true });
  r.post('/exec/{id}/resize', async (ctx) => {
    const h = queryAtoi(ctx, 'h');
    const w = queryAtoi(ctx, 'w');
    await resizeExec(ctx.engine, ctx.params.id!, h, w);
    sendEmpty(ctx.res!, 200);
  });
  r.get('/exec/{id}/json', (ctx) => { sendJson(ctx.res!, 200, execInspect(getExec(ctx.engine, ctx.params.id!))); });
}

const CREATE_SPEC = {
  User: 'string', Privileged: 'bool', Tty: 'bool', AttachStdin: 'bool', AttachStdout: 'bool', AttachStderr: 'bool', Detach: 'bool',
  DetachKeys: 'string', Env: 'array', WorkingDir: 'string',
} as const;

async function createRoute(ctx: ApiContext): Promise<void> {
  const body = await decodeBody<ExecConfig & { Cmd?: unknown }>(ctx, 'types.ExecConfig', CREATE_SPEC);
  // Cmd is a strslice: a JSON string is a one-word command.
  const cmd = typeof body.Cmd === 'string' ? [body.Cmd] : body.Cmd;
  if (cmd != null && (!Array.isArray(cmd) || cmd.some((c) => typeof c !== 'string'))) throw badRequest('json: cannot unmarshal into Go struct field ExecConfig.Cmd of type strslice.StrSlice');
  // docker parity: moby daemon/exec.go ContainerExecCreate (term.ToBytes on the keys)
  if (body.DetachKeys && !detachKeyBytes(body.DetachKeys)) throw new Error(`Invalid escape keys (${body.DetachKeys}) provided`);
  const { id } = createExec(ctx.engine, { ref: ctx.params.id!, config: { ...body, Cmd: cmd as string[] | null | undefined } });
  sendJson(ctx.res!, 201, { Id: id });
}

interface ExecStartCheck { Detach?: boolean; Tty?: boolean; ConsoleSize?: [number, number] | null }

async function startBody(ctx: ApiContext): Promise<{ check: ExecStartCheck; rest: Buffer }> {
  const { body, rest } = ctx.upgrade ? await readUpgradeBody(ctx) : { body: await readBody(ctx.req), rest: Buffer.alloc(0) };
  const text = body.toString('utf8');
  if (text.trim() === '') return { check: {}, rest };
  try {
    const check = JSON.parse(text) as ExecStartCheck | null;
    return { check: check && typeof check === 'object' ? check : {}, rest };
  } catch (e) {
    throw badRequest(goJsonError(text, e));
  }
}

async function startRoute(ctx: ApiContext): Promise<void> {
  const { check, rest } = await startBody(ctx);
  const rec = getExec(ctx.engine, ctx.params.id!);
  if (check.Detach) {
    await startExec(ctx.engine, { id: rec.Id, detach: true }).then((s) => s.detach());
    if (ctx.res) sendEmpty(ctx.res, 200);
    else ctx.upgrade!.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  const cfg = execConfig(rec);
  const tty = cfg.Tty === true;
  const conn = hijack(ctx, {
    contentType: streamContentType(ctx.version, tty), pending: rest,
    apiHeaders: standardHeaders(`skiff/${SKIFF_VERSION} (linux)`),
  });
  const out = (stream: typeof STDOUT | typeof STDERR) => (b: Buffer) => conn.write(tty ? b : frame(stream, b));
  const size = check.ConsoleSize && check.ConsoleSize[0] > 0 ? { rows: check.ConsoleSize[0], cols: check.ConsoleSize[1] } : undefined;
  let session: ExecSession;
  try {
    session = await startExec(ctx.engine, { id: rec.Id, output: { stdout: out(STDOUT), stderr: out(STDERR) }, size });
  } catch (e) {
    // docker parity: moby router/container/exec.go writes a failed start into the stream's stdout.
    out(STDOUT)(Buffer.from(`${(e as Error).message}\r\n`));
    conn.end();
    return;
  }
  relayInput(conn, session, tty ? cfg.DetachKeys : undefined);
  const gone = await Promise.race([session.ended.then(() => false), conn.closed.then(() => true)]);
  if (gone) session.detach();
  conn.end();
}

/** Client input to the process's stdin; EOF closes it. With a TTY, the detach keys end the session. */
function relayInput(conn: Hijacked, session: ExecSession, detachKeys: string | undefined): void {
  const stdin = session.stdin;
  if (!stdin) return;
  const scanner = detachKeys !== undefined ? new DetachScanner(detachKeyBytes(detachKeys) ?? detachKeyBytes(undefined)!) : undefined;
  conn.onInput((chunk) => {
    if (!scanner) { stdin.write(chunk); return; }
    const r = scanner.push(chunk);
    if (r.forward.length > 0) stdin.write(r.forward);
    if (r.detached) { session.detach(); conn.end(); }
  }, () => stdin.closeStdin());
}
