// Live output of a container for run/start -a/attach. It is read from the container's log, which
// conmon writes before anything else sees the output, so nothing printed between `runc start` and
// conmon accepting an attach connection can be lost (conmon's attach socket has no replay).
// Containers without a log (--log-driver none) fall back to the attach socket.
import type { Engine } from '../../context.js';
import type { ContainerRecord } from '../../model/container.js';
import { attachToConmon, type AttachConnection, type AttachHandlers } from '../../runtime/attach.js';
import { bundleDir, logPath } from '../../runtime/index.js';
import { readLog } from './log-reader.js';
import { syncContainer } from './sync.js';
import { recordContainerEvent } from '../events/emit.js';

export interface OutputStream {
  /** Call once the container runs: from then on its exit ends the stream. */
  markStarted(): void;
  stop(): void;
}

export function followOutput(engine: Engine, rec: ContainerRecord, h: AttachHandlers): OutputStream | Promise<OutputStream> {
  recordContainerEvent(engine, rec, 'attach');
  if ((rec.HostConfig.LogConfig?.Type ?? 'json-file') === 'none') return socketOutput(engine, rec, h);
  let started = false;
  const abort = new AbortController();
  const isDone = () => {
    if (!started) return false;
    const cur = engine.state.getContainer(rec.Id);
    return !cur || syncContainer(engine, cur).State.Status !== 'running';
  };
  const entries = readLog(logPath(engine, rec.Id), { follow: true, raw: true, fromEnd: true, isDone, signal: abort.signal });
  // The first step runs synchronously up to the first await: it records the log's current end now.
  const first = entries.next();
  void (async () => {
    try {
      for (let r = await first; !r.done; r = await entries.next()) (r.value.stream === 'stderr' ? h.stderr : h.stdout)(r.value.line);
    } finally {
      h.end();
    }
  })();
  return { markStarted: () => { started = true; }, stop: () => abort.abort() };
}

async function socketOutput(engine: Engine, rec: ContainerRecord, h: AttachHandlers): Promise<OutputStream> {
  const conn = await attachToConmon(bundleDir(engine, rec.Id), h);
  return { markStarted: () => undefined, stop: () => conn.close() };
}

/** A connection used only to write the container's stdin. */
export function stdinOnly(engine: Engine, id: string): Promise<AttachConnection> {
  const ignore = () => undefined;
  return attachToConmon(bundleDir(engine, id), { stdout: ignore, stderr: ignore, end: ignore });
}
