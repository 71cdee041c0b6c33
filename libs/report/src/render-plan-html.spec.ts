import { createFinding, type AuditResult, type Plan } from '@apiaudit/domain';
import { renderPlanHtml } from './index';

const finding = createFinding(
  { id: 'example-invalid', title: 'Example does not match', category: 'contract', source: 'spec', severity: 'medium', rationale: 'r', fix: 'f' },
  { message: 'Example <script>alert(1)</script> fails', evidence: [{ kind: 'spec', file: 'api.yaml', line: 12, column: 3, pointer: '/components/schemas/A/example' }] },
);
const result: AuditResult = {
  schemaVersion: 1,
  findings: [finding],
  scores: { overall: 77, byCategory: { contract: 77 }, counts: { info: 0, low: 0, medium: 1, high: 0, critical: 0 } },
  inventory: [{ method: 'GET', path: '/a/{id}', seenIn: ['spec'] }],
};
const plan: Plan = {
  title: 'API audit plan: <Evil & Co>',
  subject: '<Evil & Co>',
  generatedAt: '2026-11-25T00:00:00.000Z',
  summary: '1 finding',
  items: [
    { rank: 1, horizon: 'next', title: 'Example does not match', ruleId: 'example-invalid', category: 'contract', severity: 'medium', findingIds: [finding.id], fingerprints: [finding.fingerprint], endpoints: [], why: 'w', change: 'c', measure: 'm', target: { metric: 'findings.count', comparator: '==', value: 0, current: 1 }, validate: 'v', impact: 3, effort: 'S' },
  ],
};

describe('renderPlanHtml', () => {
  const html = renderPlanHtml({ plan, result, sources: [{ kind: 'spec', label: 'api.yaml' }] });

  it('escapes everything that came from the audited input', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('Example &lt;script&gt;alert(1)&lt;/script&gt; fails');
    expect(html).toContain('<h1>&lt;Evil &amp; Co&gt;</h1>');
  });

  it('shows the score, the plan item with its evidence, and the inventory', () => {
    expect(html).toContain('aria-label="score 77 of 100"');
    expect(html).toContain('Next — this quarter');
    expect(html).toContain('<code>api.yaml:12:3</code>');
    expect(html).toContain('/components/schemas/A/example');
    expect(html).toContain('<h2>Endpoint inventory</h2>');
  });

  it('leaves out sections without data and forbids external loads', () => {
    expect(html).not.toContain('Cost drivers');
    expect(html).not.toContain('Proposed SLOs');
    expect(html).not.toContain('Since the baseline');
    expect(html).toContain("default-src 'none'");
  });
});

