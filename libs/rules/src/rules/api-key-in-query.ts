import { createFinding } from '@apiaudit/domain';
import { defineRule, endpointOf, specEvidence } from '../spec-rule';

const SECRET_PARAM = /^(api[-_]?key|apikey|access[-_]?token|token|auth|secret|client[-_]?secret|password)$/i;

export const rule = defineRule(
  {
    id: 'api-key-in-query',
    title: 'Credentials travel in the query string',
    category: 'security',
    severity: 'high',
    rationale:
      'Query strings end up in access logs, proxy logs, browser history and Referer headers. A key or token sent there leaks ' +
      'to everyone who can read those (OWASP API2:2023, broken authentication).',
    fix: 'Send credentials in the Authorization header (or a header API key); reject them in the query string.',
    owasp: 'API2:2023',
  },
  (model) => [
    ...model.securitySchemes
      .filter((s) => s.type === 'apiKey' && s.in === 'query')
      .map((s) => createFinding(rule.meta, { message: `Security scheme '${s.name}' reads its API key from the query string.`, evidence: [specEvidence(model, s.at)], key: s.name })),
    ...model.operations.flatMap((op) =>
      op.parameters
        .filter((p) => p.in === 'query' && SECRET_PARAM.test(p.name))
        .map((p) =>
          createFinding(rule.meta, {
            message: `${op.method.toUpperCase()} ${op.path} takes the credential '${p.name}' as a query parameter.`,
            endpoint: endpointOf(op),
            evidence: [specEvidence(model, p.at)],
          }),
        ),
    ),
  ],
);
