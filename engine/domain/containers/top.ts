// docker top: the host's ps with the client's options, limited to the container's pids
// (moby daemon/top_unix.go ContainerTop in Docker 20.10).
import type { Engine } from '../../context.js';
import { conflict, internal } from '../../errors.js';
import { runcFor } from '../../runtime/index.js';
import { run } from '../../sys/process.js';
import { getContainer } from './lookup.js';
import { syncContainer } from './sync.js';
import { recordContainerEvent } from '../events/emit.js';

export interface TopReport { Titles: string[]; Processes: string[][] }

export async function topContainer(engine: Engine, opts: { ref: string; psArgs?: string }): Promise<TopReport> {
  const psArgs = opts.psArgs || '-ef';
  validatePsArgs(psArgs); // docker parity: checked before the container is even looked up
  const rec = syncContainer(engine, getContainer(engine, opts.ref));
  if (rec.State.Status !== 'running' && rec.State.Status !== 'paused') throw conflict('not-running', `Container ${rec.Id} is not running`);
  const pids = await containerPids(engine, rec.Id, rec.State.Pid);
  // docker parity: split on single spaces (two spaces give ps an empty argument, as in Docker).
  const args = psArgs.split(' ');
  let r = await run('ps', [...args, `-q${[...pids].join(',')}`]);
  // Some options (f) do not mix with -q: Docker retries without the pid list.
  if (r.exitCode !== 0) r = await run('ps', args);
  if (r.exitCode !== 0) {
    // docker parity: only the first line of ps's stderr, else Go's "exit status N"; errors.Wrap(err, "ps")
    const first = r.stderr.split('\n')[0];
    throw internal('ps-failed', `ps: ${first || `exit status ${r.exitCode}`}`);
  }
  recordContainerEvent(engine, rec, 'top');
  return parsePs(r.stdout, pids);
}

/** A ps field renamed to PID would let the pid filter pick the wrong column. */
export function validatePsArgs(psArgs: string): void {
  // docker parity: moby daemon/top_unix.go validatePSArgs
  // Go's \s is ASCII only: [\t\n\f\r ].
  for (const m of psArgs.matchAll(/[\t\n\f\r ]+([^\t\n\f\r ]*)=[\t\n\f\r ]*(PID[^\t\n\f\r ]*)/g)) {
    if (m[1] !== 'pid') throw internal('ps-args', `specifying "${m[1]}=${m[2]}" is not allowed`);
  }
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

// Go's fieldsASCII: only ASCII whitespace separates fields.
const fieldsAscii = (line: string) => line.split(/[ \t\n\v\f\r]+/).filter(Boolean);

export function parsePs(output: string, pids: Set<number>): TopReport {
  const lines = output.split('\n');
  const titles = fieldsAscii(lines[0] ?? '');
  const pidIndex = titles.indexOf('PID');
  // docker parity: moby daemon/top_unix.go parsePSOutput
  if (pidIndex < 0) throw internal('no-pid', "Couldn't find PID field in ps output");
  const processes: string[][] = [];
  let lastWasOurs = false; // thread rows (pid "-", ps m) follow their process
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const fields = fieldsAscii(line);
    const pid = fields[pidIndex] ?? '';
    if (pid === '-') {
      if (lastWasOurs) processes.push(row(fields, titles.length));
      continue;
    }
    if (!/^[+-]?\d+$/.test(pid)) throw internal('ps-pid', `Unexpected pid '${pid}': strconv.Atoi: parsing ${JSON.stringify(pid)}: invalid syntax`);
    lastWasOurs = pids.has(Number(pid));
    if (lastWasOurs) processes.push(row(fields, titles.length));
  }
  return { Titles: titles, Processes: processes };
}

// The last column takes the rest of the line (commands have spaces).
const row = (fields: string[], n: number) => [...fields.slice(0, n - 1), fields.slice(n - 1).join(' ')];
