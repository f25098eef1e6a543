// report.html: one self-contained page; score per candidate and per group; filter by status, candidate and
// text; side-by-side diffs. The URL hash presets the filters: #status=DIVERGE,ERROR&q=ps&candidate=skiff&open
// (`open` expands every row shown).
import { diffLines } from 'diff';
import type { PartDiff } from '../compare/compare.js';
import { describeTarget } from './markdown.js';
import { groupBy, score, STATUSES, type RunResults, type ScenarioResult } from './results.js';

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** Aligns expected and actual line by line: unchanged on both sides, removed left, added right. */
export function sideBySide(expected: string, actual: string): Array<[string | null, string | null, 'same' | 'change']> {
  const rows: Array<[string | null, string | null, 'same' | 'change']> = [];
  const split = (v: string) => { const l = v.split('\n'); if (l.at(-1) === '') l.pop(); return l; };
  const changes = diffLines(expected, actual);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) { for (const l of split(c.value)) rows.push([l, l, 'same']); continue; }
    const left = c.removed ? split(c.value) : [];
    const next = changes[i + 1];
    const right = c.added ? split(c.value) : next?.added ? (i++, split(next.value)) : [];
    for (let k = 0; k < Math.max(left.length, right.length); k++) rows.push([left[k] ?? null, right[k] ?? null, 'change']);
  }
  return rows;
}

function renderDiff(r: ScenarioResult, d: PartDiff): string {
  const where = d.step >= 0 ? `step ${d.step + 1}: <code>${esc(r.candidateRun?.steps[d.step]?.display ?? '')}</code>` : 'scenario';
  const rows = sideBySide(d.expected, d.actual).map(([a, b, kind]) =>
    `<tr class="${kind}"><td class="${kind === 'change' && a !== null ? 'del' : ''}">${a === null ? '' : esc(a)}</td><td class="${kind === 'change' && b !== null ? 'add' : ''}">${b === null ? '' : esc(b)}</td></tr>`).join('');
  const paths = d.paths?.length ? `<ul class="paths">${d.paths.map((p) => `<li><code>${esc(p)}</code></li>`).join('')}</ul>` : '';
  return `<div class="diff"><h4>${where} — <b>${d.part}</b></h4><table class="sbs"><thead><tr><th>expected (Docker)</th><th>actual (${esc(r.candidate)})</th></tr></thead><tbody>${rows}</tbody></table>${paths}</div>`;
}

function renderResult(r: ScenarioResult): string {
  const text = `${r.id} ${r.tags.join(' ')} ${r.reason ?? ''}`.toLowerCase();
  const details = r.diffs.length ? r.diffs.map((d) => renderDiff(r, d)).join('') : r.reason ? `<p>${esc(r.reason)}</p>` : '';
  return `<tr class="result" data-status="${r.status}" data-candidate="${esc(r.candidate)}" data-text="${esc(text)}">
<td><span class="badge ${r.status}">${r.status}</span></td><td>${esc(r.candidate)}</td><td>${esc(r.group)}</td>
<td><details><summary><code>${esc(r.id)}</code> <span class="reason">${esc((r.reason ?? '').slice(0, 160))}</span></summary>
<p class="file">${esc(r.file)}:${r.line}${r.description ? ' — ' + esc(r.description) : ''}</p>${details}</details></td></tr>`;
}

