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
      'them, monitoring counts them as successes and clients must parse every body to learn whether the call worked. ' +
      'A job or operation resource, whose `status` or `state` can still be in progress, may say why its work failed in `error`.',
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

/** Values of a `status` or `state` that say the work is not done yet. */
const IN_PROGRESS = new Set(['queued', 'pending', 'running', 'in_progress', 'processing', 'scheduled', 'started']);

/**
 * Whether the body is a job or long-running operation: a `status` or `state` that can still be in progress. Its
 * `error` then says why the work failed, which the request that read it did not (Google's AIP-151 operations and
 * Azure's operation status resources look like this).
 */
function describesWork(props: Record<string, unknown>): boolean {
  return ['status', 'state'].some((name) => {
    const schema = props[name];
    const values = schema && typeof schema === 'object' && !Array.isArray(schema) ? (schema as { enum?: unknown }).enum : undefined;
    return Array.isArray(values) && values.some((v) => typeof v === 'string' && IN_PROGRESS.has(v.toLowerCase().replace(/[\s-]/g, '_')));
  });
}

function carriesError(props: Record<string, unknown>): boolean {
  if (hasOwn.call(props, 'ok') || hasOwn.call(props, 'success')) return true;
  return (hasOwn.call(props, 'error') || hasOwn.call(props, 'errors')) && !describesWork(props);
}

function firstErrorCarrying(op: OperationView): { status: string; at: NodeRef } | undefined {
  for (const r of op.responses) {
    if (!isSuccessStatus(r.status)) continue;
    for (const c of r.content) {
      if (!c.schema) continue;
      const props = c.schema.value.properties;
      if (!props || typeof props !== 'object' || Array.isArray(props)) continue;
      if (carriesError(props as Record<string, unknown>)) return { status: r.status, at: c.schema.at };
    }
  }
  return undefined;
}
