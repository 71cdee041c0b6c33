import { defineRule, perOperation } from '../spec-rule';

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
    model.operations
      .filter((op) => op.requestBody && op.requestBody.content.length > 0)
      .filter((op) =>
        op.requestBody!.content.every((c) => {
          const s = c.schema?.value;
          return !s || (s.type === undefined && s.properties === undefined && !s.allOf && !s.oneOf && !s.anyOf && !s.items);
        }),
      )
      .map((op) => perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} accepts a body without a typed schema.`, op.requestBody!.at)),
);
