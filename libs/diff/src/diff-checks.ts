import { NO_FINDINGS_TARGET, type RuleMeta } from '@apiaudit/domain';
import type { CheckDefinition } from './change';
import { DOCUMENT_CHECKS } from './checks/document-checks';
import { OPERATION_CHECKS } from './checks/operation-checks';
import { PARAMETER_CHECKS } from './checks/parameter-checks';
import { REQUEST_BODY_CHECKS } from './checks/request-body-checks';
import { RESPONSE_CHECKS } from './checks/response-checks';
import { REQUEST_SCHEMA_CHECKS, RESPONSE_SCHEMA_CHECKS } from './checks/schema-checks';
import { SECURITY_CHECKS } from './checks/security-checks';

// Ids are public and never renamed; each family of checks keeps its definitions beside its comparison logic.
export const DIFF_CHECKS = {
  ...OPERATION_CHECKS,
  ...PARAMETER_CHECKS,
  ...REQUEST_BODY_CHECKS,
  ...REQUEST_SCHEMA_CHECKS,
  ...RESPONSE_CHECKS,
  ...RESPONSE_SCHEMA_CHECKS,
  ...SECURITY_CHECKS,
  ...DOCUMENT_CHECKS,
} satisfies Record<string, CheckDefinition>;

export type DiffCheckId = keyof typeof DIFF_CHECKS;

export function phrase(checkId: DiffCheckId, values: Record<string, string | number>): string {
  return DIFF_CHECKS[checkId].message.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

const SEVERITY_OF_LEVEL = { breaking: 'high', 'potentially-breaking': 'medium', 'non-breaking': 'info', info: 'info' } as const;

/**
 * One id per check: the id a change carries in `apiaudit diff` output and stored spec diffs is the rule id of
 * its finding. Until 0.2 findings carried it with a `diff-` prefix; config files and suppressions naming that
 * prefixed id keep working (audits map it and warn), see docs/rules/README.md.
 */
export const diffCheckMetas: RuleMeta[] = Object.entries(DIFF_CHECKS).map(([id, check]) => ({
  id,
  deprecatedIds: [`diff-${id}`],
  title: check.title,
  category: 'evolution',
  source: 'diff',
  severity: SEVERITY_OF_LEVEL[check.level],
  rationale:
    check.level === 'breaking'
      ? 'Clients written against the previous version fail against this one without changing a line of their code. Breaking changes need a new version or a deprecation period, and a note to every consumer.'
      : check.level === 'potentially-breaking'
        ? 'Some clients break depending on how they were written (strict deserialisers, exhaustive switches, generated SDKs). Announce the change and check the known consumers.'
        : 'A compatible change: existing clients keep working. It belongs in the changelog so consumers can adopt it.',
  fix: check.level === 'breaking' ? 'Keep the old behaviour alongside the new one, or ship it under a new version and deprecate the old one with a sunset date.' : 'List it in the changelog.',
  target: NO_FINDINGS_TARGET,
}));
