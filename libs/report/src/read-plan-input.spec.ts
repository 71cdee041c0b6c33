import type { AuditResult, Plan } from '@apiaudit/domain';
import { parsePlanReportInput, PlanInputError, renderPlanFiles, type PlanReportInput } from './index';

const plan: Plan = {
  title: 'API audit plan: S',
  subject: 'S',
  generatedAt: '2026-12-01T00:00:00.000Z',
  summary: 's',
  items: [
    {
      rank: 1, horizon: 'now', title: 'Action', ruleId: 'rule-a', category: 'contract', severity: 'high', findingIds: [], fingerprints: [],
      endpoints: [{ method: 'GET', path: '/a' }], why: 'w', change: 'c', measure: 'm',
      target: { metric: 'findings.count', comparator: '==', value: 0, current: 2 }, validate: 'v', impact: 1, effort: 'S',
    },
  ],
};
const result: AuditResult = { schemaVersion: 1, findings: [], inventory: [], scores: { overall: 70, byCategory: {}, counts: { info: 0, low: 1, medium: 0, high: 2, critical: 0 } } };
const input: PlanReportInput = { plan, result, party: { client: 'C' }, unread: [{ kind: 'traces', label: 't.json', status: 'failed', reason: 'gone' }] };

function withPatch(patch: (copy: Record<string, any>) => void): string {
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, any>;
  patch(copy);
  return JSON.stringify(copy);
}

describe('parsePlanReportInput', () => {
  it('reads back what the worker stores, and the plan files render from it', () => {
    const parsed = parsePlanReportInput(JSON.stringify(input));
    expect(parsed).toEqual(input);
    expect(renderPlanFiles(parsed)['plan.md']).toContain('Action');
  });

  it.each([
    ['text that is not JSON', '{"plan": ', /not JSON/],
    ['a JSON array', '[]', /not a JSON object/],
    ['no result', withPatch((c) => delete c['result']), /result is not an object/],
    ['another findings schema version', withPatch((c) => (c['result'].schemaVersion = 2)), /result\.schemaVersion is 2, this version reads 1/],
    ['scores without an overall score', withPatch((c) => delete c['result'].scores.overall), /result\.scores\.overall is missing, not a number/],
    ['no plan', withPatch((c) => (c['plan'] = null)), /plan is not an object/],
    ['plan items that are not a list', withPatch((c) => (c['plan'].items = {})), /plan\.items is an object, not an array/],
    ['a plan item without endpoints', withPatch((c) => delete c['plan'].items[0].endpoints), /plan\.items\[0\]\.endpoints is missing, not an array/],
    ['unread sources that are not a list', withPatch((c) => (c['unread'] = 'none')), /unread is a string, not an array/],
  ])('rejects %s with an error naming the field', (_name, text, message) => {
    expect(() => parsePlanReportInput(text)).toThrow(PlanInputError);
    expect(() => parsePlanReportInput(text)).toThrow(message);
  });
});
