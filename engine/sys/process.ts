// Runs helper programs (runc, mount, ps…). Plain child_process rather than execa: execa was 27% of the
// bundled CLI (165 KB) and every skiff command pays its parse time at start-up.
import { spawn } from 'node:child_process';

export interface RunResult { exitCode: number; stdout: string; stderr: string }
export interface RunOptions { env?: NodeJS.ProcessEnv; input?: string | Buffer; cwd?: string }

/** Run a program to completion; never throws for a non-zero exit (callers decide), only when it cannot start. */
export function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({
      exitCode: code ?? (signal ? 128 + signalNumber(signal) : 1),
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    }));
    child.stdin.on('error', () => { /* the program may exit without reading its input */ });
    child.stdin.end(opts.input ?? '');
  });
}

import { constants } from 'node:os';
const signalNumber = (s: NodeJS.Signals) => (constants.signals as Record<string, number>)[s] ?? 1;

/** True when a process with this pid exists (signal 0 probes without sending). */
export function pidAlive(pid: number): boolean {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
