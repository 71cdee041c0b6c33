import { defineRule, grouped, plural, type Hit } from '../spec-rule';

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
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      if (!(op.method === 'get' || op.method === 'put' || op.method === 'patch' || op.method === 'delete') || !/\{[^}]+\}\/?$/.test(op.path)) continue;
      if (op.responses.some((r) => r.status === '404' || r.status === '4XX' || r.status === 'default')) continue;
      hits.push({ op, at: () => ({ file: op.at.file, pointer: `${op.at.pointer}/responses` }) });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'item operation')} ${n === 1 ? 'documents' : 'document'} no 404 response.`);
  },
);
