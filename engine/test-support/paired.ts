// Paired end-to-end runs: the same argv through the docker CLI (against the local dockerd) and through
// skiff, with only what must differ normalised (ids, scratch paths, names, the program name).
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Target } from './cli.js';
import { uniqueName } from './cli.js';

/** Per-engine values a case's argv may use: a scratch directory and a container name of its own. */
export interface CaseContext { tmp: string; name: string; engine: 'docker' | 'skiff' }

export interface PairedCase {
  name: string;
  argv: (c: CaseContext) => string[];
  input?: string;
  /** Commands to run after the case (same engine), e.g. inspect; their outputs are appended. */
  after?: (c: CaseContext) => string[][];
  /** Cleanup (same engine), not compared. */
  cleanup?: (c: CaseContext) => string[][];
  /** Rootless skiff: 'skip', 'same' as (rootful) docker by default, or assertions on both outcomes. */
  rootless?: 'skip' | ((docker: CaseOutcome, skiff: CaseOutcome) => void);
  /** Extra normalisation for both sides (e.g. output that depends on the network namespace). */
  norm?: (s: string) => string;
}

export function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export function dockerTarget(): Target {
  return {
    name: 'root',
    run: async (args, opts = {}) => {
      const r = await execa('docker', args, { reject: false, input: opts.input, timeout: opts.timeoutMs ?? 60_000, env: opts.env, stripFinalNewline: false });
      return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    },
  };
}

/** A scratch directory every engine (and the rootless user) can use. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  return dir;
}

export function newContext(engine: CaseContext['engine']): CaseContext {
  return { tmp: scratchDir(`pair-${engine}-`), name: uniqueName(`pair-${engine}`), engine };
}

/** Replace what must differ between the engines. */
export function normalize(text: string, c: CaseContext): string {
  return text
    .split(c.tmp).join('<tmp>')
    .split(c.name).join('<name>')
    .replace(/\b[0-9a-f]{64}\b/g, '<id>')
    .replace(/\b[0-9a-f]{12}\b/g, '<short-id>')
    .replace(/^skiff: /gm, 'docker: ')
    .replace(/^Usage: {2}skiff /gm, 'Usage:  docker ')
    .replace(/'skiff (run|create|exec)/g, "'docker $1");
}

export interface CaseOutcome { code: number; stdout: string; stderr: string }

/**
 * The kernel prints a tmpfs/devpts owner (uid=, gid= in /proc/mounts) in the initial user namespace, so a
 * rootless container shows host ids where Docker shows container ids (and nothing for root). Map them back.
 */
export function rootlessMountIds(user: string, uid: number, gid: number): (s: string) => string {
  const range = (file: string) => {
    const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${user}:`)) ?? `${user}:0:0`;
    const [, start, count] = line.split(':').map(Number);
    return { start: start!, count: count! };
  };
  const sub = { uid: range('/etc/subuid'), gid: range('/etc/subgid') };
  const own = { uid, gid };
  const inner = (kind: 'uid' | 'gid', host: number) => {
    if (host === own[kind]) return 0;
    const r = sub[kind];
    return host >= r.start && host < r.start + r.count ? host - r.start + 1 : host;
  };
  return (s) => s.replace(/,(uid|gid)=(\d+)/g, (_m, kind: 'uid' | 'gid', n: string) => {
    const id = inner(kind, Number(n));
    return id === 0 ? '' : `,${kind}=${id}`;
  });
}

/** Runs one case (and its follow-up commands) on one engine; outputs normalised. */
export async function runCase(t: Target, k: PairedCase, c: CaseContext): Promise<CaseOutcome> {
  const r = await t.run(k.argv(c), { input: k.input });
  let stdout = r.stdout;
  let stderr = r.stderr;
  for (const argv of k.after?.(c) ?? []) {
    const a = await t.run(argv);
    stdout += `--- ${argv[0]} (${a.code})\n${a.stdout}`;
    stderr += a.stderr;
  }
  for (const argv of k.cleanup?.(c) ?? []) await t.run(argv);
  const n = (s: string) => (k.norm ? k.norm(normalize(s, c)) : normalize(s, c));
  return { code: r.code, stdout: n(stdout), stderr: n(stderr) };
}
