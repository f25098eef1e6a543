// skiff-conformance: holds any docker-compatible tool to Docker's behaviour, scenario by scenario.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTestImage } from './test-image.js';
import { judgeAgainstBaseline, readBaseline, updateBaseline, writeBaseline } from './baseline.js';
import { parseOptions, USAGE, type Options } from './cli-args.js';
import { createProgress } from './progress.js';
import { score, groupBy, type RunResults } from './report/results.js';
import { writeReports } from './report/write.js';
import { recordSuite, runSuite } from './run/suite.js';
import { applyFilters, applyShard, parseShard } from './run/select.js';
import { loadScenarios, ScenarioLoadError } from './scenario/load.js';
import { daemonAnswers, serveTarget } from './serve.js';
import { DOCKER_SOCKET, parseTarget, prepareTarget, type Target, type TargetInfo } from './targets.js';

async function main(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  switch (opts.command) {
    case 'list': return list(opts);
    case 'run': return run(opts);
    case 'record': return record(opts);
    case 'report': return report(opts);
    default: process.stdout.write(USAGE); return opts.command === 'help' ? 0 : 2;
  }
}

function select(opts: Options) {
  let list = applyFilters(loadScenarios(opts.scenariosDir), opts.filters);
  if (opts.shard) list = applyShard(list, parseShard(opts.shard));
  return list;
}

function list(opts: Options): number {
  const scenarios = select(opts);
  if (opts.json) process.stdout.write(JSON.stringify(scenarios.map(({ id, file, line, tags, requires }) => ({ id, file, line, tags, requires })), null, 2) + '\n');
  else for (const s of scenarios) process.stdout.write(`${s.id}\t${s.tags.join(',')}${s.requires.length ? `\trequires:${s.requires.join(',')}` : ''}\n`);
  process.stderr.write(`${scenarios.length} scenario(s)\n`);
  return 0;
}

async function liveReference(opts: Options): Promise<Target | undefined> {
  if (opts.reference === 'recordings') return undefined;
  const target = parseTarget(opts.reference, 'reference');
  if (await daemonAnswers(target.socket ?? DOCKER_SOCKET)) return target;
  if (opts.reference !== 'docker') throw new Error(`the reference ${target.name} does not answer on ${target.socket}`);
  process.stderr.write(`no Docker daemon answers on ${target.socket}: comparing with the recordings in ${opts.recordingsDir}\n`);
  return undefined;
}

function newRunId(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15) + '-' + Math.random().toString(16).slice(2, 6);
}

async function run(opts: Options): Promise<number> {
  if (opts.candidates.length === 0) throw new Error('run needs at least one --candidate NAME=CLI (e.g. skiff=dist/skiff.js)');
  const candidates = opts.candidates.map((c) => parseTarget(c, 'candidate'));
  const services = await Promise.all(candidates.filter((c) => c.serve).map((c) => serveTarget(c)));
  try {
    return await runWith(opts, candidates);
  } finally {
    await Promise.all(services.map((s) => s.stop()));
  }
}

async function runWith(opts: Options, candidates: Target[]): Promise<number> {
  const scenarios = select(opts);
  const startedAt = new Date().toISOString();
  const { archive, env } = await buildTestImage();
  const live = await liveReference(opts);
  const [refInfo, ...candInfos] = await Promise.all([
    live ? prepareTarget(live, archive) : Promise.resolve(recordedReferenceInfo(opts)),
    ...candidates.map((c) => prepareTarget(c, archive)),
  ]);
  for (const info of [refInfo!, ...candInfos]) if (info.prepareMessage) process.stderr.write(`warning: ${info.name}: ${info.prepareMessage}\n`);
  const progress = createProgress(process.stderr);
  const results = await runSuite({
    scenarios, env, jobs: opts.jobs, candidates: candidates.map((target, i) => ({ target, info: candInfos[i]! })),
    reference: live ? { live, info: refInfo! } : { recordings: opts.recordingsDir },
    onResult: (r, done, total) => progress.update(`${r.status.padEnd(7)} ${r.candidate}: ${r.id}${r.reason && r.status !== 'MATCH' ? ` — ${r.reason.split('\n')[0]!.slice(0, 120)}` : ''}`, r.status !== 'MATCH', done, total),
  });
  progress.done();
  const runResults: RunResults = {
    runId: opts.runId ?? newRunId(), startedAt, finishedAt: new Date().toISOString(), referenceSource: live ? 'live' : 'recordings',
    reference: refInfo!, candidates: candInfos, options: { filters: opts.filters, shard: opts.shard, jobs: opts.jobs, baseline: opts.baseline }, results,
  };
  return finish(opts, runResults);
}

