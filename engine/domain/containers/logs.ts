import type { Engine } from '../../context.js';
import { invalidArgument } from '../../errors.js';
import { logPath } from '../../runtime/index.js';
import { getContainer } from './lookup.js';
import { readLog, type LogEntry } from './log-reader.js';
import { syncContainer } from './sync.js';

export interface LogsOptions { ref: string; follow?: boolean; since?: number; until?: number; tail?: number; signal?: AbortSignal }

export function containerLogs(engine: Engine, opts: LogsOptions): AsyncGenerator<LogEntry> {
  const rec = getContainer(engine, opts.ref);
  const driver = rec.HostConfig.LogConfig?.Type ?? 'json-file';
  // docker parity: moby daemon/logs.go for drivers without read support
  if (driver === 'none') throw invalidArgument('logs-unsupported', `configured logging driver does not support reading`);
  const isDone = () => {
    const cur = engine.state.getContainer(rec.Id);
    return !cur || syncContainer(engine, cur).State.Status !== 'running';
  };
  return readLog(logPath(engine, rec.Id), { ...opts, isDone });
}

/** conmon stamps local time with an offset; Docker prints UTC with nanoseconds. */
export function utcLogTime(t: string): string {
  const m = /^(.*T[\d:]+)(\.\d+)?([+-]\d\d:\d\d|Z)$/.exec(t);
  if (!m) return t;
  const base = new Date(`${m[1]}${m[3]}`).toISOString().replace('.000Z', '');
  return `${base}${m[2] ?? ''}Z`;
}
