import { formatPlanCsv } from './formats/plan-csv';
import { formatPlanMarkdown } from './formats/plan-markdown';
import { buildPlanDocument } from './plan-document';
import { renderPlanHtml, type RenderPlanHtmlOptions } from './render-plan-html';
import type { PlanReportInput } from './report-input';

export type PlanFileName = 'plan.json' | 'plan.md' | 'plan.csv' | 'plan.html';

export const PLAN_FILE_MEDIA_TYPES: Record<PlanFileName, string> = {
  'plan.json': 'application/json',
  'plan.md': 'text/markdown; charset=utf-8',
  'plan.csv': 'text/csv; charset=utf-8',
  'plan.html': 'text/html; charset=utf-8',
};

/** Every text form of the plan from one input, so the CLI and the worker write the same files. */
export function renderPlanFiles(input: PlanReportInput, options: RenderPlanHtmlOptions = {}): Record<PlanFileName, string> {
  return {
    'plan.json': `${JSON.stringify(buildPlanDocument(input), null, 2)}\n`,
    'plan.md': formatPlanMarkdown(input),
    'plan.csv': formatPlanCsv(input.plan),
    'plan.html': renderPlanHtml(input, options),
  };
}
