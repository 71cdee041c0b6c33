import { createFinding, type Finding, type Plan, type RuleMeta } from '@apiaudit/domain';
import { buildPlan } from './build-plan';
import { applyPlanEdits, carryPlanEdits, mergePlanEdits } from './plan-edits';

const meta = (id: string, severity: RuleMeta['severity']): RuleMeta => ({ id, title: `title of ${id}`, category: 'contract', source: 'spec', severity, rationale: 'r', fix: 'f' });
const finding = (ruleId: string, path: string, severity: RuleMeta['severity'] = 'medium'): Finding =>
  createFinding(meta(ruleId, severity), { message: `${ruleId} on ${path}`, endpoint: { method: 'GET', path }, evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: `/paths/${path.replace(/\//g, '~1')}/get` }] });

function planOf(findings: Finding[]): Plan {
  const metas = new Map(findings.map((f) => [f.ruleId, meta(f.ruleId, f.severity)]));
  return buildPlan(findings, { subject: 's', now: new Date('2026-12-01T00:00:00Z'), inventory: [], metas });
}

// Five rules, ranked by severity: a (critical), b (high), c, d, e (medium, then by id).
const findings = [finding('rule-a', '/a', 'critical'), finding('rule-b', '/b', 'high'), finding('rule-c', '/c'), finding('rule-d', '/d'), finding('rule-e', '/e')];
const plan = planOf(findings);
const order = (p: Plan) => p.items.map((i) => `${i.rank}:${i.ruleId}`);

describe('applyPlanEdits', () => {
  it('leaves the plan as generated without edits', () => {
    expect(order(plan)).toEqual(['1:rule-a', '2:rule-b', '3:rule-c', '4:rule-d', '5:rule-e']);
    expect(applyPlanEdits(plan, {})).toBe(plan);
  });

  it('moves a ranked item to its place, the others keeping their order around it, and marks what was edited', () => {
    const edited = applyPlanEdits(plan, mergePlanEdits({}, [{ ruleId: 'rule-e', rank: 2, title: 'Fix the e thing', notes: 'Talk to Sam first' }], 2));
    expect(order(edited)).toEqual(['1:rule-a', '2:rule-e', '3:rule-b', '4:rule-c', '5:rule-d']);
    const e = edited.items[1];
    expect(e).toMatchObject({ title: 'Fix the e thing', notes: 'Talk to Sam first', edited: ['rank', 'title', 'notes'] });
    expect(edited.items[0].edited).toBeUndefined();
  });

  it('gives a contested place to the later edit and pushes the earlier one down', () => {
    let edits = mergePlanEdits({}, [{ ruleId: 'rule-d', rank: 1 }], 2);
    edits = mergePlanEdits(edits, [{ ruleId: 'rule-e', rank: 1 }], 3);
    expect(order(applyPlanEdits(plan, edits))).toEqual(['1:rule-e', '2:rule-d', '3:rule-a', '4:rule-b', '5:rule-c']);
  });

  it('puts hidden items last so the visible ranks have no gaps, and changes horizons', () => {
    const edited = applyPlanEdits(plan, mergePlanEdits({}, [{ ruleId: 'rule-a', hidden: true }, { ruleId: 'rule-c', horizon: 'now' }], 2));
    expect(order(edited)).toEqual(['1:rule-b', '2:rule-c', '3:rule-d', '4:rule-e', '5:rule-a']);
    expect(edited.items[4].hidden).toBe(true);
    expect(edited.items[1].horizon).toBe('now');
  });

  it('goes back to the generated value when a field is set to null', () => {
    const edits = mergePlanEdits(mergePlanEdits({}, [{ ruleId: 'rule-e', rank: 1, title: 'x' }], 2), [{ ruleId: 'rule-e', rank: null, title: null }], 3);
    expect(edits).toEqual({});
    expect(order(applyPlanEdits(plan, edits))).toEqual(order(plan));
  });
});

describe('carryPlanEdits', () => {
  const edits = mergePlanEdits({}, [{ ruleId: 'rule-e', rank: 1, notes: 'keep' }, { ruleId: 'rule-b', hidden: true }, { ruleId: 'rule-c', title: 'renamed' }], 2);

  it('keeps the edits of items whose findings are still reported, and drops those of fixed ones', () => {
    // rule-b is fixed; rule-c and rule-e are still there; rule-f is new.
    const next = planOf([finding('rule-a', '/a', 'critical'), finding('rule-c', '/c'), finding('rule-d', '/d'), finding('rule-e', '/e'), finding('rule-f', '/f', 'high')]);
    const carried = carryPlanEdits({ items: plan.items, edits }, next);
    expect(Object.keys(carried).sort()).toEqual(['rule-c', 'rule-e']);
    const edited = applyPlanEdits(next, carried);
    expect(edited.items[0]).toMatchObject({ ruleId: 'rule-e', notes: 'keep', rank: 1 });
    expect(edited.items.find((i) => i.ruleId === 'rule-c')?.title).toBe('renamed');
  });

  it('follows the findings, not the rule: an item still reporting one of its fingerprints keeps the edit', () => {
    const next = planOf([finding('rule-c', '/c'), finding('rule-c', '/c2')]);
    expect(carryPlanEdits({ items: plan.items, edits }, next)).toEqual({ 'rule-c': { title: 'renamed' } });
    expect(carryPlanEdits({ items: plan.items, edits }, planOf([finding('rule-c', '/other')]))).toEqual({});
  });
});
