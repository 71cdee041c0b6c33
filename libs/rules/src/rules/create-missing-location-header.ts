import { defineRule, grouped, plural, responseHits } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'create-missing-location-header',
    title: '201 Created without Location',
    category: 'idempotency',
    severity: 'low',
    rationale:
      'A 201 says a resource was created; `Location` says where. Without it clients must dig the id out of the body and build ' +
      'URLs themselves, coupling them to the path layout.',
    fix: 'Declare a `Location` header on every 201 response, pointing at the new resource.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      responseHits(model, (r) => r.status === '201' && !r.headers.some((h) => h.name.toLowerCase() === 'location')),
      (n) => `${plural(n, '201 response')} ${n === 1 ? 'does not declare' : 'do not declare'} a Location header.`,
    ),
);
