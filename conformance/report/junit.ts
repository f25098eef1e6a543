// junit.xml for CI: one testsuite per candidate and group, one testcase per scenario.
import { groupBy, type RunResults } from './results.js';

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function renderJunit(run: RunResults): string {
  const suites = [...groupBy(run.results, (r) => `${r.candidate}/${r.group}`)].map(([name, list]) => {
    const n = (s: string) => list.filter((r) => r.status === s).length;
    const cases = list.map((r) => {
      const attrs = `classname="${esc(r.candidate + '.' + r.group)}" name="${esc(r.name)}" file="${esc(r.file)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      const body = r.status === 'DIVERGE' ? `<failure message="${esc(r.reason ?? 'diverges')}">${esc(r.diffs.map((d) => `step ${d.step + 1} ${d.part}\n${d.diff}`).join('\n'))}</failure>`
        : r.status === 'ERROR' ? `<error message="${esc(r.reason ?? 'error')}"/>`
          : r.status === 'SKIP' ? `<skipped message="${esc(r.reason ?? '')}"/>` : '';
      return `    <testcase ${attrs}>${body}</testcase>`;
    });
    return `  <testsuite name="${esc(name)}" tests="${list.length}" failures="${n('DIVERGE')}" errors="${n('ERROR')}" skipped="${n('SKIP')}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const n = (s: string) => run.results.filter((r) => r.status === s).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="skiff-conformance" tests="${run.results.length}" failures="${n('DIVERGE')}" errors="${n('ERROR')}" skipped="${n('SKIP')}">\n${suites.join('\n')}\n</testsuites>\n`;
}
