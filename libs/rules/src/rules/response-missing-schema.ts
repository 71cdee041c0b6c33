import { defineRule, grouped, hasSchema, plural, responseHits } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'response-missing-schema',
    title: 'Success response has no schema',
    category: 'contract',
    severity: 'medium',
    rationale:
      'A 200 without a body schema leaves clients to reverse-engineer the payload; generated SDKs return untyped blobs, and ' +
      'any change to the body is invisible to breaking-change checks.',
    fix: 'Describe the response body with a schema; use 204 when there is no body.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      responseHits(model, (r, op) => (r.status === '200' || r.status === '201' || r.status === '206') && op.method !== 'head' && !hasSchema(r.content)),
      (n) => `${plural(n, 'success response')} ${n === 1 ? 'has' : 'have'} no body schema.`,
    ),
);
