import type { Rule, RuleMeta } from '@apiaudit/domain';
import { detectDrift, type DriftInputs } from './detect-drift';
import { meta as shadow } from './drift-shadow-endpoint';
import { meta as undocumented } from './drift-undocumented-endpoint';
import { meta as unused } from './drift-unused-endpoint';
import { meta as zombie } from './drift-zombie-endpoint';

export { findUndocumentedEndpoints } from './drift-undocumented-endpoint';
export { findUnusedEndpoints } from './drift-unused-endpoint';
export { detectDrift, type DriftInputs, type DriftResult } from './detect-drift';
export { alignToSpec } from './align-prefix';
export { templateKey, type ObservedEndpoint } from './observed-endpoint';
export { driftRuleFixtures } from './drift-fixtures';

/** A drift check in the one rule shape: what detectDrift reports of its kind, from spec, code and traffic endpoints. */
const driftRule = (meta: RuleMeta): Rule<DriftInputs> => ({ meta, check: (inputs) => detectDrift(inputs).findings.filter((f) => f.ruleId === meta.id) });

export const driftRules: ReadonlyArray<Rule<DriftInputs>> = [undocumented, zombie, shadow, unused].map(driftRule);

export const driftRuleMetas: RuleMeta[] = driftRules.map((r) => r.meta);
