import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'secured-operation-missing-401',
    title: 'Secured operation documents no 401/403',
    category: 'security',
    severity: 'low',
    rationale:
      'An operation that requires credentials will answer 401 when they are missing or expired and 403 when they are not ' +
      'enough. Leaving these out of the contract hides the authorization model from clients (OWASP API5:2023 reviews start here).',
    fix: 'Document 401 (and 403 where permissions apply) on every secured operation, with the shared error schema.',
    owasp: 'API5:2023',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations
        .filter((op) => op.security.length > 0 && !op.security.some((r) => Object.keys(r).length === 0))
        .filter((op) => !op.responses.some((r) => ['401', '403', '4XX', 'default'].includes(r.status)))
        .map((op) => ({ op, at: { file: op.at.file, pointer: `${op.at.pointer}/responses` } })),
      (n) => `${plural(n, 'secured operation')} ${n === 1 ? 'documents' : 'document'} neither 401 nor 403.`,
    ),
);
