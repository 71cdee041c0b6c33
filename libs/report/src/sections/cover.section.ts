import { SEVERITIES } from '@apiaudit/domain';
import { esc, SEVERITY_COLOR } from '../html';
import type { PlanReportInput } from '../report-input';

function scoreRing(score: number): string {
  const radius = 52;
  const circumference = 2 * Math.PI * radius;
  const color = score >= 80 ? '#16a34a' : score >= 50 ? '#f59e0b' : '#dc2626';
  return `<svg width="140" height="140" viewBox="0 0 140 140" role="img" aria-label="score ${score} of 100">
  <circle cx="70" cy="70" r="${radius}" fill="none" stroke="#e5e7eb" stroke-width="14"/>
  <circle cx="70" cy="70" r="${radius}" fill="none" stroke="${color}" stroke-width="14" stroke-linecap="round"
    stroke-dasharray="${((score / 100) * circumference).toFixed(1)} ${circumference.toFixed(1)}" transform="rotate(-90 70 70)"/>
  <text x="70" y="78" text-anchor="middle" font-size="34" font-weight="700" fill="#111827">${score}</text>
  <text x="70" y="98" text-anchor="middle" font-size="11" fill="#6b7280">of 100</text></svg>`;
}

export function renderCover({ plan, result, sources }: PlanReportInput): string {
  const counts = [...SEVERITIES]
    .reverse()
    .map((s) => `<div class="count"><b style="color:${SEVERITY_COLOR[s]}">${result.scores.counts[s] ?? 0}</b><span>${s}</span></div>`)
    .join('');
  const date = plan.generatedAt.slice(0, 10);
  return `<section class="cover">
  <div class="brand">apiaudit · API audit plan</div>
  <h1>${esc(plan.subject)}</h1>
  <p class="muted">Generated ${esc(date)} · ${result.inventory.length} endpoints · ${result.findings.length} findings · ${plan.items.length} actions</p>
  <div class="cover-grid">${scoreRing(result.scores.overall)}<div class="counts">${counts}</div></div>
  <h2>Summary</h2>
  <p>${esc(plan.summary)}</p>
  ${sources?.length ? `<h3>Inputs</h3>
  <ul class="sources">${sources.map((s) => `<li><b>${esc(s.kind)}</b> ${esc(s.label)}${s.detail ? ` <span class="muted">(${esc(s.detail)})</span>` : ''}</li>`).join('')}</ul>` : ''}
</section>`;
}
