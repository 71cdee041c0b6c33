import { planItem, smallPlan, smallResult } from './__fixtures__/small-plan';
import { parsePlanReportInput, PlanInputError, renderPlanFiles, type PlanReportInput } from './index';

const plan = smallPlan([planItem(1, { title: 'Action' })]);
const result = smallResult;
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
