import { esc } from './html';
import type { PlanSection, TocEntry } from './plan-section';
import { planCss, type Paper } from './plan-styles';
import type { PlanReportInput } from './report-input';
import { renderContents } from './sections/contents.section';
import { renderExecutiveSummary } from './sections/executive-summary.section';
import { renderComparison } from './sections/comparison.section';
import { renderEvolution, renderFindingsAppendix, renderInventory } from './sections/inventory.section';
import { planItemEntries, renderPlanItems } from './sections/plan-items.section';
import { renderLatency, renderRoadmap } from './sections/roadmap.section';
import { renderScoring } from './sections/scoring.section';
import { renderCostDrivers, renderSlos } from './sections/traffic.section';

/** The plan's parts in reading order; the summary and the contents come first and are placed by renderPlanHtml. */
export const PLAN_SECTIONS: PlanSection[] = [
  { id: 'roadmap', title: 'Roadmap', render: renderRoadmap },
  { id: 'comparison', title: 'Since the baseline', render: renderComparison },
  { id: 'actions', title: 'Actions', newPage: true, render: renderPlanItems, entries: planItemEntries },
  { id: 'evolution', title: 'Contract evolution', render: renderEvolution },
  { id: 'latency', title: 'Latency per endpoint', render: renderLatency },
  { id: 'cost-drivers', title: 'Cost drivers', render: renderCostDrivers },
  { id: 'slos', title: 'Proposed SLOs', render: renderSlos },
  { id: 'inventory', title: 'Endpoint inventory', render: renderInventory },
  // The appendices follow on the same page: a new page each left the inventory's or the scores' last lines alone on
  // a page (the Slack corpus spec: page 10 of 15 held one line of endpoints). Their headings never end a page.
  { id: 'scoring', title: 'Appendix: how the scores are computed', render: renderScoring },
  { id: 'findings', title: 'Appendix: findings by rule', render: renderFindingsAppendix },
];

export interface RenderPlanHtmlOptions {
  /** Page size the print styles are set for (the PDF renderer is given the same). */
  paper?: Paper;
  /** The sections to render, in order; PLAN_SECTIONS unless a caller adds its own. */
  sections?: PlanSection[];
}

/** The whole plan as one self-contained HTML document (inline CSS and SVG, no scripts, no external requests). */
export function renderPlanHtml(input: PlanReportInput, options: RenderPlanHtmlOptions = {}): string {
  const rendered = (options.sections ?? PLAN_SECTIONS)
    .map((section) => ({ section, body: section.render(input) }))
    .filter((r) => r.body.trim() !== '');
  const entries: TocEntry[] = rendered.flatMap(({ section }) => [{ id: section.id, title: section.title, level: 1 as const }, ...(section.entries?.(input) ?? [])]);
  const parts = rendered.map(
    ({ section, body }) => `<section class="part${section.newPage ? ' page-start' : ''}" id="${esc(section.id)}"><h2>${esc(section.title)}</h2>
${body}
</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(input.plan.title)}</title><style>${planCss(options.paper ?? 'a4')}</style></head>
<body><main>
<section class="summary" id="summary">${renderExecutiveSummary(input)}</section>
<section class="contents" id="contents"><h2>Contents</h2>${renderContents(entries)}</section>
${parts.join('\n')}
</main></body></html>
`;
}
