import type { Finding } from '@apiaudit/domain';
import { defineRule, endsInCollection, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'put-on-collection',
    title: 'PUT on a collection path',
    category: 'idempotency',
    severity: 'low',
    rationale:
      'PUT replaces the resource at the URL. On a collection that means replacing the whole collection, which is rarely ' +
      'intended; usually it is a create that lost its id, and retries (PUT is idempotent by contract) create duplicates.',
    fix: 'Use PUT on item paths (`/orders/{id}`) and POST on collections.',
  },
  (model) => {
    const findings: Finding[] = [];
    for (const op of model.operations) {
      if (op.method === 'put' && endsInCollection(op.path)) findings.push(perOperation(rule.meta, model, op, `PUT ${op.path} replaces a whole collection.`));
    }
    return findings;
  },
);
