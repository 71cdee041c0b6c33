import type { Finding } from '@apiaudit/domain';
import { defineRule, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'post-create-returns-200',
    title: 'Creating POST answers 200 instead of 201',
    category: 'idempotency',
    severity: 'low',
    rationale:
      'POST on a collection creates a member; 201 Created (with Location) says so, 200 does not. Clients and caches that rely ' +
      'on status semantics treat the call as a plain query.',
    fix: 'Answer 201 with a Location header when a POST creates a resource (202 when creation is asynchronous).',
  },
  (model) => {
    const findings: Finding[] = [];
    for (const op of model.operations) {
      if (op.method !== 'post' || /\{[^}]+\}$/.test(op.path) || /[:/](search|query|batch|login|logout|token)/i.test(op.path)) continue;
      if (!op.responses.some((r) => r.status === '200') || op.responses.some((r) => r.status === '201' || r.status === '202')) continue;
      findings.push(perOperation(rule.meta, model, op, `POST ${op.path} creates a resource but answers 200.`, { file: op.at.file, pointer: `${op.at.pointer}/responses/200` }));
    }
    return findings;
  },
);
