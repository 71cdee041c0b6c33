import { endpointKey, type Plan } from '@apiaudit/domain';
import { visibleItems } from '../plan-document';

const COLUMNS = ['rank', 'horizon', 'title', 'rule', 'severity', 'effort', 'endpoints', 'metric', 'current', 'target', 'notes'];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * plan.csv: one row per visible item, for spreadsheets and trackers; endpoints joined by "; ". It carries no "Not in
 * this audit" line: every row is an item under one header, and a row of prose would be imported as a broken item.
 * The sources an audit lacks are in plan.json, plan.md and plan.html, and in the audit's own `sources`.
 */
export function formatPlanCsv(plan: Plan): string {
  const rows = visibleItems(plan).map((i) =>
    [
      i.rank,
      i.horizon,
      i.title,
      i.ruleId,
      i.severity,
      i.effort,
      i.endpoints.map(endpointKey).join('; '),
      i.target.metric,
      i.target.current,
      `${i.target.comparator} ${i.target.value}${i.target.unit ? ` ${i.target.unit}` : ''}`,
      i.notes ?? null,
    ]
      .map(field)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
