import type { JsonObject } from '@apiaudit/openapi';
import { defineRule, perRequestBodySchema, plural } from '../spec-rule';

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
  (model) =>
    // An untyped shared component is one root cause, however many operations accept it.
    perRequestBodySchema(
      rule.meta,
      model,
      model.operations.filter((op) => (op.requestBody?.content.length ?? 0) > 0 && op.requestBody!.content.every((c) => untyped(c.schema?.value))),
      {
        single: (op) => `${op.method.toUpperCase()} ${op.path} accepts a body without a typed schema.`,
        shared: (count, component) => `${plural(count, 'operation')} accept a body whose shared schema ${component} has no type.`,
      },
    ),
);

function untyped(s: JsonObject | undefined): boolean {
  return !s || (s.type === undefined && s.properties === undefined && !s.allOf && !s.oneOf && !s.anyOf && !s.items);
}