describe('renderPlanHtml optional sections', () => {
  const breaking = createFinding(
    { id: 'response-property-removed', title: 'Response property removed', category: 'evolution', source: 'diff', severity: 'high', rationale: 'r', fix: 'f' },
    { message: 'GET /a/{id} no longer returns <total>', endpoint: { method: 'GET', path: '/a/{id}' }, evidence: [{ kind: 'spec', file: 'v2.yaml', line: 40, pointer: '/paths/~1a~1{id}/get' }] },
  );
  const html = renderPlanHtml({
    plan,
    result: { ...result, findings: [finding, breaking] },
    evolution: [breaking],
    traces: {
      spanCount: 48_210,
      traceCount: 3_100,
      requestCount: 12_400,
      window: { start: '2026-11-20T08:00:00.000Z', end: '2026-11-21T08:00:00.000Z', durationMs: 86_400_000 },
      totalMonthlyCostUsd: 676.25,
      costDrivers: [{ method: 'GET', path: '/a/{id}', service: 'shop<api>', monthlyCostUsd: 412.5, shareOfTotal: 0.61, breakdown: { db: 300, compute: 112.5 }, fixes: [{ ruleId: 'trace-n-plus-one-query', monthlySavingUsd: 250 }] }],
      slos: [{ method: 'GET', path: '/a/{id}', service: 'shop', requestsPerDay: 12000, availability: { objective: 0.995, observed: 0.998, errorBudgetBurn: 0.4 }, latency: { thresholdMs: 300, objective: 0.95, observed: 0.91, errorBudgetBurn: 1.8 } }],
    },
    comparison: {
      resolved: [],
      new: [],
      regressed: [{ id: breaking.id, ruleId: breaking.ruleId, fingerprint: breaking.fingerprint, endpoint: breaking.endpoint, severity: 'high', title: breaking.title, message: breaking.message }],
      open: [],
      scores: { before: 70, after: 64, delta: -6, byCategory: { evolution: { before: 100, after: 88, delta: -12 } } },
      validation: [
        {
          item: { rank: 1, ruleId: 'trace-slow-endpoint', title: 'Slow endpoint', endpoints: [{ method: 'GET', path: '/v1/products' }] },
          metric: 'latency.p95Ms',
          before: 889,
          after: 190,
          target: { metric: 'latency.p95Ms', comparator: '<', value: 250, unit: 'ms' },
          met: true,
          note: '889 ms → 190 ms, target < 250 ms: met',
        },
      ],
    },
  });

  it('renders contract evolution, cost drivers, SLOs and the baseline comparison when given', () => {
    expect(html).toContain('<h2>Contract evolution</h2>');
    expect(html).toContain('no longer returns &lt;total&gt;');
    expect(html).toContain('<h2>Cost drivers</h2>');
    expect(html).toContain('Estimated $676 a month, extrapolated from 12,400 requests (48,210 spans, 2026-11-20 08:00 – 2026-11-21 08:00)');
    expect(html).toContain('<td class="num">$413</td><td class="num">61.0%</td>');
    expect(html).toContain('shop&lt;api&gt;');
    expect(html).toContain('<h2>Proposed SLOs</h2>');
    expect(html).toContain('99.5%');
    expect(html).toContain('Score 70 → <b>64</b> (-6)');
    const since = html.slice(html.indexOf('Since the baseline'));
    expect(since.indexOf('Regressed: fixed before')).toBeGreaterThan(0);
    expect(since).toContain('<td class="num">889 ms</td><td class="num">190 ms</td><td class="num">&lt; 250 ms</td><td><b>met</b></td>');
    expect(since).toContain('<td>evolution</td><td class="num">100</td><td class="num">88</td><td class="num"><b>-12</b></td>');
  });

  it('says which sources the audit lacks, and nothing when it lacks none', () => {
    expect(html).not.toContain('unread-sources');
    const lacking = renderPlanHtml({
      plan,
      result,
      sources: [{ kind: 'spec', label: 'api.yaml' }],
      unread: [
        { kind: 'traces', status: 'missing', reason: 'the project has no trace export' },
        { kind: 'repo', label: 'github:acme/<gone>', status: 'failed', reason: 'GitHub answered 404' },
      ],
    });
    expect(lacking).toContain('Not in this audit: traces missing (the project has no trace export); repo github:acme/&lt;gone&gt; failed (GitHub answered 404).');
  });

  it('lists the appendix worst first', () => {
    const appendix = html.slice(html.indexOf('Appendix: findings by rule'));
    expect(appendix.indexOf('response-property-removed')).toBeLessThan(appendix.indexOf('example-invalid'));
  });
});

describe('renderPlanHtml scoring appendix', () => {
  const breakdown = (category: string) => ({
    category,
    score: 81,
    penalty: 15,
    endpoints: 10,
    findings: [
      { findingId: finding.id, ruleId: 'example-invalid', severity: 'medium' as const, reach: 8, points: 12 },
      { findingId: 'other', ruleId: 'example-invalid', severity: 'medium' as const, reach: 1, points: 3 },
    ],
  });
  const html = renderPlanHtml({
    plan: { ...plan, scoring: { formula: 'score = round(100 / (1 + P / (5 × E)))', weights: { info: 0, low: 1, medium: 3, high: 8, critical: 15 }, overall: breakdown('overall'), categories: [breakdown('contract')] } },
    result,
  });

  it('shows per category how many points each rule took over its findings, with the formula filled in', () => {
    expect(html).toContain('Appendix: how the scores are computed');
    expect(html).toContain('contract: 81 <span class="muted">= round(100 / (1 + 15.00 / (5 × 10)))</span>');
    expect(html).toMatch(/example-invalid<\/td><td class="num">2<\/td><td class="num">9<\/td><td class="num">15\.00<\/td>/);
  });
});
