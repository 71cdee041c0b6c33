import { FINDINGS_SCHEMA_VERSION } from '@apiaudit/domain';
import type { PlanReportInput } from './report-input';

/** plan-input.json that is not a report input of this version: what is wrong with it, said once at the boundary. */
export class PlanInputError extends Error {
  constructor(detail: string) {
    super(`plan-input.json cannot be read: ${detail}`);
    this.name = 'PlanInputError';
  }
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(parent: JsonObject, key: string, path: string): JsonObject {
  const value = parent[key];
  if (!isJsonObject(value)) throw new PlanInputError(`${path}${key} is not an object`);
  return value;
}

function withArticle(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

function expectKind(parent: JsonObject, key: string, kind: 'string' | 'number' | 'array' | 'object', path: string, optional = false): void {
  const value = parent[key];
  if (value === undefined && optional) return;
  const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (actual !== kind) throw new PlanInputError(`${path}${key} is ${value === undefined ? 'missing' : withArticle(actual)}, not ${withArticle(kind)}`);
}

/**
 * The report input stored beside an audit's plan files (plan-input.json), checked before anything renders it: the
 * findings schema version, and the fields every section reads without a guard. Anything else in it is taken as written
 * by the same version of `renderPlanFiles`; a file that fails here would otherwise crash deep in a section renderer.
 */
export function parsePlanReportInput(text: string): PlanReportInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PlanInputError(`not JSON (${(error as Error).message})`);
  }
  if (!isJsonObject(parsed)) throw new PlanInputError('the file is not a JSON object');
  const result = objectAt(parsed, 'result', '');
  if (result['schemaVersion'] !== FINDINGS_SCHEMA_VERSION) {
    throw new PlanInputError(`result.schemaVersion is ${JSON.stringify(result['schemaVersion'])}, this version reads ${FINDINGS_SCHEMA_VERSION}`);
  }
  expectKind(result, 'findings', 'array', 'result.');
  expectKind(result, 'inventory', 'array', 'result.');
  const scores = objectAt(result, 'scores', 'result.');
  expectKind(scores, 'overall', 'number', 'result.scores.');
  const plan = objectAt(parsed, 'plan', '');
  for (const key of ['title', 'subject', 'generatedAt', 'summary']) expectKind(plan, key, 'string', 'plan.');
  expectKind(plan, 'items', 'array', 'plan.');
  (plan['items'] as unknown[]).forEach((item, i) => {
    if (!isJsonObject(item)) throw new PlanInputError(`plan.items[${i}] is not an object`);
    expectKind(item, 'rank', 'number', `plan.items[${i}].`);
    expectKind(item, 'title', 'string', `plan.items[${i}].`);
    expectKind(item, 'horizon', 'string', `plan.items[${i}].`);
    expectKind(item, 'endpoints', 'array', `plan.items[${i}].`);
  });
  for (const key of ['sources', 'unread', 'evolution', 'history']) expectKind(parsed, key, 'array', '', true);
  for (const key of ['traces', 'comparison', 'party', 'version']) expectKind(parsed, key, 'object', '', true);
  return parsed as unknown as PlanReportInput;
}
