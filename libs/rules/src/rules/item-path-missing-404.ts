import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'item-path-missing-404',
    title: 'Item operation documents no 404',
    category: 'errors',
    severity: 'medium',
    rationale:
      'An operation addressing one resource by id can always meet an id that does not exist. Without a documented 404, ' +
      'clients cannot tell "not found" from other failures and generated SDKs throw untyped errors.',
    fix: 'Document a 404 response (with the shared error schema) on every operation whose path ends in a path parameter.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations
        .filter((op) => ['get', 'put', 'patch', 'delete'].includes(op.method) && /\{[^}]+\}\/?$/.test(op.path))
        .filter((op) => !op.responses.some((r) => r.status === '404' || r.status === '4XX' || r.status === 'default'))
        .map((op) => ({ op, at: { file: op.at.file, pointer: `${op.at.pointer}/responses` } })),
      (n) => `${plural(n, 'item operation')} ${n === 1 ? 'documents' : 'document'} no 404 response.`,
    ),
);
