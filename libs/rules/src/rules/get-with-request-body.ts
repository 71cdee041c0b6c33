import { defineRule, perRequestBodySchema, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'get-with-request-body',
    title: 'GET or DELETE takes a request body',
    category: 'idempotency',
    severity: 'medium',
    rationale:
      'HTTP gives a GET body no meaning: proxies, caches and client libraries drop it, and a GET that needs one usually has side ' +
      'effects or belongs in a POST search. DELETE bodies are likewise ignored by many intermediaries.',
    fix: 'Move GET inputs into query parameters, or make the operation a POST (for example POST /search).',
  },
  (model) =>
    perRequestBodySchema(
      rule.meta,
      model,
      model.operations.filter((op) => (op.method === 'get' || op.method === 'delete' || op.method === 'head') && op.requestBody),
      {
        single: (op) => `${op.method.toUpperCase()} ${op.path} declares a request body.`,
        shared: (count, component) => `${plural(count, 'GET/DELETE/HEAD operation')} declare a request body (shared schema ${component}).`,
      },
    ),
);
