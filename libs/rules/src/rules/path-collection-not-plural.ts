import type { NodeRef, OperationView } from '@apiaudit/openapi';
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
  (model) => {
    // Many operations share a path: each path is judged once.
    const verdicts = new Map<string, boolean>();
    const hits: Array<{ op: OperationView; at: NodeRef }> = [];
    for (const op of model.operations) {
      let singular = verdicts.get(op.path);
      if (singular === undefined) verdicts.set(op.path, (singular = addressesSingularCollection(op.path)));
      if (singular) hits.push({ op, at: op.pathItemAt });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'operation')} address items under a singular collection name.`);
  },
);

function addressesSingularCollection(path: string): boolean {
  if (!path.includes('{')) return false; // no item segment, so no collection before one
  const segments = path.split('/');
  return segments.some((s, i) => /^\{[^}]+\}$/.test(segments[i + 1] ?? '') && /^[a-z][a-z-]*[a-rt-z]$/.test(s) && !/(data|info|media|status|news|series|metadata|me)$/.test(s));
}
