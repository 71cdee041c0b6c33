import type { NodeRef, OperationView } from '@apiaudit/openapi';
import { defineRule, grouped, isSuccessStatus, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'response-array-unbounded',
    title: 'Response returns a bare array without maxItems',
    category: 'performance',
    severity: 'low',
    rationale:
      'A response that is a top-level array has no room for paging metadata and no stated bound: payloads grow with the ' +
      'data until clients time out (OWASP API4:2023). Adding a wrapper object later is a breaking change.',
    fix: 'Return an object (`{ items: [...], next: ... }`) with a bounded page, or declare `maxItems` when the list is small by nature.',
    owasp: 'API4:2023',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      unboundedArrayHits(model.operations),
      (n) => `${plural(n, 'operation')} ${n === 1 ? 'returns' : 'return'} an unbounded top-level array.`,
    ),
);

/** Per operation, per success response, its first media type whose schema is an array without maxItems. */
function unboundedArrayHits(operations: OperationView[]): Array<{ op: OperationView; at: NodeRef }> {
  const hits: Array<{ op: OperationView; at: NodeRef }> = [];
  for (const op of operations) {
    for (const r of op.responses) {
      if (!isSuccessStatus(r.status)) continue;
      const c = r.content.find((m) => m.schema?.value.type === 'array' && m.schema.value.maxItems === undefined);
      if (c) hits.push({ op, at: c.schema!.at });
    }
  }
  return hits;
}
