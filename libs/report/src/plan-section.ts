import type { PlanReportInput } from './report-input';

/** A heading the table of contents lists, pointing at an element id inside a section. */
export interface TocEntry {
  id: string;
  title: string;
  level: 1 | 2;
}

/**
 * One part of the plan. `render` returns the section's body without its heading ('' when it has nothing to
 * show: the section and its contents entry are left out); `entries` adds sub-headings to the table of contents.
 * To add a section, write one such object and put it in PLAN_SECTIONS where it belongs.
 */
export interface PlanSection {
  id: string;
  title: string;
  /** Start the section on a new page (the first horizon of actions, appendices). */
  newPage?: boolean;
  /** Leave the section out of the table of contents (the summary and the contents themselves). */
  untitled?: boolean;
  render(input: PlanReportInput): string;
  entries?(input: PlanReportInput): TocEntry[];
}
