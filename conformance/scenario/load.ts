// Reads scenario YAML (one or more documents per file) and remembers the line of every mapping and
// list, so validation errors can name the file and line.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import yaml from 'js-yaml';
import type { Scenario } from './types.js';
import { validateScenario, type LineOf } from './validate.js';

export class ScenarioLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem(s) in scenarios:\n  ${problems.join('\n  ')}`);
  }
}

/** Parses one file's text; `group` comes from the directory. Throws ScenarioLoadError. */
export function parseScenarioFile(text: string, file: string, group: string): Scenario[] {
  const lines = new WeakMap<object, number>();
  const stack: number[] = [];
  const docs: unknown[] = [];
  try {
    yaml.loadAll(text, (d) => docs.push(d), {
      filename: file,
      listener(event, state) {
        if (event === 'open') stack.push(state.line + 1);
        else {
          const line = stack.pop() ?? 1;
          if (state.result !== null && typeof state.result === 'object') lines.set(state.result as object, line);
        }
      },
    });
  } catch (e) {
    const err = e as { mark?: { line: number }; reason?: string; message: string };
    throw new ScenarioLoadError([`${file}:${(err.mark?.line ?? 0) + 1}: YAML: ${err.reason ?? err.message}`]);
  }
  const lineOf: LineOf = (node) => (node !== null && typeof node === 'object' ? lines.get(node as object) : undefined);
  const problems: string[] = [];
  const scenarios: Scenario[] = [];
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 16);
    const result = validateScenario(doc, { file, group, lineOf, hash });
    if ('problems' in result) problems.push(...result.problems);
    else scenarios.push(result.scenario);
  }
  if (problems.length) throw new ScenarioLoadError(problems);
  return scenarios;
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listYamlFiles(path));
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

/** Loads every scenario under `root` (fixtures/scenarios), checking that ids are unique. */
export function loadScenarios(root: string): Scenario[] {
  const problems: string[] = [];
  const all: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const file of listYamlFiles(root)) {
    const rel = relative(root, file);
    const group = rel.includes(sep) ? rel.split(sep)[0]! : 'misc';
    try {
      for (const s of parseScenarioFile(readFileSync(file, 'utf8'), rel, group)) {
        const where = `${s.file}:${s.line}`;
        if (seen.has(s.id)) problems.push(`${where}: duplicate scenario id ${s.id} (first at ${seen.get(s.id)})`);
        else seen.set(s.id, where);
        all.push(s);
      }
    } catch (e) {
      if (e instanceof ScenarioLoadError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new ScenarioLoadError(problems);
  return all;
}
