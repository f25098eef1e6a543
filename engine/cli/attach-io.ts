// Wires the user's terminal to a container's conmon attach connection: output to stdout/stderr,
// stdin to the container (raw mode for -t), window size changes, and Docker's detach keys.
import { spawnSync } from 'node:child_process';
import type { Engine } from '../context.js';
import { resizeTerminal, type AttachConnection, type AttachHandlers } from '../runtime/attach.js';
import { bundleDir } from '../runtime/index.js';
import type { CliIO } from './command.js';
import { detachKeyBytes } from '../domain/containers/detach-keys.js';

export interface AttachSession { handlers: AttachHandlers & { size?: { rows: number; cols: number } }; ended: Promise<void> }

export function attachHandlers(io: CliIO, streams: { stdout: boolean; stderr: boolean }, tty: boolean): AttachSession {
  let done: () => void = () => undefined;
  const ended = new Promise<void>((r) => { done = r; });
  const size = tty && io.stdout.isTTY ? { rows: io.stdout.rows ?? 24, cols: io.stdout.columns ?? 80 } : undefined;
  return {
    ended,
    handlers: {
      stdout: (b) => { if (streams.stdout) io.stdout.write(b); },
      stderr: (b) => { if (streams.stderr) io.stderr.write(b); },
      end: () => done(),
      size,
    },
  };
}

/** Detach keys: Docker's default is ctrl-p,ctrl-q (a spec Docker refuses falls back to it). */
export const parseDetachKeys = (spec: string | undefined): number[] => detachKeyBytes(spec) ?? detachKeyBytes(undefined)!;

/**
 * libuv's raw mode keeps ONLCR on output, so the container pty's "\r\n" would reach the screen as
 * "\r\r\n"; the docker CLI's raw mode (term.MakeRaw) turns output processing off too.
 */
function setOutputProcessing(on: boolean): void {
  spawnSync('stty', [on ? 'opost' : '-opost'], { stdio: ['inherit', 'ignore', 'ignore'] });
}

/** Put the user's terminal in raw mode (before the container starts, so its first output is drawn right); returns the undo. */
export function enterRawTerminal(io: CliIO, tty: boolean): () => void {
  const stdin = io.stdin;
  if (!tty || !stdin.isTTY || typeof stdin.setRawMode !== 'function') return () => undefined;
  stdin.setRawMode(true);
  setOutputProcessing(false);
  return () => { stdin.setRawMode!(false); setOutputProcessing(true); };
}

export interface StdinPump { stop(): void; detached: Promise<void> }

/** Copy stdin into the container; on EOF half-close so the container sees end of input. */
export function pumpStdin(engine: Engine, id: string, io: CliIO, conn: Pick<AttachConnection, 'write' | 'closeStdin'>,
  opts: { tty: boolean; detachKeys?: string; /** Where window size changes go (an exec's pty); the container's by default. */ resize?: (rows: number, cols: number) => void }): StdinPump {
  const stdin = io.stdin;
  const keys = parseDetachKeys(opts.detachKeys);
  let matched = 0;
  let onDetach: () => void = () => undefined;
  const detached = new Promise<void>((r) => { onDetach = r; });
  const onData = (chunk: Buffer) => {
    if (opts.tty) {
      for (const byte of chunk) {
        matched = byte === keys[matched] ? matched + 1 : byte === keys[0] ? 1 : 0;
        if (matched === keys.length) { onDetach(); return; }
      }
    }
    conn.write(chunk);
  };
  const onEnd = () => conn.closeStdin();
  const resize = opts.resize ?? ((rows: number, cols: number) => resizeTerminal(bundleDir(engine, id), rows, cols));
  const onResize = () => resize(io.stdout.rows ?? 24, io.stdout.columns ?? 80);
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  if (opts.tty) process.on('SIGWINCH', onResize);
  stdin.resume();
  return {
    detached,
    stop: () => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      process.off('SIGWINCH', onResize);
      stdin.pause();
      (stdin as { unref?: () => void }).unref?.();
    },
  };
}
