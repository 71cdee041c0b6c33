import { defineRule, grouped, plural, type Hit } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'header-parameter-x-prefix',
    title: 'Custom header uses the X- prefix',
    category: 'naming',
    severity: 'info',
    rationale:
      'RFC 6648 deprecates the `X-` prefix: headers that start experimental become standard and then carry a misleading ' +
      'name forever (`X-Forwarded-For`).',
    fix: 'Name new headers without `X-` (e.g. `Idempotency-Key`, `Request-Id`); keep existing ones for compatibility.',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      for (const p of op.parameters) if (p.in === 'header' && /^x-/i.test(p.name)) hits.push({ op, at: p.at, note: p.name });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'header parameter')} ${n === 1 ? 'uses' : 'use'} the X- prefix.`);
  },
);
