import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'request-body-open-schema',
    title: 'Request body accepts unknown properties',
    category: 'contract',
    severity: 'low',
    rationale:
      'A request object without `additionalProperties: false` accepts any extra field. Typos pass silently, and mass ' +
      'assignment becomes possible when the server binds the body to a model (OWASP API3:2023).',
    fix: 'Set `additionalProperties: false` on request body objects (or `unevaluatedProperties: false` in 3.1) and reject unknown fields.',
    owasp: 'API3:2023',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.flatMap((op) =>
        (op.requestBody?.content ?? [])
          .filter((c) => c.mediaType.includes('json') && c.schema)
          .filter((c) => c.schema!.value.properties && c.schema!.value.additionalProperties === undefined && c.schema!.value.unevaluatedProperties === undefined)
          .slice(0, 1)
          .map((c) => ({ op, at: c.schema!.at })),
      ),
      (n) => `${plural(n, 'request body', 'request bodies')} ${n === 1 ? 'accepts' : 'accept'} properties they do not declare.`,
    ),
);
