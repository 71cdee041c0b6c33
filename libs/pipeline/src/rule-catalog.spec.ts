import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAuditConfig } from '@apiaudit/rules';
import { catalogRules, deprecatedRuleIds, resolveDeprecatedRuleIds } from './rule-catalog';

const catalog = catalogRules();
const docs = resolve(__dirname, '../../../docs/rules');

describe('the rule catalog', () => {
  it('holds every source of rules', () => {
    expect(new Set(catalog.map((r) => r.meta.source))).toEqual(new Set(['spec', 'trace', 'code', 'diff']));
    expect(catalog.filter((r) => r.meta.category === 'drift').length).toBeGreaterThan(0);
  });

  it('has ids unique across all sources, deprecated ids included', () => {
    const ids = catalog.flatMap((r) => [r.meta.id, ...(r.meta.deprecatedIds ?? [])]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('gives every rule a kebab-case id, a rationale, a fix, a docs page and a validation target', () => {
    const missing = catalog
      .filter(({ meta }) => !/^[a-z0-9]+(-[a-z0-9]+)+$/.test(meta.id) || meta.rationale.length < 40 || meta.fix.length < 10 || !meta.target || !existsSync(join(docs, `${meta.id}.md`)))
      .map(({ meta }) => meta.id);
    expect(missing).toEqual([]);
  });

  it('names a comparator and a finite value in every target', () => {
    for (const { meta } of catalog) {
      expect(['<', '<=', '==', '>=', '>']).toContain(meta.target!.comparator);
      expect(Number.isFinite(meta.target!.value)).toBe(true);
    }
  });

  it('gives every rule a positive and a negative fixture', () => {
    expect(catalog.filter((r) => !r.runFixtures).map((r) => r.meta.id)).toEqual([]);
  });
});

describe.each(catalog.map((r) => [r.meta.id, r] as const))('rule %s', (id, rule) => {
  it('reports its positive fixture, stays quiet on its negative one, and measures what its target names', async () => {
    const { positive, negative } = await rule.runFixtures!();
    expect(positive.length).toBeGreaterThan(0);
    expect(positive.every((f) => f.ruleId === id)).toBe(true);
    expect(negative).toEqual([]);
    const metric = rule.meta.target!.metric;
    // A metric other than the count of findings is read from each finding's measured figures.
    if (metric !== 'findings.count') for (const f of positive) expect(f.metrics?.[metric]).toEqual(expect.any(Number));
  });
});

describe('deprecated rule ids', () => {
  it('maps every former diff- id onto the diff check that replaced it', () => {
    const renamed = deprecatedRuleIds();
    expect(renamed.get('diff-operation-removed')).toBe('operation-removed');
    expect([...renamed.keys()].every((old) => old.startsWith('diff-'))).toBe(true);
  });

  it('rewrites config settings and suppressions that name a former id, with a warning each', () => {
    const config = parseAuditConfig(
      ['rules:', '  diff-operation-removed: off', '  operation-missing-summary: low', 'suppressions:', '  - rule: diff-request-property-removed', '    reason: the partner never sends it'].join('\n'),
      'apiaudit.yaml',
    );
    const { config: resolved, warnings } = resolveDeprecatedRuleIds(config, 'apiaudit.yaml');
    expect(resolved.rules).toEqual({ 'operation-removed': { enabled: false }, 'operation-missing-summary': { enabled: true, severity: 'low' } });
    expect(resolved.suppressions[0].rule).toBe('request-property-removed');
    expect(warnings).toEqual([
      "apiaudit.yaml: rule id 'diff-operation-removed' is deprecated; use 'operation-removed'",
      "apiaudit.yaml: rule id 'diff-request-property-removed' is deprecated; use 'request-property-removed'",
    ]);
  });

  it('lets a setting under the current id win over one under the former id', () => {
    const config = parseAuditConfig('rules:\n  diff-operation-removed: off\n  operation-removed: critical\n', 'apiaudit.yaml');
    expect(resolveDeprecatedRuleIds(config, 'apiaudit.yaml').config.rules).toEqual({ 'operation-removed': { enabled: true, severity: 'critical' } });
  });
});
