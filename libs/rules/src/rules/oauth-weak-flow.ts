import { createFinding } from '@apiaudit/domain';
import { defineRule, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'oauth-weak-flow',
    title: 'OAuth implicit or password flow',
    category: 'security',
    severity: 'medium',
    rationale:
      'The implicit flow returns tokens in URLs and the password flow hands user credentials to the client; OAuth 2.0 ' +
      'Security Best Current Practice (RFC 9700) says not to use either (OWASP API2:2023).',
    fix: 'Use the authorization code flow with PKCE for users and client credentials for machines.',
    owasp: 'API2:2023',
  },
  (model) =>
    model.securitySchemes.flatMap((s) => {
      if (s.type !== 'oauth2') return [];
      const v2 = typeof s.value.flow === 'string' ? [s.value.flow] : [];
      const v3 = s.value.flows && typeof s.value.flows === 'object' && !Array.isArray(s.value.flows) ? Object.keys(s.value.flows) : [];
      const weak = [...v2, ...v3].filter((f) => f === 'implicit' || f === 'password');
      return weak.length ? [createFinding(rule.meta, { message: `Security scheme '${s.name}' offers the ${weak.join(' and ')} flow.`, evidence: [specEvidence(model, s.at)], key: s.name })] : [];
    }),
);
