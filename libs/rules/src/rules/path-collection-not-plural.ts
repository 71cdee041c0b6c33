import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'path-collection-not-plural',
    title: 'Collection segment is singular',
    category: 'naming',
    severity: 'info',
    rationale:
      'Most APIs name collections in the plural (`/orders/{id}`). Singular collection names mixed with plural ones make ' +
      'URLs unguessable and invite duplicate resources (`/order` and `/orders`).',
    fix: 'Use plural nouns for the segment before an item id.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations
        .filter((op) => {
          const segments = op.path.split('/');
          return segments.some((s, i) => /^\{[^}]+\}$/.test(segments[i + 1] ?? '') && /^[a-z][a-z-]*[a-rt-z]$/.test(s) && !/(data|info|media|status|news|series|metadata|me)$/.test(s));
        })
        .map((op) => ({ op, at: op.pathItemAt })),
      (n) => `${plural(n, 'operation')} address items under a singular collection name.`,
    ),
);
