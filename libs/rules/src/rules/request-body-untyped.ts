import type { Finding } from '@apiaudit/domain';
import type { JsonObject, NodeRef, OperationView } from '@apiaudit/openapi';
import { defineRule, grouped, perOperation, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'request-body-untyped',
    title: 'Request body has no schema',
    category: 'contract',
    severity: 'medium',
    rationale:
      'A request body without a schema (or with an empty one) means anything is accepted: clients learn the expected shape by ' +
      'trial and error, and the server cannot validate input at the edge.',
    fix: 'Describe the body with a typed schema (type, properties, required) for each media type.',
  },
  (model) => {
    const findings: Finding[] = [];
    // An untyped shared component is one root cause, however many operations accept it.
    const byComponent = new Map<string, Array<{ op: OperationView; at: NodeRef }>>();
    for (const op of model.operations) {
      const content = op.requestBody?.content ?? [];
      if (content.length === 0 || !content.every((c) => untyped(c.schema?.value))) continue;
      const shared = content.find((c) => c.schema && c.schema.via.length > 0)?.schema;
      if (!shared) {
        findings.push(perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} accepts a body without a typed schema.`, op.requestBody!.at));
        continue;
      }
      const key = `${shared.at.file}#${shared.at.pointer}`;
      const hits = byComponent.get(key);
      if (hits) hits.push({ op, at: shared.at });
      else byComponent.set(key, [{ op, at: shared.at }]);
    }
    for (const [key, hits] of byComponent) {
      findings.push(
        ...grouped(rule.meta, model, [{ at: hits[0].at, note: 'shared schema' }, ...hits.map(({ op }) => ({ op, at: op.requestBody!.at }))], () =>
          `${plural(hits.length, 'operation')} accept a body whose shared schema ${hits[0].at.pointer.split('/').pop()} has no type.`, key),
      );
    }
    return findings;
  },
);

function untyped(s: JsonObject | undefined): boolean {
  return !s || (s.type === undefined && s.properties === undefined && !s.allOf && !s.oneOf && !s.anyOf && !s.items);
}
