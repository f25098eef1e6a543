// summary.md: the score overall and per command group, changes against the previous run, divergences.
import type { BaselineVerdict } from '../baseline.js';
import type { TargetInfo } from '../targets.js';
import { changesSince } from './previous.js';
import { groupBy, score, type RunResults } from './results.js';
import { bugReportPath } from './bugs.js';

export const describeTarget = (t: TargetInfo) =>
  `${t.name} (\`${t.command}\`): ${t.clientVersion ?? 'version unknown'}${t.serverVersion ? `, server ${t.serverVersion}` : ''}${t.prepareMessage ? ` — ⚠ ${t.prepareMessage}` : ''}`;

export function renderSummary(run: RunResults, previous?: RunResults, baseline?: BaselineVerdict): string {
  const out: string[] = [`# Conformance run ${run.runId}`, ''];
  out.push(`- Reference: ${describeTarget(run.reference)}${run.referenceSource === 'recordings' ? ' — replayed from fixtures/recordings' : ' — live'}`);
  for (const c of run.candidates) out.push(`- Candidate: ${describeTarget(c)}`);
  const sel = [run.options.filters.length ? `filter ${run.options.filters.join(' ')}` : '', run.options.shard ? `shard ${run.options.shard}` : ''].filter(Boolean).join(', ');
  out.push(`- Scenarios: ${new Set(run.results.map((r) => r.id)).size}${sel ? ` (${sel})` : ''}; started ${run.startedAt}, finished ${run.finishedAt}`, '');
  out.push('## Score', '', '| candidate | score | MATCH | DIVERGE | ERROR | SKIP | previous run |', '|---|---|---|---|---|---|---|');
  for (const [cand, list] of groupBy(run.results, (r) => r.candidate)) {
    const s = score(list);
    const p = previous ? score(previous.results.filter((r) => r.candidate === cand)) : undefined;
    const delta = p && p.total ? `${p.percent}% (${s.percent - p.percent >= 0 ? '+' : ''}${(s.percent - p.percent).toFixed(1)})` : '—';
    out.push(`| ${cand} | **${s.percent}%** | ${s.match} | ${s.diverge} | ${s.error} | ${s.skip} | ${delta} |`);
  }
  out.push('', 'Score = MATCH / (MATCH + DIVERGE + ERROR); SKIP is excluded.', '');
  for (const [cand, list] of groupBy(run.results, (r) => r.candidate)) {
    out.push(`## Per group: ${cand}`, '', '| group | score | MATCH | DIVERGE | ERROR | SKIP |', '|---|---|---|---|---|---|');
    for (const [group, g] of [...groupBy(list, (r) => r.group)].sort()) {
      const s = score(g);
      out.push(`| ${group} | ${s.total === s.skip ? '—' : `${s.percent}%`} | ${s.match} | ${s.diverge} | ${s.error} | ${s.skip} |`);
    }
    out.push('');
  }
  if (baseline) {
    out.push('## Baseline', '', `- New divergences (fail the run): ${baseline.newDivergences.length}`);
    for (const r of baseline.newDivergences) out.push(`  - ${r.candidate}: \`${r.id}\` ${r.status}: ${r.reason ?? ''}`);
    out.push(`- Known divergences: ${baseline.known.length}`, `- Now matching (remove from the baseline): ${baseline.nowMatching.length}`);
    for (const r of baseline.nowMatching) out.push(`  - ${r.candidate}: \`${r.id}\``);
    out.push('');
  }
  if (previous) {
    const changes = changesSince(previous, run.results);
    out.push(`## Changes since run ${previous.runId}`, '', changes.length ? '' : 'No scenario changed status.');
    for (const c of changes) out.push(`- ${c.candidate}: \`${c.id}\` ${c.before} → ${c.after}`);
    out.push('');
  }
  const bad = run.results.filter((r) => r.status !== 'MATCH');
  if (bad.length) {
    out.push('## Not matching', '', '| candidate | scenario | status | reason |', '|---|---|---|---|');
    for (const r of bad) {
      const link = r.status === 'DIVERGE' ? ` ([bug](${bugReportPath(r)}))` : '';
      out.push(`| ${r.candidate} | \`${r.id}\`${link} | ${r.status} | ${(r.reason ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 200)} |`);
    }
  }
  return out.join('\n') + '\n';
}
