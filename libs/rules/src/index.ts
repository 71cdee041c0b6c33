export { specRules, specRuleMetas } from './registry';
export { lintSpec, compareFindings, reachOf } from './lint-spec';
export { parseAuditConfig, applyConfig, DEFAULT_CONFIG, ConfigInputError, type AuditConfig, type RuleSetting, type Suppression } from './audit-config';
export type { SpecRule } from './spec-rule';
export { renderRuleDoc, renderRuleIndex, type RuleDocExample } from './rule-docs';
export { specFolderLabel, prefixSpecEvidence } from './spec-evidence-path';
export { ruleFixtures, type RuleFixture } from './rule-fixtures';
