import { defineRule, grouped, plural, responseHits } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'rate-limit-missing-retry-after',
    title: '429 response without Retry-After',
    category: 'errors',
    severity: 'low',
    rationale:
      'A 429 tells a client to slow down; `Retry-After` tells it for how long. Without it, clients retry at once or guess, ' +
      'turning a rate limit into a retry storm.',
    fix: 'Declare a `Retry-After` header (seconds or HTTP date) on every 429 response.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      responseHits(model, (r) => r.status === '429' && !r.headers.some((h) => h.name.toLowerCase() === 'retry-after')),
      (n) => `${plural(n, '429 response')} ${n === 1 ? 'does not declare' : 'do not declare'} Retry-After.`,
    ),
);
