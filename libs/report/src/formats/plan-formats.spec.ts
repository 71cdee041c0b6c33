import { planItem, smallPlan, smallResult } from '../__fixtures__/small-plan';
import { buildPlanDocument, formatPlanCsv, formatPlanMarkdown, renderPlanFiles, renderPlanHtml, type PlanReportInput } from '../index';

const plan = smallPlan([
  planItem(1, { title: 'Quote "this", then, that', endpoints: [{ method: 'GET', path: '/a' }, { method: 'POST', path: '/b' }], monthlySavingUsd: 40 }),
  planItem(2, { hidden: true, title: 'Hidden one' }),
  planItem(3, { horizon: 'later', severity: 'low', title: 'Inject <b>|x|</b> [link](http://x)', target: { metric: 'latency.p95Ms', comparator: '<=', value: 300, unit: 'ms', current: null }, monthlySavingUsd: 10 }),
]);
const result = smallResult;

const unread: PlanReportInput['unread'] = [
  { kind: 'traces', label: 't.json', status: 'failed', reason: 'the stored trace export is gone' },
  { kind: 'repo', label: 'github:acme/<gone>', status: 'failed', reason: 'GitHub answered 404' },
];

describe('plan.csv', () => {
  const lines = formatPlanCsv(plan).split('\r\n');

  it('quotes fields with commas and quotes, joins endpoints, and leaves hidden items out', () => {
    expect(lines[0]).toBe('rank,horizon,title,rule,severity,effort,endpoints,metric,current,target,notes');
    expect(lines[1]).toBe('1,now,"Quote ""this"", then, that",rule-a,high,S,GET /a; POST /b,findings.count,2,== 0,');
    expect(lines[2]).toBe('3,later,Inject <b>|x|</b> [link](http://x),rule-a,low,S,GET /a,latency.p95Ms,,<= 300 ms,');
    expect(lines).toHaveLength(4);
  });
});

describe('plan.md', () => {
  const markdown = formatPlanMarkdown({ plan, result });

  it('escapes audited text so it cannot open tables, links or HTML, and leaves hidden items out', () => {
    expect(markdown).toContain('### 3. Inject \\<b\\>\\|x\\|\\</b\\> \\[link\\](http://x)');
    expect(markdown).not.toContain('Hidden one');
    expect(markdown).toContain('## Later: when touching the area');
  });

  it('says which sources the audit lacks in the sentence the HTML plan has, and nothing when it lacks none', () => {
    expect(markdown).not.toContain('Not in this audit');
    const lacking = formatPlanMarkdown({ plan, result, unread });
    expect(lacking).toContain('\n\nNot in this audit: traces t.json failed (the stored trace export is gone); repo github:acme/\\<gone\\> failed (GitHub answered 404).\n');
    expect(lacking.indexOf('Not in this audit')).toBeLessThan(lacking.indexOf('| # | horizon |'));
  });
});

describe('the unread sources across plan forms', () => {
  it('has the same sentence in the Markdown and the HTML plan, and keeps the CSV rows of items only', () => {
    const files = renderPlanFiles({ plan, result, unread });
    const sentence = 'Not in this audit: traces t.json failed (the stored trace export is gone); repo github:acme/';
    expect(files['plan.md']).toContain(sentence);
    expect(files['plan.html']).toContain(sentence);
    expect(files['plan.csv']).toBe(formatPlanCsv(plan));
  });
});

describe('plan.json', () => {
  it('counts visible items per horizon and sums the priced savings', () => {
    const traces = { spanCount: 10, traceCount: 2, requestCount: 2, window: null, totalMonthlyCostUsd: 120, costDrivers: [{ method: 'GET', path: '/a', service: 's', monthlyCostUsd: 120, shareOfTotal: 1, breakdown: {}, fixes: [] }], slos: [] };
    const doc = buildPlanDocument({ plan, result, traces });
    expect(doc.horizons).toEqual({ now: 1, next: 0, later: 1 });
    expect(doc.cost).toEqual({ totalMonthlyUsd: 120, savingMonthlyUsd: 50, nowSavingMonthlyUsd: 40 });
    expect(doc.items).toHaveLength(3);
    expect(buildPlanDocument({ plan, result }).cost).toBeUndefined();
  });

  it('keeps hidden items out of the HTML plan', () => {
    expect(renderPlanHtml({ plan, result })).not.toContain('Hidden one');
  });
});