function finish(opts: Options, runResults: RunResults): number {
  const baseline = opts.baseline ? readBaseline(opts.baseline) : undefined;
  const verdict = baseline ? judgeAgainstBaseline(runResults.results, baseline) : undefined;
  const dir = writeReports(opts.reportsDir, runResults, verdict);
  for (const [cand, list] of groupBy(runResults.results, (r) => r.candidate)) {
    const s = score(list);
    process.stdout.write(`${cand}: ${s.percent}% (${s.match} MATCH, ${s.diverge} DIVERGE, ${s.error} ERROR, ${s.skip} SKIP of ${s.total})\n`);
  }
  process.stdout.write(`reports: ${dir}\n`);
  if (opts.updateBaseline && opts.baseline) {
    writeBaseline(opts.baseline, updateBaseline(runResults.results, baseline!));
    process.stdout.write(`baseline updated: ${opts.baseline}\n`);
  }
  if (verdict) {
    for (const r of verdict.nowMatching) process.stdout.write(`now matching (remove from the baseline): ${r.candidate} ${r.id}\n`);
    for (const r of verdict.newDivergences) process.stdout.write(`NEW ${r.status}: ${r.candidate} ${r.id}: ${r.reason ?? ''}\n`);
    return verdict.newDivergences.length && !opts.updateBaseline ? 1 : 0;
  }
  return runResults.results.some((r) => r.status === 'DIVERGE' || r.status === 'ERROR') ? 1 : 0;
}

function recordedReferenceInfo(opts: Options): TargetInfo {
  return { name: 'docker', role: 'reference', command: `recordings in ${opts.recordingsDir}`, prepared: true, ...firstRecordedVersions(opts) };
}

function firstRecordedVersions(opts: Options): Partial<TargetInfo> {
  try {
    const first = loadScenarios(opts.scenariosDir)[0];
    if (!first) return {};
    const rec = JSON.parse(readFileSync(join(opts.recordingsDir, first.group, `${first.name}.json`), 'utf8')) as { reference: TargetInfo };
    return { clientVersion: rec.reference.clientVersion, serverVersion: rec.reference.serverVersion };
  } catch {
    return {};
  }
}

async function record(opts: Options): Promise<number> {
  const reference = parseTarget(opts.reference === 'recordings' ? 'docker' : opts.reference, 'reference');
  if (!(await daemonAnswers(reference.socket ?? DOCKER_SOCKET))) throw new Error(`record needs a live Docker daemon on ${reference.socket}`);
  const scenarios = select(opts);
  const { archive, env } = await buildTestImage();
  const info = await prepareTarget(reference, archive);
  if (!info.prepared) throw new Error(`could not prepare the reference: ${info.prepareMessage}`);
  const progress = createProgress(process.stderr);
  const results = await recordSuite(scenarios, reference, info, env, opts.recordingsDir, opts.jobs, (r, done, total) =>
    progress.update(`${r.status.padEnd(8)} ${r.id}${r.reason ? ` — ${r.reason.split('\n')[0]!.slice(0, 160)}` : ''}`, r.status !== 'RECORDED', done, total));
  progress.done();
  const n = (s: string) => results.filter((r) => r.status === s).length;
  process.stdout.write(`recorded ${n('RECORDED')}, skipped ${n('SKIP')}, failed ${n('ERROR')} (Docker ${info.clientVersion}, server ${info.serverVersion}) into ${opts.recordingsDir}\n`);
  return n('ERROR') ? 1 : 0;
}

function report(opts: Options): number {
  if (opts.positionals.length === 0) throw new Error('report needs one or more results.json files');
  const runs = opts.positionals.map((p) => JSON.parse(readFileSync(p, 'utf8')) as RunResults);
  const first = runs[0]!;
  const merged: RunResults = runs.length === 1 ? first : {
    ...first, runId: opts.runId ?? newRunId(), finishedAt: runs.map((r) => r.finishedAt).sort().at(-1)!,
    options: { ...first.options, shard: undefined }, results: runs.flatMap((r) => r.results),
    candidates: [...new Map(runs.flatMap((r) => r.candidates).map((c) => [c.name, c])).values()],
  };
  if (opts.runId) merged.runId = opts.runId;
  return finish(opts, merged);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  if (e instanceof ScenarioLoadError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`skiff-conformance: ${(e as Error).message}\n`);
  process.exitCode = 2;
});
