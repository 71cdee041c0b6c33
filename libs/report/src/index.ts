export { renderPlanHtml } from './render-plan-html';
export type { PlanReportInput, TraceSummary, CostDriverRow, SloRow, ComparisonSummary } from './report-input';
export { formatSarif } from './formats/sarif';
export { formatJunit } from './formats/junit';
