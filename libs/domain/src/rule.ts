import type { Finding, RuleMeta } from './finding';
import type { ValidationTarget } from './target';

/**
 * The one shape of every rule, whatever it reads: metadata as data, and a check that only reports. Spec rules
 * check an ApiModel, code rules a list of source files, drift checks the documented and observed endpoints,
 * trace detectors the observations of a trace analysis; diff checks are recorded by the comparison of their
 * family and carry the same metadata.
 */
export interface Rule<Input> {
  meta: RuleMeta;
  check(input: Input): Finding[];
}

/**
 * A rule's two fixtures, kept beside the rule: one input it reports on and one it stays quiet on. The catalog
 * test runs both for every rule; the docs show them as the incorrect and correct example.
 */
export interface RuleFixtures<Input> {
  positive: Input;
  negative: Input;
}

/**
 * The target of a rule whose fix makes its findings go away (spec, code, diff and drift rules): no finding of
 * the rule, per endpoint when the plan item names endpoints.
 */
export const NO_FINDINGS_TARGET: ValidationTarget = { metric: 'findings.count', comparator: '==', value: 0 };
