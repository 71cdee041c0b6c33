import { severityRank, type Endpoint, type Finding } from '@apiaudit/domain';
import { badge, esc } from '../html';
import type { PlanReportInput } from '../report-input';
import { formatEvidence } from './plan-items.section';

/** Worst first, then widest reach: the order a reader should go through them. */
function bySeverityThenReach(findings: Finding[]): Finding[] {
  const reach = (f: Finding) => Math.max(f.affected?.length ?? 0, 1);
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || reach(b) - reach(a));
}

function endpointList(endpoints: Endpoint[]): string {
  const entries = endpoints
    .map((e) => `<li><code class="method">${esc(e.method)}</code> ${esc(e.path).replace(/\//g, '/<wbr>')}${e.seenIn.join() === 'spec' ? '' : ` <span class="muted">${e.seenIn.map(esc).join(', ')}</span>`}${e.deprecated ? ' <span class="muted">deprecated</span>' : ''}${e.drift ? ` <b>${esc(e.drift)}</b>` : ''}</li>`)
    .join('');
  return `<ul class="inventory-list">${entries}</ul>`;
}

function trafficTable(endpoints: Endpoint[]): string {
  const rows = endpoints
    .map((e) => {
      const t = e.traffic!;
      return `<tr><td><code>${esc(e.method)}</code></td><td><code>${esc(e.path)}</code></td><td>${esc(e.service ?? '')}</td><td>${e.seenIn.map(esc).join(', ')}</td><td>${e.drift ? `<b>${esc(e.drift)}</b>` : ''}</td>
<td class="num">${t.requests.toLocaleString('en-US')}</td><td class="num">${(t.errorRate * 100).toFixed(1)}%</td><td class="num">${Math.round(t.p95Ms)}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>method</th><th>path</th><th>service</th><th>seen in</th><th>drift</th><th class="num">requests</th><th class="num">errors</th><th class="num">p95 ms</th></tr></thead>${rows}</table>`;
}

/**
 * Every endpoint the audit saw. Endpoints with traffic get a table row with their figures; the others are a
 * two-column list, which holds three times as many per page: a 400-endpoint spec is four pages, not thirteen.
 */
export function renderInventory({ result }: PlanReportInput): string {
  if (result.inventory.length === 0) return '';
  const busy = result.inventory.filter((e) => e.traffic);
  const quiet = result.inventory.filter((e) => !e.traffic);
  const onlySpec = quiet.length > 0 && quiet.every((e) => e.seenIn.join() === 'spec');
  return `<p>Every endpoint the audit saw, and where: spec, code, traffic. An endpoint missing from one of them is drift: <b>undocumented</b> (in code or traffic, not in the spec), <b>zombie</b> (in the spec, not in the code), <b>shadow</b> (in traffic, in neither), <b>unused</b> (documented and routed, never called).</p>
  ${busy.length ? trafficTable(busy) : ''}
  ${quiet.length ? `${busy.length ? `<h3>Without recorded traffic (${quiet.length})</h3>` : ''}${onlySpec ? '<p class="muted">Seen in the spec only unless marked.</p>' : ''}${endpointList(quiet)}` : ''}`;
}

export function renderEvolution({ evolution = [] }: PlanReportInput): string {
  if (evolution.length === 0) return '';
  return `<p>Changes against the previous version of the spec that break or may break existing clients.</p>
  <table><tr><th>level</th><th>change</th><th>where</th></tr>${bySeverityThenReach(evolution)
    .map((f) => `<tr><td>${badge(f.severity)}</td><td>${esc(f.message)}</td><td>${f.evidence[0] ? formatEvidence(f.evidence[0]) : ''}</td></tr>`)
    .join('')}</table>`;
}

function shortEvidence(f: Finding): string {
  const e = f.evidence[0];
  if (!e) return '';
  if (e.kind === 'trace') return `trace ${esc(e.traceId)}`;
  // The file's own name is enough beside the rule heading; the full path is in findings.json.
  const name = (e.file ?? '').slice((e.file ?? '').lastIndexOf('/') + 1);
  return `<code>${esc(name)}${e.line ? `:${e.line}` : ''}</code>`;
}

// A rule with hundreds of findings says the same thing hundreds of times; findings.json and plan.csv hold them all.
const FINDINGS_PER_RULE = 8;

/** Every rule's findings, grouped by rule (worst rules first) so each row only says where and what; long groups are cut. */
export function renderFindingsAppendix({ result }: PlanReportInput): string {
  if (result.findings.length === 0) return '';
  const byRule = new Map<string, Finding[]>();
  for (const f of bySeverityThenReach(result.findings)) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  return [...byRule.entries()]
    .map(([ruleId, findings]) => {
      const rows = findings
        .slice(0, FINDINGS_PER_RULE)
        .map((f) => `<tr><td>${f.endpoint ? `<code>${esc(f.endpoint.method)} ${esc(f.endpoint.path)}</code><br>` : f.affected ? `${f.affected.length} endpoints<br>` : ''}${shortEvidence(f)}</td><td>${esc(f.message)}</td></tr>`)
        .join('');
      const more = findings.length > FINDINGS_PER_RULE ? `<tr><td colspan="2" class="muted">… and ${findings.length - FINDINGS_PER_RULE} more of ${esc(ruleId)} in findings.json</td></tr>` : '';
      return `<h3 class="rule-group">${badge(findings[0].severity)} ${esc(ruleId)} <span class="muted">${findings.length} finding(s)</span></h3>
  <table class="small fixed"><colgroup><col style="width:28%"><col style="width:72%"></colgroup>${rows}${more}</table>`;
    })
    .join('\n');
}
