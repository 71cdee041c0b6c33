import { createFinding, type AuditResult, type Endpoint, type RuleMeta } from '@apiaudit/domain';
import { buildPlan, compareAudits, describeTarget, explainScores, measureTarget, scoreAudit } from './index';

const meta = (id: string, severity: RuleMeta['severity'], category: RuleMeta['category'] = 'contract'): RuleMeta => ({
  id,
  title: `title of ${id}`,
  category,
  source: 'spec',
  severity,
  rationale: `why ${id} matters`,
  fix: `how to fix ${id}`,
});
const endpoints = (n: number) => Array.from({ length: n }, (_, i) => ({ method: 'GET', path: `/r${i}` }));
const inventory: Endpoint[] = endpoints(10).map((e) => ({ ...e, seenIn: ['spec'] }));

const wide = createFinding(meta('operation-missing-4xx', 'medium', 'errors'), { message: 'm', evidence: [{ kind: 'spec', file: 'a.yaml', pointer: '/paths' }], affected: endpoints(8) });
const narrow = createFinding(meta('api-key-in-query', 'high', 'security'), { message: 'k', endpoint: { method: 'post', path: '/pay' }, evidence: [{ kind: 'spec', file: 'a.yaml', pointer: '/paths/~1pay' }] });
const slow = createFinding({ ...meta('trace-slow-query', 'high', 'performance'), source: 'trace' }, {
  message: 's',
  endpoint: { method: 'GET', path: '/r1' },
  service: 'api',
  evidence: [{ kind: 'trace', traceId: 't', spanId: 's' }],
  metrics: { meanMs: 812, monthlySavingUsd: 310 },
});
const style = createFinding(meta('path-trailing-slash', 'low', 'naming'), { message: 'n', evidence: [{ kind: 'spec', file: 'a.yaml', pointer: '/paths/~1x~1' }] });

describe('scoreAudit', () => {
  it('is 100 without findings and drops with severity and reach', () => {
    expect(scoreAudit([], inventory).overall).toBe(100);
    const one = scoreAudit([style], inventory).overall;
    const more = scoreAudit([style, narrow], inventory).overall;
    expect(one).toBeLessThan(100);
    expect(more).toBeLessThan(one);
    expect(scoreAudit([wide], inventory).overall).toBeLessThan(scoreAudit([{ ...wide, affected: endpoints(1) }], inventory).overall);
  });

  it('counts severities and scores each category on its own findings', () => {
    const scores = scoreAudit([wide, narrow, style], inventory);
    expect(scores.counts).toEqual({ info: 0, low: 1, medium: 1, high: 1, critical: 0 });
    expect(Object.keys(scores.byCategory).sort()).toEqual(['errors', 'naming', 'security']);
    expect(scores.byCategory.naming).toBeGreaterThan(scores.byCategory.security);
  });
});

describe('buildPlan', () => {
  const metas = new Map([wide, narrow, slow, style].map((f) => [f.ruleId, meta(f.ruleId, f.severity, f.category)]));
  metas.set('trace-slow-query', { ...metas.get('trace-slow-query')!, target: { metric: 'db.meanMs', comparator: '<', value: 100, unit: 'ms' } });
  const plan = buildPlan([style, wide, narrow, slow], { subject: 'Shop', now: new Date('2026-11-25T00:00:00Z'), inventory, metas });

  it('ranks high severity first, then by impact per effort, one item per rule', () => {
    expect(plan.items.map((i) => i.ruleId)).toEqual(['trace-slow-query', 'api-key-in-query', 'operation-missing-4xx', 'path-trailing-slash']);
    expect(plan.items.map((i) => i.horizon)).toEqual(['now', 'now', 'now', 'later']);
  });

  it('carries the rule’s declared target with the value this audit measured, and says it in a sentence', () => {
    const item = plan.items[0];
    expect(item.target).toEqual({ metric: 'db.meanMs', comparator: '<', value: 100, unit: 'ms', current: 812 });
    expect(item.measure).toBe('Db mean of GET /r1: from 812 ms to under 100 ms.');
    expect(item.monthlySavingUsd).toBe(310);
    expect(item.why).toContain('$310 a month');
    expect(item.validate).toMatch(/traces/);
    expect(plan.items[2].endpoints).toHaveLength(8);
    expect(plan.items[2].change).toBe('how to fix operation-missing-4xx');
  });

  it('summarises counts for the cover', () => {
    expect(plan.summary).toBe('4 findings across 10 endpoints, 2 of them high or critical, grouped into 4 actions; 3 should start now.');
    expect(plan.generatedAt).toBe('2026-11-25T00:00:00.000Z');
  });
});

describe('compareAudits', () => {
  it('matches by fingerprint', () => {
    const result = (findings: typeof wide[]): AuditResult => ({ schemaVersion: 1, findings, scores: scoreAudit(findings, inventory), inventory });
    const comparison = compareAudits({ current: result([narrow, style]), baseline: result([wide, narrow]) });
    expect(comparison.resolved.map((f) => f.ruleId)).toEqual(['operation-missing-4xx']);
    expect(comparison.open.map((f) => f.ruleId)).toEqual(['api-key-in-query']);
    expect(comparison.new.map((f) => f.ruleId)).toEqual(['path-trailing-slash']);
    expect(comparison.regressed).toEqual([]);
    expect(comparison.scores.after).toBeGreaterThan(comparison.scores.before);
  });
});

