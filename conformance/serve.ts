// `NAME=CLI,serve`: the harness runs the candidate's own API service (`CLI system service`, which both
// skiff and Podman have) on a private socket for the length of the run, so API scenarios need no
// daemon started by hand.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { Client } from 'undici';
import type { Target } from './targets.js';

export interface RunningService { stop(): Promise<void> }

/** Whether an Engine API answers /_ping on the socket. */
export async function daemonAnswers(socket: string): Promise<boolean> {
  const client = new Client('http://localhost', { socketPath: socket, headersTimeout: 2000, bodyTimeout: 2000 });
  try {
    const res = await client.request({ method: 'GET', path: '/_ping' });
    await res.body.text();
    return res.statusCode === 200;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Starts the service and points the target (and its CLI) at it. */
export async function serveTarget(t: Target): Promise<RunningService> {
  const socket = join(mkdtempSync(join(tmpdir(), `conformance-${t.name}-`)), 'api.sock');
  const proc: ResultPromise = execa(t.command[0]!, [...t.command.slice(1), 'system', 'service', '--time', '0', `unix://${socket}`],
    { env: t.env, reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe' });
  const deadline = Date.now() + 30_000;
  while (!(await daemonAnswers(socket))) {
    if (proc.exitCode !== null && proc.exitCode !== undefined) throw new Error(`${t.name}: system service exited (${proc.exitCode}): ${String((await proc).stderr).trim()}`);
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`${t.name}: system service did not answer on ${socket}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  t.socket = socket;
  return {
    async stop() {
      proc.kill('SIGTERM');
      const kill = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await proc;
      clearTimeout(kill);
    },
  };
}
