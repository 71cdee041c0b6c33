import { defineRule, grouped, plural } from '../spec-rule';

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
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.filter((op) => op.path.length > 1 && op.path.endsWith('/')).map((op) => ({ op, at: op.pathItemAt })),
      (n) => `${plural(n, 'operation')} ${n === 1 ? 'has' : 'have'} a path ending in '/'.`,
    ),
);
