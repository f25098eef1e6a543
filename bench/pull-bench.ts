// Paired pull benchmark: one ~200 MB multi-layer image of random data, pulled from the loopback
// registry by skiff, Docker and Podman, interleaved run by run; medians and ratios are printed and
// written to bench/results/pull.md. Usage: npx tsx bench/pull-bench.ts [--runs 7] [--mb 200] [--layers 8]
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publishRandomImage } from '../fixtures/images/build-layered.js';

interface Engine { name: string; pull: string[]; rmi: string[]; prefix: string[] }
const REPO = resolve(import.meta.dirname, '..');
const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const RUNS = arg('runs', 7);
const MB = arg('mb', 200);
const LAYERS = arg('layers', 8);
const REGISTRY = process.env.SKIFF_BENCH_REGISTRY ?? '127.0.0.1:5000';

async function engines(): Promise<Engine[]> {
  const root = mkdtempSync(join(tmpdir(), 'skiff-pull-bench-'));
  const skiff = [process.execPath, join(REPO, 'dist', 'skiff.js'), '--root', join(root, 'root'), '--runroot', join(root, 'run')];
  const out: Engine[] = [{ name: 'skiff', prefix: skiff, pull: ['pull', '-q'], rmi: ['rmi', '-f'] }];
  if ((await execa('docker', ['version'], { reject: false })).exitCode === 0) out.push({ name: 'docker', prefix: ['docker'], pull: ['pull', '-q'], rmi: ['rmi', '-f'] });
  if ((await execa('podman', ['version'], { reject: false })).exitCode === 0) out.push({ name: 'podman', prefix: ['podman'], pull: ['pull', '-q', '--tls-verify=false'], rmi: ['rmi', '-f'] });
  return out;
}

const run = (e: Engine, args: string[]) => execa(e.prefix[0]!, [...e.prefix.slice(1), ...args], { reject: false });

async function timedPull(e: Engine, ref: string): Promise<number> {
  await run(e, [...e.rmi, ref]);
  if (e.name === 'podman') await execa('podman', ['image', 'prune', '-f'], { reject: false });
  // Start every run with the page cache's dirty data written back, so no engine pays for another's writes.
  await execa('sync');
  const t0 = process.hrtime.bigint();
  const r = await run(e, [...e.pull, ref]);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.exitCode !== 0) throw new Error(`${e.name} pull: ${r.stderr}`);
  return ms;
}

/** The benchmark image, built and pushed once per registry (random data: the same bytes every run after). */
async function benchImage(): Promise<{ ref: string; layers: number; compressed: number }> {
  const repo = `skiff-bench/pull-${MB}mb`;
  const tag = `l${LAYERS}`;
  const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
  if (res.ok) {
    const m = await res.json() as { layers: Array<{ size: number }> };
    return { ref: `${REGISTRY}/${repo}:${tag}`, layers: m.layers.length, compressed: m.layers.reduce((n, l) => n + l.size, 0) };
  }
  const { ref, image } = await publishRandomImage({ registry: REGISTRY, repo, tag, megabytes: MB, layers: LAYERS });
  return { ref, layers: image.layers.length, compressed: image.layers.reduce((n, l) => n + l.blob.length, 0) };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

async function main(): Promise<void> {
  if (!existsSync(join(REPO, 'dist', 'skiff.js'))) throw new Error('build first: npm run build');
  const { ref, layers, compressed } = await benchImage();
  const list = await engines();
  const samples: Record<string, number[]> = Object.fromEntries(list.map((e) => [e.name, []]));
  for (const e of list) await timedPull(e, ref); // warm-up (page cache, engine start)
  for (let i = 0; i < RUNS; i++) for (const e of list) samples[e.name]!.push(await timedPull(e, ref));
  for (const e of list) await run(e, [...e.rmi, ref]);
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  const names = list.map((e) => e.name);
  const ratio = (other: string) => (m[other] ? (m.skiff! / m[other]!).toFixed(2) : 'n/a');
  const report = [
    `Pull of ${ref}: ${layers} layers, ${(compressed / 1e6).toFixed(1)} MB (random data), from the loopback registry.`,
    `Medians of ${RUNS} interleaved runs after a warm-up; each run starts with the image removed (lower is better; ratio < 1 means skiff is faster).`,
    '',
    `| engine | ${names.join(' | ')} | skiff/docker | skiff/podman |`,
    `|---|${names.map(() => '---:').join('|')}|---:|---:|`,
    `| pull -q (ms) | ${names.map((n) => m[n]!.toFixed(0)).join(' | ')} | ${ratio('docker')} | ${ratio('podman')} |`,
    '',
    `Samples (ms): ${names.map((n) => `${n} ${samples[n]!.map((x) => x.toFixed(0)).join(', ')}`).join('; ')}`,
    '',
  ].join('\n');
  mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(join(REPO, 'bench', 'results', 'pull.md'), report);
  process.stdout.write(report);
  rmSync(resolve(list[0]!.prefix[3]!, '..'), { recursive: true, force: true });
}

await main();
