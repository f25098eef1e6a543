// Command-line options of skiff-conformance (node:util parseArgs; no global state).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const USAGE = `usage: skiff-conformance <command> [options]

commands:
  run      run scenarios on the reference and the candidates, write reports/<run-id>/
  record   run scenarios on live Docker and write fixtures/recordings/
  list     list the selected scenarios (also validates every scenario file)
  report   rebuild the reports from one or more results.json files (merges CI shards)

options:
  --reference docker|recordings|NAME=CLI[,socket=PATH]
                         the reference (default docker; replays recordings when no daemon answers)
  --candidate NAME=CLI[,socket=PATH|,serve][,rootless]
                         a tool to hold to the reference; repeatable (e.g. skiff=dist/skiff.js)
  --filter F             tag:NAME, group:NAME, text or glob on the id, !F to exclude; repeatable
  --shard i/n            run the i-th of n shards
  --jobs N               scenarios in parallel (default 4)
  --baseline FILE        known divergences; exit 0 unless something new diverges
  --update-baseline      rewrite --baseline with this run's divergences
  --scenarios DIR --recordings DIR --reports DIR --run-id ID
  --json                 list: print JSON
`;

export interface Options {
  command: string;
  positionals: string[];
  reference: string;
  candidates: string[];
  filters: string[];
  shard?: string;
  jobs: number;
  baseline?: string;
  updateBaseline: boolean;
  scenariosDir: string;
  recordingsDir: string;
  reportsDir: string;
  runId?: string;
  json: boolean;
}

/** The package root: conformance/main.ts and dist/skiff-conformance.js are both one level down. */
export const packageRoot = () => resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      reference: { type: 'string' }, candidate: { type: 'string', multiple: true }, filter: { type: 'string', multiple: true },
      shard: { type: 'string' }, jobs: { type: 'string' }, baseline: { type: 'string' }, 'update-baseline': { type: 'boolean' },
      scenarios: { type: 'string' }, recordings: { type: 'string' }, reports: { type: 'string' }, 'run-id': { type: 'string' },
      json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = 'help', ...rest] = positionals;
  const root = packageRoot();
  const jobs = values.jobs === undefined ? 4 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs must be a positive integer, got "${values.jobs}"`);
  if (values['update-baseline'] && !values.baseline) throw new Error('--update-baseline needs --baseline FILE');
  return {
    command: values.help ? 'help' : command, positionals: rest, reference: values.reference ?? 'docker', candidates: values.candidate ?? [],
    filters: values.filter ?? [], shard: values.shard, jobs, baseline: values.baseline, updateBaseline: values['update-baseline'] ?? false,
    scenariosDir: resolve(values.scenarios ?? resolve(root, 'fixtures/scenarios')), recordingsDir: resolve(values.recordings ?? resolve(root, 'fixtures/recordings')),
    reportsDir: resolve(values.reports ?? resolve(root, 'reports')), runId: values['run-id'], json: values.json ?? false,
  };
}
