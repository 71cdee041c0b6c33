import { defineRule, grouped, plural, type Hit } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'path-trailing-slash',
    title: 'Path ends with a slash',
    category: 'naming',
    severity: 'low',
    rationale:
      '`/orders` and `/orders/` are different URLs. Servers and gateways disagree on whether they match, so a trailing slash ' +
      'produces 404s or redirects that drop the request body.',
    fix: 'Remove the trailing slash from the path.',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) if (op.path.length > 1 && op.path.endsWith('/')) hits.push({ op, at: op.pathItemAt });
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'operation')} ${n === 1 ? 'has' : 'have'} a path ending in '/'.`);
  },
);
