import { SEVERITIES, type Finding } from '@apiaudit/domain';
import { esc, SEVERITY_COLOR } from '../html';
import { visibleItems } from '../plan-document';
import type { PlanReportInput } from '../report-input';

/** Horizontal stacked bars: findings per category, split by severity. */
function categoryChart(findings: Finding[]): string {
  const categories = [...new Set(findings.map((f) => f.category))];
  const rows = categories
    .map((c) => ({ c, bySeverity: SEVERITIES.map((s) => findings.filter((f) => f.category === c && f.severity === s).length) }))
    .sort((a, b) => b.bySeverity.reduce((x, y) => x + y, 0) - a.bySeverity.reduce((x, y) => x + y, 0));
  const max = Math.max(1, ...rows.map((r) => r.bySeverity.reduce((x, y) => x + y, 0)));
  const barWidth = 380;
  const rowHeight = 22;
  const bars = rows
    .map((row, i) => {
      let x = 110;
      const y = i * rowHeight + 4;
      const segments = SEVERITIES.map((s, j) => {
        const width = (row.bySeverity[j] / max) * barWidth;
        const rect = width > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="15" fill="${SEVERITY_COLOR[s]}"/>` : '';
        x += width;
        return rect;
      }).join('');
      const total = row.bySeverity.reduce((a, b) => a + b, 0);
      return `<text x="104" y="${y + 12}" text-anchor="end" font-size="11">${esc(row.c)}</text>${segments}<text x="${(x + 6).toFixed(1)}" y="${y + 12}" font-size="11" fill="#374151">${total}</text>`;
    })
    .join('');
  const legend = [...SEVERITIES].reverse().map((s, i) => `<rect x="${110 + i * 80}" y="${rows.length * rowHeight + 10}" width="10" height="10" fill="${SEVERITY_COLOR[s]}"/><text x="${124 + i * 80}" y="${rows.length * rowHeight + 19}" font-size="10">${s}</text>`).join('');
  return `<svg width="560" height="${rows.length * rowHeight + 30}" role="img" aria-label="findings by category">${bars}${legend}</svg>`;
}

export function renderOverview({ plan, result }: PlanReportInput): string {
  const top = visibleItems(plan).slice(0, 5).map((i) => `<li><b>${esc(i.title)}</b> — ${esc(i.measure)}</li>`).join('');
  const categoryScores = Object.entries(result.scores.byCategory)
    .sort((a, b) => a[1] - b[1])
    .map(([c, s]) => `<tr><td>${esc(c)}</td><td class="num">${s}</td></tr>`)
    .join('');
  return `<section>
  <h2>Where the API stands</h2>
  ${result.findings.length ? categoryChart(result.findings) : '<p>No findings.</p>'}
  <div class="two-col">
    <div><h3>First actions</h3><ol>${top}</ol></div>
    <div><h3>Score by category</h3><table class="compact"><tr><th>category</th><th class="num">score</th></tr>${categoryScores}</table></div>
  </div>
</section>`;
}
