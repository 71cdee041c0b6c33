import { severityRank, type Finding } from '@apiaudit/domain';
import { badge, esc } from '../html';
import type { PlanReportInput } from '../report-input';
import { formatEvidence } from './plan-items.section';

/** Worst first, then widest reach: the order a reader should go through them. */
function bySeverityThenReach(findings: Finding[]): Finding[] {
  const reach = (f: Finding) => Math.max(f.affected?.length ?? 0, 1);
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || reach(b) - reach(a));
}

export function renderInventory({ result }: PlanReportInput): string {
  if (result.inventory.length === 0) return '';
  const rows = result.inventory
    .map((e) => {
      const t = e.traffic;
      return `<tr><td><code>${esc(e.method)}</code></td><td><code>${esc(e.path)}</code></td><td>${esc(e.service ?? '')}</td><td>${e.seenIn.map(esc).join(', ')}</td>
<td class="num">${t ? t.requests.toLocaleString('en-US') : ''}</td><td class="num">${t ? `${(t.errorRate * 100).toFixed(1)}%` : ''}</td><td class="num">${t ? Math.round(t.p95Ms) : ''}</td></tr>`;
    })
    .join('');
  return `<section>
  <h2>Endpoint inventory</h2>
  <p>Every endpoint the audit saw, and where: spec, code, traffic. An endpoint missing from one of them is drift.</p>
  <table><tr><th>method</th><th>path</th><th>service</th><th>seen in</th><th class="num">requests</th><th class="num">errors</th><th class="num">p95 ms</th></tr>${rows}</table>
</section>`;
}

export function renderComparison({ comparison }: PlanReportInput): string {
  if (!comparison) return '';
  const list = (findings: Finding[]) => findings.slice(0, 15).map((f) => `<li>${badge(f.severity)} ${esc(f.ruleId)} — ${esc(f.message)}</li>`).join('') + (findings.length > 15 ? `<li class="muted">… ${findings.length - 15} more</li>` : '');
  return `<section>
  <h2>Since the baseline</h2>
  <p>Score ${comparison.baselineScore} → <b>${comparison.currentScore}</b>. Fixed: <b>${comparison.fixed.length}</b> · still open: ${comparison.open.length} · new: ${comparison.introduced.length}.</p>
  ${comparison.fixed.length ? `<h3>Fixed</h3><ul class="messages">${list(comparison.fixed)}</ul>` : ''}
  ${comparison.introduced.length ? `<h3>New</h3><ul class="messages">${list(comparison.introduced)}</ul>` : ''}
</section>`;
}

export function renderEvolution({ evolution: given, changes }: PlanReportInput): string {
  const evolution = given ?? changes ?? [];
  if (evolution.length === 0) return '';
  return `<section>
  <h2>Contract evolution</h2>
  <p>Changes against the previous version of the spec that break or may break existing clients.</p>
  <table><tr><th>level</th><th>change</th><th>where</th></tr>${bySeverityThenReach(evolution)
    .map((f) => `<tr><td>${badge(f.severity)}</td><td>${esc(f.message)}</td><td>${f.evidence[0] ? formatEvidence(f.evidence[0]) : ''}</td></tr>`)
    .join('')}</table>
</section>`;
}

export function renderFindingsAppendix({ result }: PlanReportInput): string {
  if (result.findings.length === 0) return '';
  const rows = bySeverityThenReach(result.findings)
    .map((f) => `<tr><td>${badge(f.severity)}</td><td>${esc(f.ruleId)}</td><td>${f.endpoint ? `<code>${esc(f.endpoint.method)} ${esc(f.endpoint.path)}</code>` : f.affected ? `${f.affected.length} endpoints` : esc(f.service ?? '')}</td><td>${esc(f.message)}</td><td>${f.evidence[0] ? formatEvidence(f.evidence[0]) : ''}</td></tr>`)
    .join('');
  return `<section class="appendix">
  <h2>Appendix: all findings</h2>
  <table class="small fixed"><colgroup><col style="width:12%"><col style="width:17%"><col style="width:20%"><col style="width:27%"><col style="width:24%"></colgroup><tr><th>severity</th><th>rule</th><th>endpoint</th><th>message</th><th>evidence</th></tr>${rows}</table>
</section>`;
}
