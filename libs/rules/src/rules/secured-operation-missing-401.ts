import { defineRule, grouped, plural, type Hit } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'secured-operation-missing-401',
    title: 'Secured operation documents no 401/403',
    category: 'security',
    severity: 'low',
    rationale:
      'An operation that requires credentials will answer 401 when they are missing or expired and 403 when they are not ' +
      'enough. Leaving these out of the contract hides the authorization model from clients (OWASP API5:2023 reviews start here).',
    fix: 'Document 401 (and 403 where permissions apply) on every secured operation, with the shared error schema.',
    owasp: 'API5:2023',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      if (op.security.length === 0 || op.security.some((r) => Object.keys(r).length === 0)) continue;
      if (op.responses.some((r) => r.status === '401' || r.status === '403' || r.status === '4XX' || r.status === 'default')) continue;
      hits.push({ op, at: () => ({ file: op.at.file, pointer: `${op.at.pointer}/responses` }) });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'secured operation')} ${n === 1 ? 'documents' : 'document'} neither 401 nor 403.`);
  },
);
