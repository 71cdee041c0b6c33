import { defineRule, grouped, isErrorStatus, plural, responseHits } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'error-response-not-problem-json',
    title: 'Errors are not RFC 9457 problem details',
    category: 'errors',
    severity: 'low',
    rationale:
      'RFC 9457 (`application/problem+json`) is the standard error body for HTTP APIs: a stable `type` per error, a `title`, ' +
      'the `status` and a `detail`. Using it lets clients, gateways and monitoring handle every error the same way.',
    fix: 'Return errors as `application/problem+json` with type, title, status, detail and instance.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      responseHits(
        model,
        (r) => isErrorStatus(r.status) && r.content.length > 0 && !r.content.some((c) => c.mediaType.includes('problem+')),
        (r) => `${r.status}: ${r.content.map((c) => c.mediaType).join(', ')}`,
      ),
      (n) => `${plural(n, 'error response')} ${n === 1 ? 'uses' : 'use'} a media type other than application/problem+json.`,
    ),
);
