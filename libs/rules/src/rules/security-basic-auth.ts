import { createFinding } from '@apiaudit/domain';
import { defineRule, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'security-basic-auth',
    title: 'HTTP Basic authentication',
    category: 'security',
    severity: 'medium',
    rationale:
      'Basic auth sends the long-lived password with every request; it cannot be scoped, expired or revoked per client, ' +
      'and one leaked request log exposes the account (OWASP API2:2023).',
    fix: 'Use OAuth 2 (client credentials or authorization code) or scoped API tokens; keep Basic only behind a migration deadline.',
    owasp: 'API2:2023',
  },
  (model) =>
    model.securitySchemes
      .filter((s) => s.type === 'http' && s.scheme === 'basic')
      .map((s) => createFinding(rule.meta, { message: `Security scheme '${s.name}' is HTTP Basic.`, evidence: [specEvidence(model, s.at)], key: s.name })),
);
