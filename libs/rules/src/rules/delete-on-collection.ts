import type { Finding } from '@apiaudit/domain';
import { defineRule, endsInCollection, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'delete-on-collection',
    title: 'DELETE on a collection path',
    category: 'security',
    severity: 'medium',
    rationale:
      'A DELETE on a collection removes every member in one call. One buggy client or stolen token empties the data set ' +
      '(OWASP API5:2023: function level authorization deserves a separate review for such operations).',
    fix: 'Delete items by id; if bulk deletion is a real need, make it an explicit, audited bulk operation with a filter and a limit.',
    owasp: 'API5:2023',
  },
  (model) => {
    const findings: Finding[] = [];
    for (const op of model.operations) {
      if (op.method === 'delete' && endsInCollection(op.path)) findings.push(perOperation(rule.meta, model, op, `DELETE ${op.path} deletes a whole collection.`));
    }
    return findings;
  },
);
