import type { Engine } from '../../context.js';
import { conflict, invalidArgument } from '../../errors.js';
import { runcFor } from '../../runtime/index.js';
import { run } from '../../sys/process.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';

export interface TopReport { Titles: string[]; Processes: string[][] }

/** Docker's top: run the host's ps with the given options and keep the rows of the container's pids (moby daemon/top_unix.go). */
export async function topContainer(engine: Engine, opts: { ref: string; psArgs?: string }): Promise<TopReport> {
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') throw conflict('not-running', `Container ${rec.Id} is not running`);
  const pids = await containerPids(engine, rec.Id, rec.State.Pid);
  const args = (opts.psArgs || '-ef').split(/\s+/).filter(Boolean);
  const r = await run('ps', args);
  if (r.exitCode !== 0) throw invalidArgument('ps-failed', `ps: ${r.stderr.trim()}`);
  return parsePs(r.stdout, pids);
}

/** runc ps needs the container's cgroup; rootless v1 has none, so walk /proc for descendants of its init. */
async function containerPids(engine: Engine, id: string, initPid: number): Promise<Set<number>> {
  try { return new Set(await runcFor(engine).ps(id)); } catch { /* no cgroup */ }
  const r = await run('ps', ['-e', '-o', 'pid=,ppid=']);
  const parent = new Map<number, number>();
  for (const line of r.stdout.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    if (p !== undefined && pp !== undefined) parent.set(p, pp);
  }
  const out = new Set<number>([initPid]);
  for (const p of parent.keys()) {
    for (let cur: number | undefined = p; cur && cur > 1; cur = parent.get(cur)) if (cur === initPid) { out.add(p); break; }
  }
  return out;
}

export function parsePs(output: string, pids: Set<number>): TopReport {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const titles = lines[0]!.trim().split(/\s+/);
  const pidIndex = titles.indexOf('PID');
  // docker parity: moby daemon/top_unix.go
  if (pidIndex < 0) throw invalidArgument('no-pid', "Couldn't find PID field in ps output");
  const processes: string[][] = [];
  for (const line of lines.slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (!pids.has(Number(fields[pidIndex]))) continue;
    const row = fields.slice(0, titles.length - 1);
    row.push(fields.slice(titles.length - 1).join(' '));
    processes.push(row);
  }
  return { Titles: titles, Processes: processes };
}
