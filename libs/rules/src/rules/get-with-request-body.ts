import { defineRule, perOperation } from '../spec-rule';

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
    model.operations
      .filter((op) => (op.method === 'get' || op.method === 'delete' || op.method === 'head') && op.requestBody)
      .map((op) => perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} declares a request body.`, op.requestBody!.at)),
);
