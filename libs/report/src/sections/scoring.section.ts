import type { ScoreBreakdown, ScoredFinding } from '@apiaudit/domain';
import { badge, esc } from '../html';
import type { PlanReportInput } from '../report-input';

// A category with hundreds of findings would fill pages: its findings are summed per rule (a rule is one fix in the
// plan), the heaviest rules shown and the rest summed. Each finding's own points are in plan.json (`scoring`).
const ROWS_PER_CATEGORY = 8;

interface RuleShare {
  ruleId: string;
  severity: ScoredFinding['severity'];
  findings: number;
  reach: number;
  points: number;
}

function byRule(findings: ScoredFinding[]): RuleShare[] {
  const shares = new Map<string, RuleShare>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.severity}`;
    const share = shares.get(key) ?? { ruleId: f.ruleId, severity: f.severity, findings: 0, reach: 0, points: 0 };
    share.findings += 1;
    share.reach += f.reach;
    share.points += f.points;
    shares.set(key, share);
  }
  return [...shares.values()].sort((a, b) => b.points - a.points || a.ruleId.localeCompare(b.ruleId));
}

function categoryBlock(breakdown: ScoreBreakdown): string {
  const rules = byRule(breakdown.findings);
  const shown = rules.slice(0, ROWS_PER_CATEGORY);
  const rest = rules.slice(ROWS_PER_CATEGORY);
  const restPoints = rest.reduce((sum, r) => sum + r.points, 0);
  const rows = shown
    .map((r) => `<tr><td>${badge(r.severity)}</td><td>${esc(r.ruleId)}</td><td class="num">${r.findings}</td><td class="num">${r.reach}</td><td class="num">${r.points.toFixed(2)}</td></tr>`)
    .join('');
  const more = rest.length ? `<tr><td colspan="2" class="muted">${rest.length} more rule(s)</td><td class="num">${rest.reduce((n, r) => n + r.findings, 0)}</td><td></td><td class="num">${restPoints.toFixed(2)}</td></tr>` : '';
  return `<div class="keep score-block"><h3>${esc(breakdown.category)}: ${breakdown.score} <span class="muted">= round(100 / (1 + ${breakdown.penalty.toFixed(2)} / (5 × ${breakdown.endpoints})))</span></h3>
  <table class="small fixed"><colgroup><col style="width:14%"><col style="width:50%"><col style="width:12%"><col style="width:10%"><col style="width:14%"></colgroup><tr><th>severity</th><th>rule</th><th class="num">findings</th><th class="num">reach</th><th class="num">points</th></tr>${rows}${more}</table></div>`;
}

/** Appendix: how each score came about, per category, so the client can recompute any of them. */
export function renderScoring({ plan }: PlanReportInput): string {
  const scoring = plan.scoring;
  if (!scoring || scoring.overall.findings.length === 0) return '';
  const weights = Object.entries(scoring.weights).map(([s, w]) => `${esc(s)} ${w}`).join(', ');
  return `<p>${esc(scoring.formula)}.</p>
  <p class="muted">Severity weights: ${weights}. Reach is the number of endpoints one root cause touches (at least 1); each rule's row sums its findings' reach and points. Overall: ${scoring.overall.score} from ${scoring.overall.penalty.toFixed(2)} points over ${scoring.overall.endpoints} endpoints.</p>
  ${scoring.categories.map(categoryBlock).join('\n')}`;
}
