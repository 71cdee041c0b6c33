import { createFinding, type EndpointRef, type Evidence, type Finding, type RuleMeta } from '@apiaudit/domain';
import type { ApiModel, NodeRef, OperationView, ResponseView } from '@apiaudit/openapi';

/** A spec design rule: metadata as data, and a check that only reports. */
export interface SpecRule {
  meta: RuleMeta;
  check(model: ApiModel): Finding[];
}

export function defineRule(meta: Omit<RuleMeta, 'source'>, check: SpecRule['check']): SpecRule {
  return { meta: { ...meta, source: 'spec' }, check };
}

export function endpointOf(op: OperationView): EndpointRef {
  return { method: op.method.toUpperCase(), path: op.path };
}

export function specEvidence(model: ApiModel, at: NodeRef, note?: string): Evidence {
  const { file, line, column, pointer } = model.doc.locate(at);
  return { kind: 'spec', file, line, column, pointer, ...(note ? { note } : {}) };
}

// Evidence lists stay readable: a root cause touching 300 operations shows the first few places.
const MAX_EVIDENCE = 5;

/** One finding per operation. */
export function perOperation(meta: RuleMeta, model: ApiModel, op: OperationView, message: string, at: NodeRef = op.at, note?: string): Finding {
  return createFinding(meta, { message, endpoint: endpointOf(op), evidence: [specEvidence(model, at, note)] });
}

/**
 * One finding for a cause shared by many operations (a convention not followed, a shared schema): it lists
 * every affected endpoint, so the plan counts reach without the report repeating itself.
 */
export function grouped(
  meta: RuleMeta,
  model: ApiModel,
  hits: Array<{ op?: OperationView; at: NodeRef; note?: string }>,
  message: (count: number) => string,
  key?: string,
): Finding[] {
  if (hits.length === 0) return [];
  const ops = hits.flatMap((h) => (h.op ? [h.op] : []));
  const single = ops.length === 1 && hits.length === 1 ? ops[0] : undefined;
  return [
    createFinding(meta, {
      message: message(hits.length),
      endpoint: single ? endpointOf(single) : null,
      evidence: hits.slice(0, MAX_EVIDENCE).map((h) => specEvidence(model, h.at, h.note ?? (h.op ? `${h.op.method.toUpperCase()} ${h.op.path}` : undefined))),
      affected: ops.map(endpointOf),
      ...(key ? { key } : {}),
    }),
  ];
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Responses of every operation for which `matches` holds, as hits for grouped(), each located at its response. */
export function responseHits(
  model: ApiModel,
  matches: (response: ResponseView, op: OperationView) => boolean,
  note: (response: ResponseView, op: OperationView) => string = (r, op) => `${op.method.toUpperCase()} ${op.path} ${r.status}`,
): Array<{ op: OperationView; at: NodeRef; note: string }> {
  return model.operations.flatMap((op) => op.responses.filter((r) => matches(r, op)).map((r) => ({ op, at: r.at, note: note(r, op) })));
}