export function renderHtml(run: RunResults): string {
  const candidates = [...new Set(run.results.map((r) => r.candidate))];
  const scores = [...groupBy(run.results, (r) => r.candidate)].map(([c, list]) => {
    const s = score(list);
    return `<tr><td>${esc(c)}</td><td class="score">${s.percent}%</td><td>${s.match}</td><td>${s.diverge}</td><td>${s.error}</td><td>${s.skip}</td></tr>`;
  }).join('');
  const groups = [...groupBy(run.results, (r) => r.candidate)].flatMap(([c, list]) =>
    [...groupBy(list, (r) => r.group)].sort(([a], [b]) => a.localeCompare(b)).map(([g, l]) => {
      const s = score(l);
      return `<tr><td>${esc(c)}</td><td>${esc(g)}</td><td class="score">${s.total === s.skip ? '—' : `${s.percent}%`}</td><td>${s.match}</td><td>${s.diverge}</td><td>${s.error}</td><td>${s.skip}</td></tr>`;
    })).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conformance ${esc(run.runId)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}code{font:12px ui-monospace,monospace}
table{border-collapse:collapse}td,th{padding:.25em .5em;vertical-align:top;text-align:left}
#results>tbody>tr{border-top:1px solid #ddd}.badge{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff}
.MATCH{background:#2a7d2a}.DIVERGE{background:#c0392b}.ERROR{background:#8e44ad}.SKIP{background:#7f8c8d}
.reason{color:#666}.file{color:#666;font-size:12px}.score{font-weight:bold}
table.sbs{width:100%;table-layout:fixed;margin:.3em 0}table.sbs td{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;border:1px solid #eee}
td.del{background:#fdd}td.add{background:#dfd}.filters{margin:1em 0;display:flex;gap:1em;align-items:center}
</style></head><body>
<h1>Conformance run ${esc(run.runId)}</h1>
<p>Reference: ${esc(describeTarget(run.reference))} (${run.referenceSource})<br>${run.candidates.map((c) => 'Candidate: ' + esc(describeTarget(c))).join('<br>')}</p>
<table id="scores"><thead><tr><th>candidate</th><th>score</th><th>MATCH</th><th>DIVERGE</th><th>ERROR</th><th>SKIP</th></tr></thead><tbody>${scores}</tbody></table>
<h2>Per group</h2>
<table id="groups"><thead><tr><th>candidate</th><th>group</th><th>score</th><th>MATCH</th><th>DIVERGE</th><th>ERROR</th><th>SKIP</th></tr></thead><tbody>${groups}</tbody></table>
<div class="filters"><input id="q" type="search" placeholder="filter by name, tag or reason" size="40">
${STATUSES.map((s) => `<label><input type="checkbox" class="st" value="${s}" ${s === 'MATCH' ? '' : 'checked'}> ${s}</label>`).join(' ')}
<select id="cand"><option value="">all candidates</option>${candidates.map((c) => `<option>${esc(c)}</option>`).join('')}</select>
<span id="count"></span></div>
<table id="results"><thead><tr><th>status</th><th>candidate</th><th>group</th><th>scenario</th></tr></thead><tbody>
${run.results.map(renderResult).join('\n')}
</tbody></table>
<script>
const rows=[...document.querySelectorAll('tr.result')];
function apply(){const q=document.getElementById('q').value.toLowerCase();const st=new Set([...document.querySelectorAll('.st:checked')].map(e=>e.value));
const c=document.getElementById('cand').value;let n=0;for(const r of rows){const show=st.has(r.dataset.status)&&(!c||r.dataset.candidate===c)&&(!q||r.dataset.text.includes(q));r.hidden=!show;if(show)n++;}
document.getElementById('count').textContent='showing '+n+' of '+rows.length;}
document.querySelectorAll('input,select').forEach(e=>e.addEventListener('input',apply));
function fromHash(){const h=new URLSearchParams(location.hash.slice(1));
if(h.has('status')){const want=new Set(h.get('status').split(','));document.querySelectorAll('.st').forEach(e=>{e.checked=want.has(e.value);});}
if(h.has('q'))document.getElementById('q').value=h.get('q');if(h.has('candidate'))document.getElementById('cand').value=h.get('candidate');
apply();if(h.has('open'))for(const r of rows)if(!r.hidden)r.querySelector('details').open=true;}
addEventListener('hashchange',fromHash);fromHash();
</script></body></html>
`;
}
