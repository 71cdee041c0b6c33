import { createFinding, type Endpoint, type Finding, type Plan, type PlanItem, type RuleMeta } from '@apiaudit/domain';
import { buildPlan } from './build-plan';
import { compareAudits, validateTarget, type ComparableAudit } from './compare-audits';
import { scoreAudit } from './score-audit';

const meta = (id: string, extra: Partial<RuleMeta> = {}): RuleMeta => ({
  id,
  title: `title of ${id}`,
  category: 'contract',
  source: 'spec',
  severity: 'medium',
  rationale: 'r',
  fix: 'f',
  ...extra,
});
const onEndpoint = (ruleId: string, path: string, extra: Partial<RuleMeta> = {}, metrics?: Record<string, number>): Finding =>
  createFinding(meta(ruleId, extra), {
    message: `${ruleId} on ${path}`,
    endpoint: { method: 'GET', path },
    evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: `/paths/${path.replace(/\//g, '~1')}/get` }],
    ...(metrics ? { metrics } : {}),
  });

const slowMeta: Partial<RuleMeta> = { source: 'trace', category: 'performance', severity: 'high', target: { metric: 'latency.p95Ms', comparator: '<', value: 250, unit: 'ms' } };
const n1Meta: Partial<RuleMeta> = { source: 'trace', category: 'performance', severity: 'high', target: { metric: 'db.queriesPerRequest', comparator: '<=', value: 2 } };

function endpoint(path: string, p95Ms?: number): Endpoint {
  return { method: 'GET', path, seenIn: p95Ms === undefined ? ['spec'] : ['spec', 'trace'], ...(p95Ms === undefined ? {} : { traffic: { requests: 100, errorRate: 0, p50Ms: p95Ms / 2, p95Ms, p99Ms: p95Ms * 1.2 } }) };
}

function audit(findings: Finding[], inventory: Endpoint[]): ComparableAudit {
  return { findings, scores: scoreAudit(findings, inventory), inventory };
}

function planOf(findings: Finding[], inventory: Endpoint[], metas: RuleMeta[]): Plan {
  return buildPlan(findings, { subject: 's', now: new Date('2026-12-01T00:00:00Z'), inventory, metas: new Map(metas.map((m) => [m.id, m])) });
}

describe('compareAudits', () => {
  const a = onEndpoint('operation-missing-4xx', '/a');
  const b = onEndpoint('operation-missing-4xx', '/b');
  const c = onEndpoint('path-verb-in-segment', '/c');
  const d = onEndpoint('response-missing-schema', '/d');
  const inventory = ['/a', '/b', '/c', '/d'].map((p) => endpoint(p));

  it('sorts findings into resolved, open, new and regressed by fingerprint, with the earlier audits as memory', () => {
    // Audit 1 had a, b, c; audit 2 (the baseline) fixed c; audit 3 fixes a, brings c back and adds d.
    const comparison = compareAudits({ baseline: audit([a, b], inventory), current: audit([b, c, d], inventory), earlier: [a, b, c].map((f) => f.fingerprint) });
    expect(comparison.resolved.map((f) => f.fingerprint)).toEqual([a.fingerprint]);
    expect(comparison.open.map((f) => f.fingerprint)).toEqual([b.fingerprint]);
    expect(comparison.regressed.map((f) => [f.ruleId, f.endpoint?.path])).toEqual([['path-verb-in-segment', '/c']]);
    expect(comparison.new.map((f) => [f.ruleId, f.endpoint?.path])).toEqual([['response-missing-schema', '/d']]);
    expect(Object.keys(comparison.new[0]).sort()).toEqual(['endpoint', 'fingerprint', 'id', 'message', 'ruleId', 'severity', 'title']);
    // Each names the finding in the audit it is listed from, for a link to its page there.
    expect([comparison.resolved[0]!.id, comparison.new[0]!.id]).toEqual([a.id, d.id]);
  });

  it('reports score deltas overall and per category, a category without findings counting 100', () => {
    const comparison = compareAudits({ baseline: audit([a, b], inventory), current: audit([], inventory) });
    expect(comparison.scores.before).toBeLessThan(100);
    expect(comparison.scores).toMatchObject({ after: 100, delta: 100 - comparison.scores.before });
    expect(comparison.scores.byCategory.contract).toEqual({ before: comparison.scores.byCategory.contract.before, after: 100, delta: 100 - comparison.scores.byCategory.contract.before });
    expect(comparison.scores.byCategory.contract.before).toBeLessThan(100);
  });

  it('checks every baseline plan target against the new audit: counts, figures of findings, traffic', () => {
    const slow = onEndpoint('trace-slow-endpoint', '/products', slowMeta);
    const n1 = onEndpoint('trace-n-plus-one-query', '/orders', n1Meta, { queriesPerRequest: 11.5 });
    const before = [endpoint('/a'), endpoint('/b'), endpoint('/products', 889), endpoint('/orders', 120)];
    const metas = [meta('operation-missing-4xx'), meta('trace-slow-endpoint', slowMeta), meta('trace-n-plus-one-query', n1Meta)];
    const plan = planOf([a, b, slow, n1], before, metas);
    const after = [endpoint('/a'), endpoint('/b'), endpoint('/products', 190), endpoint('/orders', 60)];
    // The fix of /b's 4xx is half done; /products got fast; the N+1 detector no longer fires on /orders' traffic.
    const comparison = compareAudits({ baseline: { ...audit([a, b, slow, n1], before), plan }, current: audit([a, slow], after) });
    const byRule = Object.fromEntries(comparison.validation.map((v) => [v.item.ruleId, v]));
    expect(byRule['operation-missing-4xx']).toMatchObject({ metric: 'findings.count', before: 2, after: 1, met: false });
    expect(byRule['trace-slow-endpoint']).toMatchObject({ metric: 'latency.p95Ms', before: 889, after: 190, met: true, note: '889 ms → 190 ms, target < 250 ms: met' });
    expect(byRule['trace-n-plus-one-query']).toMatchObject({ metric: 'db.queriesPerRequest', before: 11.5, after: null, met: true });
    expect(comparison.validation).toHaveLength(plan.items.length);
  });

  it('leaves a target unjudged when the new audit has no data for it', () => {
    const n1 = onEndpoint('trace-n-plus-one-query', '/orders', n1Meta, { queriesPerRequest: 11.5 });
    const inventory = [endpoint('/orders', 120)];
    const plan = planOf([n1], inventory, [meta('trace-n-plus-one-query', n1Meta)]);
    // The re-audit had the spec only: no traces, so nothing says whether the queries went down.
    const v = validateTarget(plan.items[0], audit([], [endpoint('/orders')]));
    expect(v).toMatchObject({ before: 11.5, after: null, met: null });
    expect(v.note).toMatch(/not measured/);
  });

  it('holds a plan item stored before targets existed to its findings count', () => {
    const plan = planOf([a, b], inventory, [meta('operation-missing-4xx')]);
    const { target: _dropped, ...legacy } = plan.items[0];
    const v = validateTarget(legacy as PlanItem, audit([], inventory));
    expect(v).toMatchObject({ metric: 'findings.count', before: 2, after: 0, met: true });
  });
});
