import type { Finding, RuleMeta } from '@apiaudit/domain';
import { CODE_RULES, codeRuleFixtureDirs, listSourceFiles, scanFiles } from '@apiaudit/code-scan';
import { changesToFindings, diffCheckFixtures, diffCheckMetas, diffSpecs } from '@apiaudit/diff';
import { buildApiModel, loadSpecFromFiles, type ApiModel } from '@apiaudit/openapi';
import { ruleFixtures, specRules, type AuditConfig, type RuleDocExample } from '@apiaudit/rules';
import { analyzeTraces, DEFAULT_DETECTOR_SETTINGS, traceDetectorFixtures, traceDetectors } from '@apiaudit/traces';
import { driftRuleFixtures, driftRules } from './drift';

/** What a rule's fixtures gave when run through its check: the rule's findings on each. */
export interface FixtureFindings {
  positive: Finding[];
  negative: Finding[];
}

/**
 * One entry of the catalog, whatever the rule's source: its metadata, its fixtures run through its check, the
 * example its docs page shows and the options it takes in apiaudit.yaml.
 */
export interface CatalogRule {
  meta: RuleMeta;
  /** Undefined when the rule has no fixtures (the catalog test fails on that). */
  runFixtures?: () => Promise<FixtureFindings>;
  example?: RuleDocExample;
  options?: Record<string, unknown>;
}

// Fixtures are small documents written as JSON, so evidence lines point into the pretty-printed text.
async function modelOf(doc: Record<string, unknown>): Promise<ApiModel> {
  return buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(doc, null, 2)]])));
}

const FIXTURE_NOW = new Date('2026-11-25T00:00:00Z');

function specEntries(): CatalogRule[] {
  return specRules.map((rule) => {
    const fixtures = ruleFixtures[rule.meta.id];
    if (!fixtures) return { meta: rule.meta };
    return {
      meta: rule.meta,
      example: { kind: 'incorrect-correct', language: 'yaml', incorrect: fixtures.positive, correct: fixtures.negative },
      runFixtures: async () => ({ positive: rule.check(await modelOf(fixtures.positive)), negative: rule.check(await modelOf(fixtures.negative)) }),
    };
  });
}

function diffEntries(): CatalogRule[] {
  const findingsOf = async (pair: { base: Record<string, unknown>; revision: Record<string, unknown> }, id: string) =>
    changesToFindings(diffSpecs(await modelOf(pair.base), await modelOf(pair.revision), { now: FIXTURE_NOW })).filter((f) => f.ruleId === id);
  return diffCheckMetas.map((meta) => {
    const fixtures = diffCheckFixtures(meta.id);
    if (!fixtures) return { meta };
    return {
      meta,
      example: { kind: 'base-revision', name: fixtures.positive.name, base: fixtures.positive.base, revision: fixtures.positive.revision },
      runFixtures: async () => ({ positive: await findingsOf(fixtures.positive, meta.id), negative: await findingsOf(fixtures.negative, meta.id) }),
    };
  });
}

function traceEntries(): CatalogRule[] {
  const findingsOf = async (spans: Parameters<typeof analyzeTraces>[0], id: string) =>
    (await analyzeTraces(spans, { now: new Date('2026-01-16T00:00:00Z') })).findings.filter((f) => f.ruleId === id);
  return traceDetectors.map((detector) => {
    const { enabled: _enabled, ...options } = DEFAULT_DETECTOR_SETTINGS[detector.meta.id] ?? { enabled: true };
    return {
      meta: detector.meta,
      options,
      runFixtures: async () => {
        const fixtures = traceDetectorFixtures(detector.meta.id);
        if (!fixtures) throw new Error(`${detector.meta.id} has no fixtures`);
        return { positive: await findingsOf(fixtures.positive, detector.meta.id), negative: await findingsOf(fixtures.negative, detector.meta.id) };
      },
    };
  });
}

function codeEntries(): CatalogRule[] {
  const findingsOf = (dir: string, id: string) =>
    scanFiles(listSourceFiles(dir, { maxFiles: 100, maxFileBytes: 1 << 20 }), { isEnabled: (ruleId) => ruleId === id }).findings.filter((f) => f.ruleId === id);
  return CODE_RULES.map((rule) => {
    const fixtures = codeRuleFixtureDirs(rule.meta.id);
    if (!fixtures) return { meta: rule.meta };
    return { meta: rule.meta, runFixtures: async () => ({ positive: findingsOf(fixtures.positive, rule.meta.id), negative: findingsOf(fixtures.negative, rule.meta.id) }) };
  });
}

function driftEntries(): CatalogRule[] {
  return driftRules.map((rule) => {
    const fixtures = driftRuleFixtures[rule.meta.id];
    if (!fixtures) return { meta: rule.meta };
    return { meta: rule.meta, runFixtures: async () => ({ positive: rule.check(fixtures.positive), negative: rule.check(fixtures.negative) }) };
  });
}

/**
 * Every rule the audit can report, whatever its source, in one shape. `apiaudit rules`, the docs, the plan's
 * rationale and targets, and the catalog test read it.
 */
export function catalogRules(): CatalogRule[] {
  return [...specEntries(), ...traceEntries(), ...codeEntries(), ...driftEntries(), ...diffEntries()];
}

/** The metadata of every rule in the catalog. */
export function ruleCatalog(): RuleMeta[] {
  return catalogRules().map((entry) => entry.meta);
}

/** Old id -> current id, for every rule that was renamed. */
export function deprecatedRuleIds(metas: readonly RuleMeta[] = ruleCatalog()): Map<string, string> {
  const map = new Map<string, string>();
  for (const meta of metas) for (const old of meta.deprecatedIds ?? []) map.set(old, meta.id);
  return map;
}

/**
 * The config with deprecated rule ids (in `rules:` and in suppressions) replaced by current ones, and one
 * warning per replaced id. A setting under the current id wins over one under an old id.
 */
export function resolveDeprecatedRuleIds(config: AuditConfig, file: string): { config: AuditConfig; warnings: string[] } {
  const renamed = deprecatedRuleIds();
  const warnings: string[] = [];
  const warn = (old: string, id: string) => {
    const text = `${file}: rule id '${old}' is deprecated; use '${id}'`;
    if (!warnings.includes(text)) warnings.push(text);
  };
  const rules: AuditConfig['rules'] = {};
  for (const [id, setting] of Object.entries(config.rules)) {
    const current = renamed.get(id);
    if (current) warn(id, current);
    if (!current || !(current in config.rules)) rules[current ?? id] = setting;
  }
  const suppressions = config.suppressions.map((s) => {
    const current = s.rule ? renamed.get(s.rule) : undefined;
    if (!current) return s;
    warn(s.rule!, current);
    return { ...s, rule: current };
  });
  return { config: { ...config, rules, suppressions }, warnings };
}
