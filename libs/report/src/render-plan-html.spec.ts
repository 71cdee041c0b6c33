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
    { rank: 1, horizon: 'next', title: 'Example does not match', ruleId: 'example-invalid', category: 'contract', severity: 'medium', findingIds: [finding.id], endpoints: [], why: 'w', change: 'c', measure: 'm', validate: 'v', impact: 3, effort: 'S' },
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
