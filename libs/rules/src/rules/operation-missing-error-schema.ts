import { defineRule, grouped, hasSchema, isErrorStatus, plural, responseHits } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'operation-missing-error-schema',
    title: 'Error response has no body schema',
    category: 'errors',
    severity: 'medium',
    rationale:
      'An error response without a schema tells clients a failure happened but not what went wrong or how to react. ' +
      'Consumers end up parsing free text, and every team invents its own error shape.',
    fix: 'Give every 4xx/5xx response a body with one shared error schema, ideally RFC 9457 `application/problem+json`.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      responseHits(model, (r) => isErrorStatus(r.status) && r.status !== '401' && !hasSchema(r.content)),
      (n) => `${plural(n, 'error response')} ${n === 1 ? 'carries' : 'carry'} no body schema.`,
    ),
);
