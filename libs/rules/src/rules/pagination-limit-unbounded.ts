import { defineRule, grouped, plural, type Hit } from '../spec-rule';

const PAGE_SIZE = /^(limit|page_?size|per_?page|max_?results|count|top|first)$/i;

export const rule = defineRule(
  {
    id: 'pagination-limit-unbounded',
    title: 'Page size parameter has no maximum',
    category: 'pagination',
    severity: 'medium',
    rationale:
      'A `limit` without `maximum` lets one request ask for a million rows: pagination exists but does not protect the ' +
      'server (OWASP API4:2023, unrestricted resource consumption).',
    fix: 'Declare `maximum` (and a `default`) on every page-size parameter and enforce it server-side.',
    owasp: 'API4:2023',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      for (const p of op.parameters) {
        if (p.in === 'query' && p.schema?.value.maximum === undefined && PAGE_SIZE.test(p.name)) hits.push({ op, at: p.at, note: () => `${op.method.toUpperCase()} ${op.path} ?${p.name}` });
      }
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'page-size parameter')} ${n === 1 ? 'has' : 'have'} no maximum.`);
  },
);
