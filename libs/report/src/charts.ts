import { SEVERITIES, type Endpoint, type Finding } from '@apiaudit/domain';
import { esc, money, SEVERITY_COLOR } from './html';
import type { CostDriverRow, ScorePoint } from './report-input';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function legend(entries: Array<[string, string]>, y: number, x0 = 150): string {
  return entries.map(([label, color], i) => `<rect x="${x0 + i * 90}" y="${y}" width="10" height="10" fill="${color}"/><text x="${x0 + 14 + i * 90}" y="${y + 9}" font-size="10">${esc(label)}</text>`).join('');
}

/** Horizontal stacked bars: findings per category, split by severity. */
export function findingsByCategoryChart(findings: Finding[]): string {
  const rows = [...new Set(findings.map((f) => f.category))]
    .map((c) => ({ c, counts: SEVERITIES.map((s) => findings.filter((f) => f.category === c && f.severity === s).length) }))
    .sort((a, b) => sum(b.counts) - sum(a.counts));
  const max = Math.max(1, ...rows.map((r) => sum(r.counts)));
  const width = 380;
  const bars = rows
    .map((row, i) => {
      let x = 110;
      const y = i * 20 + 4;
      const segments = SEVERITIES.map((s, j) => {
        const w = (row.counts[j] / max) * width;
        const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="14" fill="${SEVERITY_COLOR[s]}"/>` : '';
        x += w;
        return rect;
      }).join('');
      return `<text x="104" y="${y + 11}" text-anchor="end" font-size="11">${esc(row.c)}</text>${segments}<text x="${(x + 6).toFixed(1)}" y="${y + 11}" font-size="11" fill="#374151">${sum(row.counts)}</text>`;
    })
    .join('');
  const height = rows.length * 20 + 28;
  return `<svg class="chart" width="560" height="${height}" viewBox="0 0 560 ${height}" role="img" aria-label="findings by category and severity">${bars}${legend([...SEVERITIES].reverse().map((s) => [s, SEVERITY_COLOR[s]]), rows.length * 20 + 12, 110)}</svg>`;
}

/** Per endpoint with traffic, the slowest first: a line from p50 to p99 with a mark at each percentile. */
export function latencyChart(inventory: Endpoint[], limit = 12): string {
  const rows = inventory.filter((e) => e.traffic && e.traffic.requests > 0).sort((a, b) => b.traffic!.p95Ms - a.traffic!.p95Ms).slice(0, limit);
  if (rows.length === 0) return '';
  const max = Math.max(1, ...rows.map((e) => e.traffic!.p99Ms));
  const x = (ms: number) => 250 + (ms / max) * 250;
  const marks: Array<[keyof NonNullable<Endpoint['traffic']>, string]> = [['p50Ms', '#93c5fd'], ['p95Ms', '#2563eb'], ['p99Ms', '#1e3a8a']];
  const lines = rows
    .map((e, i) => {
      const t = e.traffic!;
      const y = i * 20 + 12;
      return `<text x="244" y="${y + 4}" text-anchor="end" font-size="10">${esc(`${e.method} ${e.path}`.slice(0, 44))}</text>
<line x1="${x(t.p50Ms).toFixed(1)}" y1="${y}" x2="${x(t.p99Ms).toFixed(1)}" y2="${y}" stroke="#cbd5e1" stroke-width="3"/>
${marks.map(([k, color]) => `<circle cx="${x(t[k]).toFixed(1)}" cy="${y}" r="4" fill="${color}"/>`).join('')}
<text x="${(x(t.p99Ms) + 8).toFixed(1)}" y="${y + 4}" font-size="9" fill="#374151">${Math.round(t.p95Ms)} / ${Math.round(t.p99Ms)} ms</text>`;
    })
    .join('');
  const height = rows.length * 20 + 26;
  return `<svg class="chart" width="600" height="${height}" viewBox="0 0 600 ${height}" role="img" aria-label="latency percentiles per endpoint">${lines}${legend([['p50', '#93c5fd'], ['p95', '#2563eb'], ['p99', '#1e3a8a']], rows.length * 20 + 10, 250)}</svg>`;
}

/** Monthly cost per endpoint (blue) with the part the listed fixes would remove (green). */
export function costByEndpointChart(drivers: CostDriverRow[]): string {
  const max = Math.max(...drivers.map((d) => d.monthlyCostUsd), 0.01);
  const bars = drivers
    .map((d, i) => {
      const saving = Math.min(sum(d.fixes.map((f) => f.monthlySavingUsd)), d.monthlyCostUsd);
      const width = (d.monthlyCostUsd / max) * 280;
      return `<text x="236" y="${i * 20 + 14}" text-anchor="end" font-size="10">${esc(`${d.method} ${d.path}`.slice(0, 42))}</text>
<rect x="242" y="${i * 20 + 4}" width="${width.toFixed(1)}" height="13" fill="#93c5fd"/>
<rect x="242" y="${i * 20 + 4}" width="${((saving / max) * 280).toFixed(1)}" height="13" fill="#16a34a"/>
<text x="${(246 + width).toFixed(1)}" y="${i * 20 + 14}" font-size="10">${money(d.monthlyCostUsd)}</text>`;
    })
    .join('');
  const height = drivers.length * 20 + 6;
  return `<svg class="chart" width="600" height="${height}" viewBox="0 0 600 ${height}" role="img" aria-label="monthly cost by endpoint">${bars}</svg>`;
}

const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#9333ea', '#dc2626', '#0891b2', '#65a30d', '#db2777'];

/** Monthly cost per workload (service), split by what it is spent on (compute, database, egress …). */
export function costByWorkloadChart(drivers: CostDriverRow[]): string {
  const kinds = [...new Set(drivers.flatMap((d) => Object.keys(d.breakdown)))].sort();
  const services = [...new Set(drivers.map((d) => d.service))]
    .map((service) => {
      const own = drivers.filter((d) => d.service === service);
      return { service, total: sum(own.map((d) => d.monthlyCostUsd)), parts: kinds.map((k) => sum(own.map((d) => d.breakdown[k] ?? 0))) };
    })
    .sort((a, b) => b.total - a.total)
    .slice(0, 8);
  if (services.length === 0) return '';
  const max = Math.max(0.01, ...services.map((s) => Math.max(s.total, sum(s.parts))));
  const bars = services
    .map((s, i) => {
      let x = 150;
      const y = i * 20 + 4;
      const parts = s.parts
        .map((v, j) => {
          const w = (v / max) * 330;
          const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="13" fill="${PALETTE[j % PALETTE.length]}"/>` : '';
          x += w;
          return rect;
        })
        .join('');
      return `<text x="144" y="${y + 10}" text-anchor="end" font-size="10">${esc(s.service.slice(0, 24))}</text>${parts}<text x="${(x + 6).toFixed(1)}" y="${y + 10}" font-size="10">${money(s.total)}</text>`;
    })
    .join('');
  const rows = Math.ceil(kinds.length / 4);
  const legendRows = Array.from({ length: rows }, (_, r) => legend(kinds.slice(r * 4, r * 4 + 4).map((k, j) => [k, PALETTE[(r * 4 + j) % PALETTE.length]]), services.length * 20 + 8 + r * 14)).join('');
  const height = services.length * 20 + 12 + rows * 14;
  return `<svg class="chart" width="600" height="${height}" viewBox="0 0 600 ${height}" role="img" aria-label="monthly cost by workload">${bars}${legendRows}</svg>`;
}

