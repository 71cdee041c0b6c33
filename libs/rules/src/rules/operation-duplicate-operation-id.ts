import { createFinding } from '@apiaudit/domain';
import type { OperationView } from '@apiaudit/openapi';
import { defineRule, endpointOf, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'operation-duplicate-operation-id',
    title: 'Two operations share one operationId',
    category: 'contract',
    severity: 'high',
    rationale:
      'operationId must be unique across the API. Duplicates make code generators emit clashing methods or silently drop one ' +
      'operation, and tools that route or document by operationId point at the wrong endpoint.',
    fix: 'Rename one of the operations so every operationId is unique.',
  },
  (model) => {
    const byId = new Map<string, OperationView[]>();
    for (const op of model.operations) if (op.operationId) byId.set(op.operationId, [...(byId.get(op.operationId) ?? []), op]);
    return [...byId.entries()]
      .filter(([, ops]) => ops.length > 1)
      .map(([id, ops]) =>
        createFinding(rule.meta, {
          message: `operationId '${id}' is used by ${ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).join(' and ')}.`,
          endpoint: endpointOf(ops[1]),
          evidence: ops.map((o) => specEvidence(model, { file: o.at.file, pointer: `${o.at.pointer}/operationId` })),
          affected: ops.map(endpointOf),
          subject: 'api',
          key: id,
        }),
      );
  },
);
