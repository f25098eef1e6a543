// Transcripts of Docker's behaviour: one JSON file per scenario under fixtures/recordings/<group>/,
// with Docker's versions and the scenario's hash. Replayed as the reference when no daemon answers.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Scenario } from '../scenario/types.js';
import type { TargetInfo } from '../targets.js';
import type { TargetRun } from './execute.js';

export interface Recording {
  scenario: string;
  hash: string;
  file: string;
  recordedAt: string;
  reference: TargetInfo;
  run: TargetRun;
}

export const recordingPath = (dir: string, s: Scenario) => join(dir, s.group, `${s.name}.json`);

/** Durations change on every recording; dropping them keeps re-recordings diffable. */
function stable(run: TargetRun): TargetRun {
  const strip = (list: TargetRun['steps']) => list.map(({ durationMs: _d, ...rest }) => ({ ...rest, durationMs: 0 }));
  return { ...run, setup: strip(run.setup), steps: strip(run.steps), cleanup: strip(run.cleanup) };
}

export function writeRecording(dir: string, s: Scenario, reference: TargetInfo, run: TargetRun): string {
  const path = recordingPath(dir, s);
  mkdirSync(dirname(path), { recursive: true });
  const rec: Recording = { scenario: s.id, hash: s.hash, file: s.file, recordedAt: new Date().toISOString(), reference, run: stable(run) };
  writeFileSync(path, JSON.stringify(rec, null, 2) + '\n');
  return path;
}

export type Loaded = { recording: Recording } | { problem: string };

export function readRecording(dir: string, s: Scenario): Loaded {
  const path = recordingPath(dir, s);
  if (!existsSync(path)) return { problem: `no recording at ${path} (run \`skiff-conformance record\` with Docker running)` };
  const recording = JSON.parse(readFileSync(path, 'utf8')) as Recording;
  if (recording.hash !== s.hash) return { problem: `recording ${path} is stale: the scenario changed since it was recorded (re-record it)` };
  return { recording };
}
