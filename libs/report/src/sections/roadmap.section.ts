import { HORIZONS, type Horizon, type PlanItem } from '@apiaudit/domain';
import { findingsByCategoryChart, latencyChart, scoreHistoryChart } from '../charts';
import { badge, esc } from '../html';
import { visibleItems } from '../plan-document';
import type { PlanReportInput } from '../report-input';

export const HORIZON_TITLE: Record<Horizon, string> = {
  now: 'Now — this sprint',
  next: 'Next — this quarter',
  later: 'Later — when touching the area',
};

// A roadmap column longer than this stops being read; the full list follows in the actions.
const COLUMN_LIMIT = 10;

function column(horizon: Horizon, items: PlanItem[]): string {
  const own = items.filter((i) => i.horizon === horizon);
  const rows = own
    .slice(0, COLUMN_LIMIT)
    .map((i) => `<li>${badge(i.severity)} <b>${i.rank}.</b> ${esc(i.title)} <span class="muted">${i.effort}</span></li>`)
    .join('');
  const more = own.length > COLUMN_LIMIT ? `<li class="muted">… ${own.length - COLUMN_LIMIT} more</li>` : '';
  return `<div class="lane"><h3>${HORIZON_TITLE[horizon]} <span class="muted">(${own.length})</span></h3><ul>${rows}${more}</ul></div>`;
}

/** The roadmap: what to do when, then where the API stands (findings by category, latency, score over time). */
export function renderRoadmap({ plan, result, history }: PlanReportInput): string {
  const items = visibleItems(plan);
  const categoryScores = Object.entries(result.scores.byCategory)
    .sort((a, b) => a[1] - b[1])
    .map(([c, s]) => `<tr><td>${esc(c)}</td><td class="num">${s}</td></tr>`)
    .join('');
  const trend = scoreHistoryChart(history ?? []);
  return `<div class="lanes">${HORIZONS.map((h) => column(h, items)).join('')}</div>
  <div class="keep"><h3>Findings by category and severity</h3>
  <div class="two-col"><div>${result.findings.length ? findingsByCategoryChart(result.findings) : '<p>No findings.</p>'}</div>
  <div><table class="compact"><tr><th>category</th><th class="num">score</th></tr>${categoryScores}</table></div></div></div>
  ${trend ? `<div class="keep"><h3>Score over time</h3>${trend}</div>` : ''}`;
}

/** Latency percentiles per endpoint with traffic, slowest first; '' without traces. */
export function renderLatency({ result }: PlanReportInput): string {
  const chart = latencyChart(result.inventory);
  return chart ? `<div class="keep"><p class="muted">Slowest first, by p95; the line runs from p50 to p99 (the figures are p95 / p99).</p>${chart}</div>` : '';
}
