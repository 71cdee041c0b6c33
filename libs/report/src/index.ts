export { renderPlanHtml } from './render-plan-html';
export type { PlanReportInput, TraceSummary, CostDriverRow, SloRow, ComparisonSummary } from './report-input';
