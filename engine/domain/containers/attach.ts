// Attach for the API (POST /containers/{id}/attach): the log's history (logs), live output (stream),
// and stdin (stdin) of a container that runs now or starts later — `docker run` attaches before it
// starts the container. Output comes from the container log (output-stream.ts), so nothing printed
// before the attach connection is ready is lost; stdin goes through conmon's attach socket, once the
// container exists for conmon. docker parity: moby daemon/attach.go, container/stream/attach.go
import type { Engine } from '../../context.js';
import { conflict } from '../../errors.js';
import type { ContainerRecord } from '../../model/container.js';
import { resizeTerminal, type AttachConnection } from '../../runtime/attach.js';
import { bundleDir } from '../../runtime/index.js';
import { sleep } from '../../sys/process.js';
import { DetachScanner, parseDetachKeys } from './detach-keys.js';
import { getContainer } from './lookup.js';
import { containerLogs } from './logs.js';
import { followOutput, stdinOnly, type OutputStream } from './output-stream.js';
import { syncContainer } from './sync.js';
import { recordContainerEvent } from '../events/emit.js';

export interface AttachOptions {
  ref: string;
  logs?: boolean;
  stream?: boolean;
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  detachKeys?: string;
}

export interface AttachOutput { stdout(chunk: Buffer): void; stderr(chunk: Buffer): void }

/** Why an attachment ended: the container exited, the client detached (keys or stdin EOF), or went away. */
export type AttachEnd = 'exited' | 'detached' | 'closed';

export interface Attachment {
  container: ContainerRecord;
  /** Client input for the container's stdin; undefined when stdin is not attached. */
  input?: { write(chunk: Buffer): void; end(): void };
  ended: Promise<AttachEnd>;
  /** The client went away. */
  close(): void;
}

/** Checks that need no connection: dockerd answers these before it hijacks. */
export function checkAttach(engine: Engine, opts: AttachOptions): ContainerRecord {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (rec.State.Status === 'paused') throw conflict('paused', 'You cannot attach to a paused container, unpause it first');
  if (rec.State.Status === 'restarting') throw conflict('restarting', 'You cannot attach to a restarting container, wait until it is running');
  if (opts.detachKeys) parseDetachKeys(opts.detachKeys);
  return rec;
}

export async function attachContainer(engine: Engine, opts: AttachOptions, out: AttachOutput): Promise<Attachment> {
  const rec = checkAttach(engine, opts);
  const pick: AttachOutput = { stdout: (b) => { if (opts.stdout) out.stdout(b); }, stderr: (b) => { if (opts.stderr) out.stderr(b); } };
  if (opts.logs) await replayLogs(engine, rec, pick);
  if (!opts.stream) return { container: rec, ended: Promise.resolve('exited'), close: () => undefined };

  let finish: (why: AttachEnd) => void = () => undefined;
  const ended = new Promise<AttachEnd>((r) => { finish = r; });
  let output: OutputStream | undefined;
  const abort = new AbortController();
  const started = waitForStart(engine, rec, abort.signal);
  output = await Promise.resolve(followOutput(engine, rec, { ...pick, end: () => finish('exited') })).catch(() => undefined);
  if (!output) finish('exited');
  void started.then((ok) => { if (ok) output?.markStarted(); });
  const stdin = opts.stdin && rec.Config.OpenStdin ? containerStdin(engine, rec, opts, started, (why) => finish(why)) : undefined;
  const close = () => finish('closed');
  void ended.then(() => { abort.abort(); output?.stop(); stdin?.close(); });
  return { container: rec, input: stdin, ended, close };
}

async function replayLogs(engine: Engine, rec: ContainerRecord, out: AttachOutput): Promise<void> {
  if ((rec.HostConfig.LogConfig?.Type ?? 'json-file') === 'none') return;
  for await (const e of containerLogs(engine, { ref: rec.Id })) (e.stream === 'stderr' ? out.stderr : out.stdout)(e.line);
}

/** Resolves true once the container runs (or ran: it may start and exit between two looks), false if aborted. */
async function waitForStart(engine: Engine, rec: ContainerRecord, signal: AbortSignal): Promise<boolean> {
  const startCount = rec.State.StartCount;
  for (;;) {
    if (signal.aborted) return false;
    const cur = engine.state.getContainer(rec.Id);
    if (!cur) return true;
    const s = syncContainer(engine, cur).State;
    if (s.Status === 'running' || s.StartCount > startCount) return true;
    await sleep(50);
  }
}

/**
 * Client input, held until conmon's attach socket exists. At the client's EOF a StdinOnce container
 * (without a TTY) gets its stdin closed; the output runs on until the container exits. With a TTY
 * the detach keys end the attachment.
 */
function containerStdin(engine: Engine, rec: ContainerRecord, opts: AttachOptions, started: Promise<boolean>, finish: (why: AttachEnd) => void) {
  const scanner = rec.Config.Tty ? new DetachScanner(parseDetachKeys(opts.detachKeys)) : undefined;
  const held: Buffer[] = [];
  let eof = false;
  let closed = false;
  let conn: AttachConnection | undefined;
  const closesStdin = rec.Config.StdinOnce && !rec.Config.Tty;
  void started.then(async (ok) => {
    if (!ok || closed) return;
    conn = await stdinOnly(engine, rec.Id).catch(() => undefined);
    if (!conn) return;
    if (closed) { conn.close(); return; }
    for (const b of held.splice(0)) conn.write(b);
    if (eof && closesStdin) conn.closeStdin();
  });
  return {
    write: (chunk: Buffer) => {
      if (eof || closed) return;
      let data = chunk;
      if (scanner) {
        const r = scanner.push(chunk);
        data = r.forward;
        if (r.detached) { if (data.length) conn ? conn.write(data) : held.push(data); finish('detached'); return; }
      }
      if (data.length === 0) return;
      if (conn) conn.write(data); else held.push(data);
    },
    // Other containers keep their stdin open for the next attach, and the output runs on.
    end: () => {
      if (eof) return;
      eof = true;
      if (closesStdin) conn?.closeStdin();
    },
    close: () => { closed = true; conn?.close(); },
  };
}

// docker parity: moby daemon/resize.go ContainerResize
export function resizeContainer(engine: Engine, ref: string, rows: number, cols: number): void {
  const rec = syncContainer(engine, getContainer(engine, ref));
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') throw conflict('not-running', `Container ${rec.Id} is not running`);
  resizeTerminal(bundleDir(engine, rec.Id), rows, cols);
  recordContainerEvent(engine, rec, 'resize', { height: String(rows), width: String(cols) });
}