describe('buildPlan with traffic and a baseline', () => {
  const metas = new Map([wide, narrow, style].map((f) => [f.ruleId, meta(f.ruleId, f.severity, f.category)]));
  const now = new Date('2026-11-25T00:00:00Z');

  it('ranks the same rule higher when its endpoints carry traffic', () => {
    const a = createFinding(meta('get-missing-etag', 'low', 'performance'), { message: 'a', endpoint: { method: 'GET', path: '/r1' }, evidence: [{ kind: 'spec', file: 'a.yaml', pointer: '/paths/~1r1' }] });
    const b = createFinding(meta('get-missing-cache-control', 'low', 'performance'), { message: 'b', endpoint: { method: 'GET', path: '/r2' }, evidence: [{ kind: 'spec', file: 'a.yaml', pointer: '/paths/~1r2' }] });
    const ids = (inv: Endpoint[]) => buildPlan([a, b], { subject: 'Shop', now, inventory: inv, metas: new Map() }).items.map((i) => i.ruleId);
    expect(ids(inventory)).toEqual(['get-missing-cache-control', 'get-missing-etag']);
    const onlyA = inventory.map((e) => (e.path === '/r1' ? { ...e, traffic: { requests: 50_000, errorRate: 0, p50Ms: 20, p95Ms: 90, p99Ms: 200 } } : e));
    expect(ids(onlyA)).toEqual(['get-missing-etag', 'get-missing-cache-control']);
  });

  it('says in the summary what the baseline had that is fixed, open or new', () => {
    const baseline: AuditResult = { schemaVersion: 1, findings: [wide, narrow], scores: scoreAudit([wide, narrow], inventory), inventory };
    const plan = buildPlan([narrow, style], { subject: 'Shop', now, inventory, metas, baseline });
    expect(plan.summary).toMatch(/Since the baseline: 1 fixed, 1 still open, 1 new\.$/);
  });
});

describe('plan targets', () => {
  const plan = buildPlan([style, wide, narrow], { subject: 'Shop', now: new Date('2026-11-25T00:00:00Z'), inventory, metas: new Map() });

  it('holds a rule without a declared target to no findings left, counted from the audit', () => {
    const item = plan.items.find((i) => i.ruleId === 'operation-missing-4xx')!;
    expect(item.target).toEqual({ metric: 'findings.count', comparator: '==', value: 0, current: 1 });
    expect(item.measure).toBe('Findings of operation-missing-4xx: from 1 to 0.');
    expect(item.fingerprints).toEqual([wide.fingerprint]);
  });

  it('reads traffic metrics from the inventory and takes the worst value in the comparator’s direction', () => {
    const traffic = (p95Ms: number) => ({ requests: 10, errorRate: 0, p50Ms: 10, p95Ms, p99Ms: p95Ms * 2 });
    const busy: Endpoint[] = [{ method: 'GET', path: '/a', seenIn: ['trace'], traffic: traffic(420) }, { method: 'GET', path: '/b', seenIn: ['trace'], traffic: traffic(910) }];
    const target = measureTarget({ metric: 'latency.p95Ms', comparator: '<=', value: 300, unit: 'ms' }, [], busy, busy);
    expect(target.current).toBe(910);
    expect(describeTarget(target, 'x', busy)).toBe('Latency p95 across 2 endpoints: from 910 ms to at most 300 ms.');
    expect(measureTarget({ metric: 'cache.hitRatio', comparator: '>=', value: 0.8 }, [], busy, busy).current).toBeNull();
    expect(describeTarget({ metric: 'cache.hitRatio', comparator: '>=', value: 0.8, current: null }, 'x', [])).toBe(
      'Hit ratio: at least 0.8 (not measured in this audit; measure it before the change).',
    );
  });
});

describe('explainScores', () => {
  it('lists per category the points each finding took, and the points add up to the score', () => {
    const explanation = explainScores([wide, narrow, style], inventory);
    expect(explanation.formula).toContain('log2');
    const errors = explanation.categories.find((c) => c.category === 'errors')!;
    // medium (3) × (1 + log2(8 endpoints)) = 12 points against 5 × 10 endpoints of tolerance.
    expect(errors.findings).toEqual([{ findingId: wide.id, ruleId: 'operation-missing-4xx', severity: 'medium', reach: 8, points: 12 }]);
    expect(errors.score).toBe(Math.round(100 / (1 + 12 / 50)));
    const scores = scoreAudit([wide, narrow, style], inventory);
    for (const c of explanation.categories) expect(c.score).toBe(scores.byCategory[c.category]);
    expect(explanation.overall.score).toBe(scores.overall);
    expect(explanation.overall.penalty).toBe(12 + 8 + 1);
  });
});
