import type { ComparedFinding, ScoreDelta, TargetValidation } from '@apiaudit/domain';
import { badge, endpointCode, esc } from '../html';
import type { PlanReportInput } from '../report-input';

// Long lists are cut: the findings appendix and the API hold them all.
const SHOWN = 15;

function findingRows(findings: ComparedFinding[]): string {
  const rows = findings
    .slice(0, SHOWN)
    .map((f) => `<tr><td>${badge(f.severity)}</td><td>${esc(f.ruleId)}</td><td>${f.endpoint ? endpointCode(f.endpoint.method, f.endpoint.path) : ''}</td><td>${esc(f.message)}</td></tr>`)
    .join('');
  const more = findings.length > SHOWN ? `<tr><td colspan="4" class="muted">… ${findings.length - SHOWN} more</td></tr>` : '';
  return `<table class="small"><tr><th>severity</th><th>rule</th><th>endpoint</th><th>finding</th></tr>${rows}${more}</table>`;
}

function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

function scoreRow(label: string, s: ScoreDelta): string {
  return `<tr><td>${esc(label)}</td><td class="num">${s.before}</td><td class="num">${s.after}</td><td class="num"><b>${signed(s.delta)}</b></td></tr>`;
}

function validationRow(v: TargetValidation): string {
  const verdict = v.met === null ? '<span class="muted">not measured</span>' : v.met ? '<b>met</b>' : '<b>not met</b>';
  const unit = v.target.unit ? ` ${esc(v.target.unit)}` : '';
  const value = (n: number | null) => (n === null ? '—' : `${Number.isInteger(n) ? n : Number(n.toPrecision(3))}${unit}`);
  const where = v.item.endpoints.length === 1 ? ` ${endpointCode(v.item.endpoints[0].method, v.item.endpoints[0].path)}` : v.item.endpoints.length > 1 ? ` (${v.item.endpoints.length} endpoints)` : '';
  return `<tr><td>${v.item.rank}. ${esc(v.item.title)}${where}</td><td><code>${esc(v.metric)}</code></td><td class="num">${value(v.before)}</td><td class="num">${value(v.after)}</td><td class="num">${esc(v.target.comparator)} ${v.target.value}${unit}</td><td>${verdict}</td></tr>`;
}

/** The re-audit against its baseline: regressions first, then new, fixed, the plan's targets, score deltas. */
export function renderComparison({ comparison: c }: PlanReportInput): string {
  if (!c) return '';
  const met = c.validation.filter((v) => v.met === true).length;
  const categories = Object.entries(c.scores.byCategory).filter(([, s]) => s.delta !== 0);
  return `<p>Score ${c.scores.before} → <b>${c.scores.after}</b> (${signed(c.scores.delta)}). Regressed: <b>${c.regressed.length}</b> · new: <b>${c.new.length}</b> · fixed: <b>${c.resolved.length}</b> · still open: ${c.open.length}${c.validation.length ? ` · targets met: <b>${met} of ${c.validation.length}</b>` : ''}.</p>
  ${c.regressed.length ? `<h3>Regressed: fixed before, back now</h3>${findingRows(c.regressed)}` : ''}
  ${c.new.length ? `<h3>New</h3>${findingRows(c.new)}` : ''}
  ${c.resolved.length ? `<h3>Fixed</h3>${findingRows(c.resolved)}` : ''}
  ${c.validation.length ? `<h3>Targets of the baseline plan</h3><table class="small"><tr><th>action</th><th>metric</th><th class="num">before</th><th class="num">after</th><th class="num">target</th><th>result</th></tr>${c.validation.map(validationRow).join('')}</table>` : ''}
  <h3>Scores</h3>
  <table class="small"><tr><th>score</th><th class="num">before</th><th class="num">after</th><th class="num">change</th></tr>${scoreRow('overall', c.scores)}${categories.map(([name, s]) => scoreRow(name, s)).join('')}</table>`;
}
