// Opens report.html, written by the real report writer from a synthetic run, in Debian's headless Chromium
// and checks what a person sees there: scores, the per-group table, each divergence's side-by-side diff, and
// the filters (preset through the URL hash the page honours). CI installs chromium via scripts/setup-host.sh.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDiff } from '../compare/compare.js';
import type { TargetRun } from '../run/execute.js';
import type { RunResults, ScenarioResult } from './results.js';
import { writeReports } from './write.js';

const chromium = ['chromium', 'chromium-browser'].flatMap((b) => (process.env.PATH ?? '').split(delimiter).map((d) => join(d, b))).find((p) => existsSync(p));
if (!chromium) console.warn('report-html.int.test: skipped, no chromium binary on PATH (apt-get install chromium; scripts/setup-host.sh does)');

const candRun = (display: string): TargetRun => ({ target: 'skiff', placeholders: {}, setup: [], cleanup: [], steps: [{ kind: 'cli', display, stdout: '', stderr: '', durationMs: 1 }] });
const result = (id: string, status: ScenarioResult['status'], extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id, group: id.split('/')[0]!, name: id.split('/')[1]!, file: `fixtures/scenarios/${id}.yaml`, line: 1, tags: [id.split('/')[0]!],
  candidate: 'skiff', status, diffs: [], durationMs: 5, ...extra,
});
const run: RunResults = {
  runId: 'html-check', startedAt: '2024-01-01T00:00:00Z', finishedAt: '2024-01-01T00:01:00Z', referenceSource: 'recordings',
  reference: { name: 'docker', role: 'reference', command: 'docker', clientVersion: 'Docker version 20.10.24', prepared: true },
  candidates: [{ name: 'skiff', role: 'candidate', command: 'shim/docker.js', clientVersion: 'skiff 0.1.0', prepared: true }],
  options: { filters: [], jobs: 1 },
  results: [
    result('images/images-dangling', 'DIVERGE', { reason: 'stdout differs', candidateRun: candRun('docker images --filter dangling=true'),
      diffs: [makeDiff(0, 'stdout', 'REPOSITORY   TAG\nbusybox      <none>\n', 'REPOSITORY   TAG\nlocalhost/busybox      <none>\n')] }),
    result('ps/ps-quiet', 'DIVERGE', { reason: 'exit code differs', candidateRun: candRun('docker ps -q --bogus'),
      diffs: [makeDiff(0, 'exit', '125\n', '0\n')] }),
    result('ps/ps-all', 'MATCH'),
    result('run/run-tty', 'SKIP', { reason: 'requires tty' }),
  ],
};

let root = '';
let report = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'skiff-report-html-'));
  report = join(writeReports(root, run), 'report.html');
});
afterAll(() => { if (root) rmSync(root, { recursive: true, force: true }); });

/** The DOM after the page's scripts ran, as headless Chromium serializes it. */
function dumpDom(hash = ''): Promise<string> {
  const profile = mkdtempSync(join(root, 'profile-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
    '--virtual-time-budget=3000', '--dump-dom', pathToFileURL(report).href + hash];
  return new Promise((resolve, reject) => execFile(chromium!, args, { timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
    err ? reject(new Error(`chromium failed: ${err.message}\n${stderr}`)) : resolve(stdout)));
}

interface Row { id: string; status: string; hidden: boolean; open: boolean; html: string }
const rowsOf = (dom: string): Row[] => [...dom.matchAll(/<tr class="result"([^>]*)>([\s\S]*?)<\/details><\/td><\/tr>/g)].map(([, attrs, html]) => ({
  id: /<summary><code>([^<]*)<\/code>/.exec(html!)![1]!, status: /data-status="(\w+)"/.exec(attrs!)![1]!,
  hidden: / hidden(=|\s|$)/.test(attrs!), open: /<details open/.test(html!), html: html!,
}));
const shown = (dom: string) => rowsOf(dom).filter((r) => !r.hidden).map((r) => r.id).sort();
const count = (dom: string) => /<span id="count">([^<]*)<\/span>/.exec(dom)?.[1];

describe.skipIf(!chromium)('report.html in headless Chromium', () => {
  it('shows the score, the per-group table and every divergence with its side-by-side diff; MATCH hidden by default', async () => {
    const dom = await dumpDom();
    // 1 MATCH of 3 scored (SKIP excluded).
    expect(dom).toMatch(/<table id="scores">[\s\S]*<tr><td>skiff<\/td><td class="score">33\.3%<\/td><td>1<\/td><td>2<\/td><td>0<\/td><td>1<\/td><\/tr>/);
    const groups = /<table id="groups">([\s\S]*?)<\/table>/.exec(dom)?.[1] ?? '';
    expect(groups).toContain('<tr><td>skiff</td><td>images</td><td class="score">0%</td><td>0</td><td>1</td><td>0</td><td>0</td></tr>');
    expect(groups).toContain('<tr><td>skiff</td><td>ps</td><td class="score">50%</td><td>1</td><td>1</td><td>0</td><td>0</td></tr>');
    expect(groups).toContain('<tr><td>skiff</td><td>run</td><td class="score">—</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>');
    expect(shown(dom)).toEqual(['images/images-dangling', 'ps/ps-quiet', 'run/run-tty']);
    expect(count(dom)).toBe('showing 3 of 4');
    const rows = new Map(rowsOf(dom).map((r) => [r.id, r]));
    const images = rows.get('images/images-dangling')!;
    expect(images.html).toContain('step 1: <code>docker images --filter dangling=true</code> — <b>stdout</b>');
    expect(images.html).toContain('<th>expected (Docker)</th><th>actual (skiff)</th>');
    expect(images.html).toContain('<tr class="same"><td class="">REPOSITORY   TAG</td><td class="">REPOSITORY   TAG</td></tr>');
    expect(images.html).toContain('<tr class="change"><td class="del">busybox      &lt;none&gt;</td><td class="add">localhost/busybox      &lt;none&gt;</td></tr>');
    expect(rows.get('ps/ps-quiet')!.html).toContain('<tr class="change"><td class="del">125</td><td class="add">0</td></tr>');
    expect(rows.get('ps/ps-all')!.html).not.toContain('class="diff"');
  });

  it('honours the filters preset in the URL hash', async () => {
    const match = await dumpDom('#status=MATCH');
    expect(shown(match)).toEqual(['ps/ps-all']);
    expect(count(match)).toBe('showing 1 of 4');
    const images = await dumpDom('#status=DIVERGE,ERROR&q=images&open');
    expect(shown(images)).toEqual(['images/images-dangling']);
    const rows = rowsOf(images);
    expect(rows.find((r) => r.id === 'images/images-dangling')!.open).toBe(true);
    expect(rows.find((r) => r.id === 'ps/ps-quiet')).toMatchObject({ hidden: true, open: false });
    expect(shown(await dumpDom('#status=DIVERGE,SKIP&candidate=skiff&q=exit%20code'))).toEqual(['ps/ps-quiet']);
  });
});
