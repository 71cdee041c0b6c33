import { costByEndpointChart, costByWorkloadChart } from '../charts';
import { endpointCode, esc, money } from '../html';
import type { PlanReportInput } from '../report-input';

export function renderCostDrivers({ traces }: PlanReportInput): string {
  const drivers = traces?.costDrivers ?? [];
  if (!traces || drivers.length === 0) return '';
  const top = drivers.slice(0, 10);
  const total = traces.totalMonthlyCostUsd;
  const rows = top
    .map(
      (d) => `<tr><td>${endpointCode(d.method, d.path)}</td><td>${esc(d.service)}</td><td class="num">${money(d.monthlyCostUsd)}</td><td class="num">${(d.shareOfTotal * 100).toFixed(1)}%</td>
<td>${Object.entries(d.breakdown).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${esc(k)} ${money(v)}`).join(', ')}</td>
<td>${d.fixes.map((f) => `${esc(f.ruleId)} −${money(f.monthlySavingUsd)}`).join('<br>') || '—'}</td></tr>`,
    )
    .join('');
  const window = traces.window ? `${traces.window.start.slice(0, 16).replace('T', ' ')} – ${traces.window.end.slice(0, 16).replace('T', ' ')}` : 'unknown window';
  const workloads = costByWorkloadChart(drivers);
  return `<div class="keep">
  <p>Estimated ${money(total)} a month, extrapolated from ${traces.requestCount.toLocaleString('en-US')} requests (${traces.spanCount.toLocaleString('en-US')} spans, ${esc(window)}). Green: the part the listed fixes would remove.</p>
  ${costByEndpointChart(top)}</div>
  ${workloads ? `<div class="keep"><h3>By workload</h3>${workloads}</div>` : ''}
  <table><tr><th>endpoint</th><th>workload</th><th class="num">$/month</th><th class="num">share</th><th>breakdown</th><th>fix saves</th></tr>${rows}</table>`;
}

export function renderSlos({ traces }: PlanReportInput): string {
  const slos = traces?.slos ?? [];
  if (slos.length === 0) return '';
  const pct = (v: number) => `${(v * 100).toFixed(v >= 0.999 ? 2 : 1)}%`;
  const rows = slos
    .map(
      (s) => `<tr><td>${endpointCode(s.method, s.path)}</td><td class="num">${Math.round(s.requestsPerDay).toLocaleString('en-US')}</td>
<td class="num">${pct(s.availability.objective)}</td><td class="num">${pct(s.availability.observed)}</td><td class="num">${(s.availability.errorBudgetBurn * 100).toFixed(0)}%</td>
<td class="num">${pct(s.latency.objective)} &lt; ${Math.round(s.latency.thresholdMs)} ms</td><td class="num">${pct(s.latency.observed)}</td><td class="num">${(s.latency.errorBudgetBurn * 100).toFixed(0)}%</td></tr>`,
    )
    .join('');
  return `<p>Objectives derived from observed percentiles for high-traffic endpoints; burn is the share of the error budget the observed window would use.</p>
  <table><tr><th>endpoint</th><th class="num">req/day</th><th class="num">availability</th><th class="num">observed</th><th class="num">burn</th><th class="num">latency objective</th><th class="num">observed</th><th class="num">burn</th></tr>${rows}</table>`;
}
