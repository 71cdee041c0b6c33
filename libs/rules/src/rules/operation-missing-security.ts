import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'operation-missing-security',
    title: 'Operation requires no authentication',
    category: 'security',
    severity: 'high',
    rationale:
      'An operation with no security requirement is open to anyone who finds it. Unless it is deliberately public (a health ' +
      'check, a public catalog), it exposes data or actions without authentication (OWASP API2:2023).',
    fix: 'Add a security requirement (globally or per operation); for deliberately public operations, mark them with `x-public: true` to record the decision.',
    owasp: 'API2:2023',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations
        .filter((op) => op.security.length === 0 || op.security.some((req) => Object.keys(req).length === 0))
        .filter((op) => op.extensions['x-public'] !== true)
        .map((op) => ({ op, at: op.securityIsOwn ? { file: op.at.file, pointer: `${op.at.pointer}/security` } : op.at })),
      (n) => `${plural(n, 'operation')} can be called without authentication.`,
    ),
);
