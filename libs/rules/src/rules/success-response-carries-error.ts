import type { Finding } from '@apiaudit/domain';
import type { NodeRef, OperationView } from '@apiaudit/openapi';
import { defineRule, isSuccessStatus, perOperation } from '../spec-rule';

const hasOwn = Object.prototype.hasOwnProperty;

export const rule = defineRule(
  {
    id: 'success-response-carries-error',
    title: '2xx response has an error shape',
    category: 'errors',
    severity: 'medium',
    rationale:
      'A success status whose body carries `error`, `errors` or `success: false` means failures travel as 200 OK: caches store ' +
      'them, monitoring counts them as successes and clients must parse every body to learn whether the call worked.',
    fix: 'Signal failure with a 4xx/5xx status and an error body; keep 2xx bodies for results.',
  },
  (model) => {
    const findings: Finding[] = [];
    // One finding per operation: its first success body (in response, then media type order) with error fields.
    for (const op of model.operations) {
      const first = firstErrorCarrying(op);
      if (first) findings.push(perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} ${first.status} has error fields in its success body.`, first.at));
    }
    return findings;
  },
);

function firstErrorCarrying(op: OperationView): { status: string; at: NodeRef } | undefined {
  for (const r of op.responses) {
    if (!isSuccessStatus(r.status)) continue;
    for (const c of r.content) {
      if (!c.schema) continue;
      const props = c.schema.value.properties;
      if (!props || typeof props !== 'object' || Array.isArray(props)) continue;
      if (hasOwn.call(props, 'error') || hasOwn.call(props, 'errors') || hasOwn.call(props, 'ok') || hasOwn.call(props, 'success')) return { status: r.status, at: c.schema.at };
    }
  }
  return undefined;
}
