import { esc } from './html';
import { PLAN_CSS } from './plan-styles';
import type { PlanReportInput } from './report-input';
import { renderCover } from './sections/cover.section';
import { renderComparison, renderEvolution, renderFindingsAppendix, renderInventory } from './sections/inventory.section';
import { renderOverview } from './sections/overview.section';
import { renderPlanItems } from './sections/plan-items.section';
import { renderScoring } from './sections/scoring.section';
import { renderCostDrivers, renderSlos } from './sections/traffic.section';

/** The whole plan as one self-contained HTML document (inline CSS and SVG, no scripts, no external requests). */
export function renderPlanHtml(input: PlanReportInput): string {
  const sections = [
    renderCover(input),
    renderOverview(input),
    renderComparison(input),
    renderPlanItems(input),
    renderEvolution(input),
    renderCostDrivers(input),
    renderSlos(input),
    renderInventory(input),
    renderScoring(input),
    renderFindingsAppendix(input),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(input.plan.title)}</title><style>${PLAN_CSS}</style></head>
<body><main>${sections.filter(Boolean).join('\n')}</main></body></html>
`;
}
