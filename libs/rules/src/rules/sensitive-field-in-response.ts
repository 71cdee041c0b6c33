import { createFinding, type EndpointRef } from '@apiaudit/domain';
import type { JsonObject, NodeRef, Resolved } from '@apiaudit/openapi';
import { createSubschemaCollector } from '../schema-walk';
import { defineRule, endpointOf, specEvidence } from '../spec-rule';

const SENSITIVE = /^(password|passwd|pass_?word|secret|client_?secret|ssn|social_?security_?number|card_?number|cardnumber|pan|cvv|cvc|pin|private_?key)$/i;

export const rule = defineRule(
  {
    id: 'sensitive-field-in-response',
    title: 'Response schema exposes a sensitive field',
    category: 'security',
    severity: 'high',
    rationale:
      'Passwords, card numbers, national ids and secrets have no business in a response body: once serialised they reach ' +
      'logs, caches and browsers. Exposing object properties wholesale is OWASP API3:2023 (broken object property level authorization).',
    fix: 'Remove the field from response schemas (mark it `writeOnly` if clients send it) and filter it in the serializer.',
    owasp: 'API3:2023',
  },
  (model) => {
    // A shared schema is one root cause: report each sensitive property once, with every endpoint that returns it.
    const hits = new Map<string, { at: NodeRef; property: string; affected: EndpointRef[]; seen: Set<string> }>();
    // Response schemas mostly reference shared components: what lies under each is collected once.
    const sensitiveUnder = createSubschemaCollector(model.doc, (schema, property, where) =>
      property && SENSITIVE.test(property) && schema.writeOnly !== true ? { at: where(), property } : undefined,
    );
    for (const op of model.operations) {
      // An operation often returns one schema under several media types (Kubernetes: JSON, YAML, protobuf): the
      // same root again finds the same fields for the same endpoint, so each root is looked under once per operation.
      const roots: Resolved<JsonObject>[] = [];
      for (const response of op.responses) {
        if (!/^2/.test(response.status)) continue;
        for (const media of response.content) {
          const root = media.schema;
          if (!root) continue;
          if (roots.some((r) => r.value === root.value && r.at.file === root.at.file && r.at.pointer === root.at.pointer)) continue;
          roots.push(root);
          for (const { at, property } of sensitiveUnder(root.value, root.at)) {
            const key = `${at.file}#${at.pointer}`;
            let hit = hits.get(key);
            if (!hit) hits.set(key, (hit = { at, property, affected: [], seen: new Set() }));
            const endpoint = `${op.method} ${op.path}`;
            if (!hit.seen.has(endpoint)) {
              hit.seen.add(endpoint);
              hit.affected.push(endpointOf(op));
            }
          }
        }
      }
    }
    return [...hits.values()].map((hit) =>
      createFinding(rule.meta, {
        message: `Property '${hit.property}' is returned by ${hit.affected.length === 1 ? `${hit.affected[0].method} ${hit.affected[0].path}` : `${hit.affected.length} operations`}.`,
        endpoint: hit.affected.length === 1 ? hit.affected[0] : null,
        evidence: [specEvidence(model, hit.at)],
        affected: hit.affected,
        // The property is the defect, however many operations return it.
        subject: model.doc.logicalPointer(hit.at),
      }),
    );
  },
);
