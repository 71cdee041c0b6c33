import { endpointKey, type Endpoint, type EndpointRef, type Finding, type PlanTarget, type TargetComparator, type ValidationTarget } from '@apiaudit/domain';

/** What a rule without a declared target is held to: none of its findings left. */
export const DEFAULT_TARGET: ValidationTarget = { metric: 'findings.count', comparator: '==', value: 0 };

const TRAFFIC_METRICS = new Set(['requests', 'errorRate', 'p50Ms', 'p95Ms', 'p99Ms']);

const COMPARATOR_WORDS: Record<TargetComparator, string> = { '<': 'under', '<=': 'at most', '==': '', '>=': 'at least', '>': 'above' };

/** The key a metric name is looked up under in `Finding.metrics`: `db.queriesPerRequest` -> `queriesPerRequest`. */
function metricKey(metric: string): string {
  return metric.slice(metric.lastIndexOf('.') + 1);
}

/** The worst of several measurements, judged by the comparator's direction: the fix must bring that one in line. */
function worstOf(values: number[], comparator: TargetComparator): number | null {
  if (values.length === 0) return null;
  return comparator === '>' || comparator === '>=' ? Math.min(...values) : Math.max(...values);
}

/**
 * The audit's current value of a target's metric for one plan item: `findings.count` counts the item's findings;
 * any other metric is read from the findings' measured figures (by full name, else by its last segment), else from
 * the traffic of the item's endpoints (`latency.p95Ms`, `errorRate`). Null when the audit did not measure it.
 */
export function measureTarget(target: ValidationTarget, findings: Finding[], endpoints: EndpointRef[], inventory: Endpoint[]): PlanTarget {
  const declared: ValidationTarget = { metric: target.metric, comparator: target.comparator, value: target.value, ...(target.unit ? { unit: target.unit } : {}) };
  if (target.metric === 'findings.count') return { ...declared, current: findings.length };
  const key = metricKey(target.metric);
  const measured = findings.flatMap((f) => {
    const value = f.metrics?.[target.metric] ?? f.metrics?.[key];
    return value === undefined ? [] : [value];
  });
  if (measured.length === 0 && TRAFFIC_METRICS.has(key)) {
    const keys = new Set(endpoints.map(endpointKey));
    for (const e of inventory) if (e.traffic && keys.has(endpointKey(e))) measured.push((e.traffic as Record<string, number>)[key]);
  }
  return { ...declared, current: worstOf(measured, target.comparator) };
}

function formatNumber(value: number, unit?: string): string {
  const text = Number.isInteger(value) ? String(value) : Math.abs(value) >= 10 ? value.toFixed(1) : String(Number(value.toPrecision(3)));
  return unit ? `${text} ${unit}` : text;
}

/**
 * `db.queriesPerRequest` -> `Queries per request`; a unit suffix goes (the unit is printed with the figures), and a
 * key left with one word keeps its namespace: `latency.p95Ms` -> `Latency p95`.
 */
function labelOf(metric: string, ruleId: string): string {
  if (metric === 'findings.count') return `Findings of ${ruleId}`;
  const key = metricKey(metric).replace(/(?<=[a-z0-9])(Ms|Usd|Pct|Bytes)$/, '');
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const namespace = metric.includes('.') ? metric.slice(0, metric.lastIndexOf('.')).replace(/\./g, ' ') : '';
  const label = words.includes(' ') || !namespace ? words : `${namespace} ${words}`;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Where the target is measured, for the sentence: the one endpoint, or how many. */
function placeOf(endpoints: EndpointRef[]): string {
  if (endpoints.length === 1) return ` of ${endpointKey(endpoints[0])}`;
  if (endpoints.length > 1) return ` across ${endpoints.length} endpoints`;
  return '';
}

/** The plan's "measure" sentence, rendered from the target alone: `Queries per request of GET /a: from 12.5 to at most 2.` */
export function describeTarget(target: PlanTarget, ruleId: string, endpoints: EndpointRef[]): string {
  const goal = `${COMPARATOR_WORDS[target.comparator]} ${formatNumber(target.value, target.unit)}`.trim();
  const head = `${labelOf(target.metric, ruleId)}${target.metric === 'findings.count' ? '' : placeOf(endpoints)}`;
  if (target.current === null) return `${head}: ${goal} (not measured in this audit; measure it before the change).`;
  return `${head}: from ${formatNumber(target.current, target.unit)} to ${goal}.`;
}
