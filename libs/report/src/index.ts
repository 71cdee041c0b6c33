export { renderPlanHtml } from './render-plan-html';
export type { PlanReportInput, TraceSummary, CostDriverRow, SloRow, ComparisonSummary } from './report-input';
export { buildPlanDocument, countHorizons, summariseCost, visibleItems } from './plan-document';
export { formatPlanCsv } from './formats/plan-csv';
export { formatPlanMarkdown } from './formats/plan-markdown';
export { formatSarif } from './formats/sarif';
export { formatJunit } from './formats/junit';
export { renderPlanFiles, PLAN_FILE_MEDIA_TYPES, type PlanFileName } from './render-plan-files';
