// Paired Engine API benchmark: requests per second on GET /containers/json?all=1 (50 containers) and
// GET /containers/{id}/json against skiff's `system service`, dockerd and Podman's service in one run,
// rounds interleaved; plus each server's RSS idle and right after load. Writes bench/results/api.md.
// Usage: npx tsx bench/api-bench.ts [--seconds 5] [--rounds 3] [--concurrency 16] [--containers 50]
import { execa, type ResultPromise } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'undici';

const REPO = resolve(import.meta.dirname, '..');
const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const SECONDS = arg('seconds', 5);
const ROUNDS = arg('rounds', 3);
const CONCURRENCY = arg('concurrency', 16);
const CONTAINERS = arg('containers', 50);
const IMAGE = 'busybox:latest';

interface Server { name: string; socket: string; pid: number; cli: string[]; stop(): Promise<void> }

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function waitPing(socket: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const pool = new Pool('http://localhost', { socketPath: socket, connections: 1 });
    try { const r = await pool.request({ path: '/_ping', method: 'GET' }); await r.body.text(); if (r.statusCode === 200) return; } catch { /* not yet */ } finally { await pool.close(); }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing answers on ${socket}`);
}

async function startService(name: string, cli: string[], args: string[]): Promise<Server> {
  const socket = join(mkdtempSync(join(tmpdir(), `api-bench-${name}-`)), 'api.sock');
  const proc: ResultPromise = execa(cli[0]!, [...cli.slice(1), ...args, `unix://${socket}`], { reject: false, stdio: 'ignore' });
  await waitPing(socket);
  // The process that serves: the node under skiff's re-exec wrapper is the child when rootless; here root.
  return { name, socket, pid: proc.pid!, cli, stop: async () => { proc.kill('SIGTERM'); await proc; } };
}

async function servers(): Promise<Server[]> {
  const base = mkdtempSync(join(tmpdir(), 'api-bench-skiff-'));
  const skiffCli = [process.execPath, '--', join(REPO, 'dist', 'skiff.js'), '--root', join(base, 'root'), '--runroot', join(base, 'run')];
  const archive = join(base, 'busybox.tar');
  await execa('npx', ['tsx', join(REPO, 'fixtures/images/build-busybox-cli.ts'), archive]);
  await execa(skiffCli[0]!, [...skiffCli.slice(1), 'load', '-i', archive]);
  const list = [await startService('skiff', skiffCli, ['system', 'service', '--time', '0'])];
  const dockerd = await execa('pidof', ['dockerd'], { reject: false });
  if (dockerd.exitCode === 0) {
    list.push({ name: 'docker', socket: '/var/run/docker.sock', pid: Number(String(dockerd.stdout).split(' ')[0]), cli: ['docker'], stop: async () => undefined });
  }
  if ((await execa('podman', ['version'], { reject: false })).exitCode === 0) {
    await execa('podman', ['load', '-i', archive], { reject: false });
    list.push(await startService('podman', ['podman'], ['system', 'service', '--time', '0']));
  }
  return list;
}

async function populate(s: Server, label: string): Promise<string> {
  let id = '';
  for (let i = 0; i < CONTAINERS; i++) {
    const r = await execa(s.cli[0]!, [...s.cli.slice(1), 'create', '--label', label, IMAGE, 'true']);
    id = String(r.stdout).trim().split('\n').pop()!;
  }
  return id;
}

async function cleanup(s: Server, label: string): Promise<void> {
  const ids = String((await execa(s.cli[0]!, [...s.cli.slice(1), 'ps', '-aq', '--filter', `label=${label}`], { reject: false })).stdout).split('\n').filter(Boolean);
  if (ids.length) await execa(s.cli[0]!, [...s.cli.slice(1), 'rm', '-f', ...ids], { reject: false });
}

/** Closed-loop load: CONCURRENCY clients each issue the next request as soon as the last one ends. */
async function load(socket: string, path: string): Promise<{ rps: number; errors: number }> {
  const pool = new Pool('http://localhost', { socketPath: socket, connections: CONCURRENCY });
  const end = Date.now() + SECONDS * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      try {
        const r = await pool.request({ path, method: 'GET' });
        await r.body.arrayBuffer();
        if (r.statusCode === 200) done++; else errors++;
      } catch { errors++; }
    }
  }));
  await pool.close();
  return { rps: done / SECONDS, errors };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

async function main(): Promise<void> {
  const list = await servers();
  const label = `skiff-api-bench=${process.pid}`;
  const ids = new Map<string, string>();
  for (const s of list) ids.set(s.name, await populate(s, label));
  const idle = new Map(list.map((s) => [s.name, rssKb(s.pid)]));
  const samples: Record<string, { list: number[]; inspect: number[]; errors: number; peak: number }> = {};
  for (const s of list) samples[s.name] = { list: [], inspect: [], errors: 0, peak: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of list) {
      const a = await load(s.socket, '/v1.41/containers/json?all=1');
      const b = await load(s.socket, `/v1.41/containers/${ids.get(s.name)}/json`);
      const x = samples[s.name]!;
      x.list.push(a.rps); x.inspect.push(b.rps); x.errors += a.errors + b.errors;
      x.peak = Math.max(x.peak, rssKb(s.pid));
      process.stderr.write(`round ${round + 1} ${s.name}: list ${a.rps.toFixed(0)}/s, inspect ${b.rps.toFixed(0)}/s\n`);
    }
  }
  for (const s of list) { await cleanup(s, label); await s.stop(); }

  const med = (n: string, k: 'list' | 'inspect') => median(samples[n]![k]);
  const rows = list.map((s) => `| ${s.name} | ${med(s.name, 'list').toFixed(0)} | ${med(s.name, 'inspect').toFixed(0)} | ${(idle.get(s.name)! / 1024).toFixed(1)} | ${(samples[s.name]!.peak / 1024).toFixed(1)} | ${samples[s.name]!.errors} |`);
  const ratio = (other: string) => list.some((s) => s.name === other)
    ? `skiff/${other}: list ${(med('skiff', 'list') / med(other, 'list')).toFixed(2)}, inspect ${(med('skiff', 'inspect') / med(other, 'inspect')).toFixed(2)} (throughput; >1 = skiff faster)`
    : `${other}: not available`;
  const md = [
    '# Engine API benchmark', '',
    `${new Date().toISOString()}; ${CONTAINERS} containers, ${CONCURRENCY} concurrent clients, ${SECONDS} s per measurement, ${ROUNDS} interleaved rounds, medians. RSS of the serving process (dockerd: the whole daemon).`, '',
    '| server | GET /containers/json req/s | GET /containers/{id}/json req/s | RSS idle MB | RSS peak MB | errors |', '|---|---|---|---|---|---|',
    ...rows, '', `- ${ratio('docker')}`, `- ${ratio('podman')}`, '',
  ].join('\n');
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'api.md'), md);
  process.stdout.write(md);
}

main().catch((e) => { process.stderr.write(`${e?.stack ?? e}\n`); process.exit(1); });
