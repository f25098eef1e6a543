// Writes reports/<run-id>/: results.json, summary.md, report.html, junit.xml and bugs/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BaselineVerdict } from '../baseline.js';
import { bugReportPath, renderBugReport } from './bugs.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderSummary } from './markdown.js';
import { findPreviousRun } from './previous.js';
import type { RunResults } from './results.js';

export function writeReports(reportsRoot: string, run: RunResults, baseline?: BaselineVerdict, withResultsJson = true): string {
  const dir = join(reportsRoot, run.runId);
  mkdirSync(dir, { recursive: true });
  const put = (rel: string, text: string) => { mkdirSync(dirname(join(dir, rel)), { recursive: true }); writeFileSync(join(dir, rel), text); };
  if (withResultsJson) put('results.json', JSON.stringify(run, null, 2) + '\n');
  put('summary.md', renderSummary(run, findPreviousRun(reportsRoot, run.runId), baseline));
  put('report.html', renderHtml(run));
  put('junit.xml', renderJunit(run));
  for (const r of run.results) if (r.status === 'DIVERGE') put(bugReportPath(r), renderBugReport(run, r));
  return dir;
}
