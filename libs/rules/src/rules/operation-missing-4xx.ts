import type { NodeRef, OperationView } from '@apiaudit/openapi';
import { defineRule, grouped, plural, statusClass } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'operation-missing-4xx',
    title: 'Operation documents no client error response',
    category: 'errors',
    severity: 'medium',
    rationale:
      'Clients need to know how a request can fail to handle it: without any 4xx response in the contract, every validation, ' +
      'authorization or not-found case is undocumented, SDKs generate no error types and consumers learn the failure modes in production.',
    fix: 'Document the 4xx responses each operation really returns (at least 400 or 422 for bad input), with a shared error schema.',
  },
  (model) => {
    const hits: Array<{ op: OperationView; at: () => NodeRef }> = [];
    for (const op of model.operations) {
      if (!op.responses.some((r) => statusClass(r.status) === 4 || r.status === 'default')) hits.push({ op, at: () => ({ file: op.at.file, pointer: `${op.at.pointer}/responses` }) });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'operation')} ${n === 1 ? 'documents' : 'document'} no 4xx (or default) response.`);
  },
);
