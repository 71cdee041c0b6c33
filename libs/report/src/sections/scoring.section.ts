import type { ScoreBreakdown } from '@apiaudit/domain';
import { badge, esc } from '../html';
import type { PlanReportInput } from '../report-input';

// A category with hundreds of findings would fill pages; the heaviest ones explain the score, the rest are summed.
const ROWS_PER_CATEGORY = 8;

function categoryBlock(breakdown: ScoreBreakdown): string {
  const shown = breakdown.findings.slice(0, ROWS_PER_CATEGORY);
  const rest = breakdown.findings.slice(ROWS_PER_CATEGORY);
  const restPoints = rest.reduce((sum, f) => sum + f.points, 0);
  const rows = shown
    .map((f) => `<tr><td>${badge(f.severity)}</td><td>${esc(f.ruleId)}</td><td class="num">${f.reach}</td><td class="num">${f.points.toFixed(2)}</td></tr>`)
    .join('');
  const more = rest.length ? `<tr><td colspan="3" class="muted">${rest.length} more finding(s)</td><td class="num">${restPoints.toFixed(2)}</td></tr>` : '';
  return `<div class="keep score-block"><h3>${esc(breakdown.category)}: ${breakdown.score} <span class="muted">= round(100 / (1 + ${breakdown.penalty.toFixed(2)} / (5 × ${breakdown.endpoints})))</span></h3>
  <table class="small fixed"><colgroup><col style="width:14%"><col style="width:56%"><col style="width:12%"><col style="width:18%"></colgroup><tr><th>severity</th><th>rule</th><th class="num">reach</th><th class="num">points</th></tr>${rows}${more}</table></div>`;
}

/** Appendix: how each score came about, per category, so the client can recompute any of them. */
export function renderScoring({ plan }: PlanReportInput): string {
  const scoring = plan.scoring;
  if (!scoring || scoring.overall.findings.length === 0) return '';
  const weights = Object.entries(scoring.weights).map(([s, w]) => `${esc(s)} ${w}`).join(', ');
  return `<p>${esc(scoring.formula)}.</p>
  <p class="muted">Severity weights: ${weights}. Reach is the number of endpoints one root cause touches (at least 1). Overall: ${scoring.overall.score} from ${scoring.overall.penalty.toFixed(2)} points over ${scoring.overall.endpoints} endpoints.</p>
  ${scoring.categories.map(categoryBlock).join('\n')}`;
}