/** The overall score across audits, oldest first; needs at least two. */
export function scoreHistoryChart(points: ScorePoint[]): string {
  if (points.length < 2) return '';
  const step = 440 / (points.length - 1);
  const xy = points.map((p, i) => [60 + i * step, 150 - p.score * 1.3] as const);
  const grid = [0, 50, 100].map((v) => `<line x1="50" x2="510" y1="${150 - v * 1.3}" y2="${150 - v * 1.3}" stroke="#e5e7eb"/><text x="44" y="${154 - v * 1.3}" text-anchor="end" font-size="9" fill="#6b7280">${v}</text>`).join('');
  const dots = points
    .map((p, i) => `<circle cx="${xy[i][0].toFixed(1)}" cy="${xy[i][1].toFixed(1)}" r="4" fill="#2563eb"/><text x="${xy[i][0].toFixed(1)}" y="${(xy[i][1] - 8).toFixed(1)}" text-anchor="middle" font-size="10" font-weight="700">${p.score}</text><text x="${xy[i][0].toFixed(1)}" y="168" text-anchor="middle" font-size="9" fill="#6b7280">${esc(p.label)}</text>`)
    .join('');
  return `<svg class="chart" width="560" height="176" viewBox="0 0 560 176" role="img" aria-label="score over time">${grid}<polyline fill="none" stroke="#2563eb" stroke-width="2" points="${xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>${dots}</svg>`;
}
