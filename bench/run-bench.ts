// Paired benchmark: the same commands against skiff, Docker and Podman in one run, reporting
// medians and the ratios skiff/docker and skiff/podman. Usage: npx tsx bench/run-bench.ts [--runs N] [--containers N]
import { execa } from 'execa';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildBusyboxArchive } from '../fixtures/images/build-busybox.js';

interface Engine { name: string; argv: string[] }
const REPO = resolve(import.meta.dirname, '..');
const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const RUNS = arg('runs', 15);
const CONTAINERS = arg('containers', 200);
const IMAGE = 'skiffbench-busybox:latest';
const LABEL = 'skiff.bench=1';

async function available(): Promise<Engine[]> {
  const engines: Engine[] = [{ name: 'skiff', argv: [process.execPath, join(REPO, 'dist', 'skiff.js')] }];
  if ((await execa('docker', ['version'], { reject: false })).exitCode === 0) engines.push({ name: 'docker', argv: ['docker'] });
  if ((await execa('podman', ['version'], { reject: false })).exitCode === 0) engines.push({ name: 'podman', argv: ['podman'] });
  return engines;
}

const cmd = (e: Engine, args: string[]) => execa(e.argv[0]!, [...e.argv.slice(1), ...args], { reject: false });

async function time(e: Engine, args: string[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  const r = await cmd(e, args);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.exitCode !== 0) throw new Error(`${e.name} ${args.join(' ')}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

/** Interleave the engines run by run so drift on the machine hits all of them alike. */
async function measure(engines: Engine[], args: string[]): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(engines.map((e) => [e.name, []]));
  for (const e of engines) await time(e, args); // warm-up
  for (let i = 0; i < RUNS; i++) for (const e of engines) samples[e.name]!.push(await time(e, args));
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

async function createMany(e: Engine, n: number): Promise<void> {
  for (let i = 0; i < n; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => cmd(e, ['create', '--label', LABEL, IMAGE, 'true'])));
  }
}

async function removeBenchContainers(e: Engine): Promise<void> {
  const ids = (await cmd(e, ['ps', '-aq', '--filter', `label=${LABEL}`])).stdout.split('\n').filter(Boolean);
  for (let i = 0; i < ids.length; i += 50) await cmd(e, ['rm', '-f', ...ids.slice(i, i + 50)]);
}

async function main(): Promise<void> {
  if (!existsSync(join(REPO, 'dist', 'skiff.js'))) throw new Error('build first: npm run build');
  const engines = await available();
  const dir = await mkdtemp(join(tmpdir(), 'skiff-bench-'));
  const archive = join(dir, 'busybox.tar');
  writeFileSync(archive, (await buildBusyboxArchive(IMAGE)).archive);
  for (const e of engines) { await removeBenchContainers(e); await cmd(e, ['load', '-i', archive]); }
  const rows: Array<[string, Record<string, number>]> = [];
  rows.push(['run --rm IMAGE true', await measure(engines, ['run', '--rm', IMAGE, 'true'])]);
  rows.push(['ps -a (0 containers)', await measure(engines, ['ps', '-a', '--filter', `label=${LABEL}`])]);
  for (const e of engines) await createMany(e, CONTAINERS);
  rows.push([`ps -a (${CONTAINERS} containers)`, await measure(engines, ['ps', '-a'])]);
  for (const e of engines) await removeBenchContainers(e);
  const names = engines.map((e) => e.name);
  const lines = [`| command | ${names.map((n) => `${n} ms`).join(' | ')} | skiff/docker | skiff/podman |`, `|---|${names.map(() => '---:').join('|')}|---:|---:|`];
  for (const [label, m] of rows) {
    const ratio = (other: string) => (m[other] ? (m.skiff! / m[other]!).toFixed(2) : 'n/a');
    lines.push(`| ${label} | ${names.map((n) => m[n]!.toFixed(1)).join(' | ')} | ${ratio('docker')} | ${ratio('podman')} |`);
  }
  const report = `Medians of ${RUNS} interleaved runs (lower is better; ratio < 1 means skiff is faster).\n\n${lines.join('\n')}\n`;
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'latest.md'), report);
  process.stdout.write(report);
}

await main();
